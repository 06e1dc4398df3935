import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { ProfileStatus, ProfileView } from '../../shared/profile-types.js';
import { identityFromCaller } from './arn.js';
import { CredentialFailure, resolveCredentials, type MfaSessionStore, type ResolveOptions } from './credentials.js';
import type { ProfilesDeps } from './deps.js';
import { withDeadline } from '../common/deadline.js';
import { seconds } from '../process/run-child.js';
import { regionFor, type LoadedProfiles, type ProfileDescriptor } from './load.js';

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired']);
const INVALID = new Set(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'UnrecognizedClientException', 'InvalidAccessKeyId', 'AuthFailure', 'IncompleteSignature']);

/** The status a failure means for the user. */
export function statusOfError(code: string): ProfileStatus {
  if (EXPIRED.has(code)) return 'expired';
  if (INVALID.has(code)) return 'invalid';
  return 'error';
}

/** The row the renderer sees: no secrets, only what was checked. */
export function toView(d: ProfileDescriptor, result?: Partial<ProfileView>): ProfileView {
  const s = d.settings;
  return {
    name: d.name,
    type: d.type,
    region: d.region,
    source: d.source,
    ...(s.role_arn ? { roleArn: s.role_arn } : {}),
    ...(s.source_profile ? { sourceProfile: s.source_profile } : {}),
    ...(s.credential_source ? { credentialSource: s.credential_source } : {}),
    ...(d.mfa ? { mfaSerial: d.mfa.serial } : {}),
    ...(d.sso ? { sso: { startUrl: d.sso.startUrl, region: d.sso.region, accountId: d.sso.accountId, roleName: d.sso.roleName, session: d.sso.session } } : {}),
    status: 'unchecked',
    warnings: [...d.warnings],
    ...result,
  };
}

/** Who is this profile, really? Resolves credentials and asks STS GetCallerIdentity; never throws. */
export async function checkProfile(
  d: ProfileDescriptor,
  loaded: LoadedProfiles,
  deps: ProfilesDeps,
  mfa: MfaSessionStore,
  opts: Omit<ResolveOptions, 'signal'> = {},
  /** Told who the credentials are as soon as STS answers (the Profiles service reads the account's alias with them). */
  onIdentity?: (account: string, credentials: AwsCredentialIdentity, region: string) => void,
): Promise<ProfileView> {
  const checkedAt = deps.now().toISOString();
  try {
    const ms = deps.checkTimeoutMs;
    return await withDeadline(ms, () => new CredentialFailure('error', 'Timeout', `the check did not answer within ${seconds(ms)} s`), async (signal) => {
      const creds = await resolveCredentials(d.name, loaded, deps, mfa, { ...opts, signal });
      const region = regionFor(d, deps);
      const out = await deps.aws.sts(region, creds).send(new GetCallerIdentityCommand({}), { abortSignal: signal });
      const identity = identityFromCaller(out.Arn ?? '', out.Account ?? '', out.UserId ?? '');
      if (identity.account) onIdentity?.(identity.account, creds, region);
      const expiresAt = creds.expiration ? new Date(creds.expiration).toISOString() : undefined;
      const expired = creds.expiration && new Date(creds.expiration).getTime() <= deps.now().getTime();
      return toView(d, { status: expired ? 'expired' : 'valid', identity, checkedAt, ...(expiresAt ? { expiresAt } : {}) });
    });
  } catch (err) {
    if (err instanceof CredentialFailure) {
      return toView(d, { status: err.status, error: { code: err.code, message: err.message }, checkedAt });
    }
    const e = err as { name?: string; Code?: string; code?: string; message?: string };
    const code = e.Code ?? (e.name && e.name !== 'Error' ? e.name : undefined) ?? e.code ?? 'Error';
    const message = (e.message || String(err)).split('\n')[0]!;
    return toView(d, { status: statusOfError(code), error: { code, message }, checkedAt });
  }
}
