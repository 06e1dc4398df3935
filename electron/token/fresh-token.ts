// A new EKS token for the `token` command, loaded only when its cache has none: the profile's credentials
// (access keys without any AWS client; other kinds through the app's one resolver, sdk-credentials.ts) and one
// SigV4 presign.
import { envCredentials, type Env } from '../profiles/deps.js';
import type { ResolvedCredentials } from '../profiles/credentials.js';
import { ENV_PROFILE_NAME, loadProfiles, regionFor, type ProfileDescriptor } from '../profiles/load.js';
import { localCredentials } from '../profiles/local-credentials.js';
import type { CachedToken } from './cache.js';
import { tokenOf } from './exec-credential.js';
import { presignAt } from './presign-local.js';
import { stsSigningTarget } from './sts-endpoint.js';
import { unknownProfileMessage } from '../common/unknown-profile.js';

export interface TokenRequest {
  profile?: string;
  cluster: string;
  region?: string;
  roleArn?: string;
}

/** A failure the user can act on (an unknown profile), said in one line without an error code. */
export class TokenFailure extends Error {
  override name = 'TokenFailure';
}

/**
 * The profile as the aws CLI picks it: --profile; without it, keys in the environment come before
 * AWS_PROFILE (botocore's chain), then AWS_PROFILE, AWS_DEFAULT_PROFILE and "default".
 */
function chosenProfile(flag: string | undefined, env: Env): string {
  if (flag) return flag;
  if (envCredentials(env)) return ENV_PROFILE_NAME;
  return env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
}

/**
 * AWS_STS_REGIONAL_ENDPOINTS, else the `sts_regional_endpoints` of the profile the CLI's session names — even when
 * keys in the environment sign, botocore reads its settings from that profile's section.
 */
function stsRegionalEndpoints(flag: string | undefined, env: Env, profiles: ProfileDescriptor[]): string | undefined {
  if (env.AWS_STS_REGIONAL_ENDPOINTS !== undefined) return env.AWS_STS_REGIONAL_ENDPOINTS;
  const name = flag || env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
  return profiles.find((p) => p.name === name)?.settings.sts_regional_endpoints;
}

export async function freshToken(request: TokenRequest, env: Env, now: Date): Promise<CachedToken> {
  const { cluster, roleArn } = request;
  const loaded = await loadProfiles(env);
  // A config file the aws CLI refuses as a whole gives no token here either.
  if (loaded.refusal) throw new TokenFailure(loaded.refusal);
  const profile = chosenProfile(request.profile, env);
  const descriptor = loaded.profiles.find((p) => p.name === profile);
  if (!descriptor) throw new TokenFailure(unknownProfileMessage(profile, loaded.files));
  const region = request.region ?? regionFor(descriptor, { env });
  const sdk = () => import('./sdk-credentials.js');
  let credentials: ResolvedCredentials = localCredentials(descriptor, env) ?? (await (await sdk()).profileCredentials(profile, env));
  // As `aws eks get-token --role-arn`: the role first, with the CLI's session name.
  if (roleArn) credentials = await (await sdk()).assumeRoleAs(credentials, roleArn, 'EKSGetTokenAuth', region, env);
  const target = stsSigningTarget(region, { ...env, AWS_STS_REGIONAL_ENDPOINTS: stsRegionalEndpoints(request.profile, env, loaded.profiles) });
  const signed = tokenOf(presignAt(target.endpoint, target.signingRegion, credentials, cluster, now), now);
  return { ...signed, ...(credentials.expiration ? { credentialsExpireAt: credentials.expiration } : {}) };
}
