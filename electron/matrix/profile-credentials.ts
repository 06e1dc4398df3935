// A profile's credentials for one scan, resolved once: keys (main process only) and who they belong to.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { statusOfError } from '../profiles/check.js';
import { CredentialFailure, resolveCredentials, type MfaSessionStore, type ResolvedCredentials } from '../profiles/credentials.js';
import type { ProfilesDeps } from '../profiles/deps.js';
import { regionFor, type LoadedProfiles, type ProfileDescriptor } from '../profiles/load.js';
import { awsErrorOf } from '../clusters/errors.js';

export type ProfileCredentials =
  | {
      ok: true;
      credentials: ResolvedCredentials;
      identityArn?: string;
      account?: string;
      /** GetCallerIdentity failed: the keys exist but AWS rejects them (they still get probed, as kubectl would). */
      identityError?: { status: string; code: string; message: string };
    }
  | { ok: false; status: string; code: string; message: string };

export async function resolveProfileForScan(
  d: ProfileDescriptor,
  loaded: LoadedProfiles,
  deps: ProfilesDeps,
  mfa: MfaSessionStore,
  signal?: AbortSignal,
): Promise<ProfileCredentials> {
  let credentials: ResolvedCredentials;
  try {
    credentials = await resolveCredentials(d.name, loaded, deps, mfa, { signal });
  } catch (err) {
    if (err instanceof CredentialFailure) return { ok: false, status: err.status, code: err.code, message: err.message };
    const { code, message } = awsErrorOf(err);
    return { ok: false, status: statusOfError(code), code, message };
  }
  if (credentials.expiration && new Date(credentials.expiration).getTime() <= deps.now().getTime()) {
    return { ok: false, status: 'expired', code: 'ExpiredToken', message: `the credentials expired at ${new Date(credentials.expiration).toISOString()}` };
  }
  try {
    const out = await deps.aws.sts(regionFor(d, deps), credentials).send(new GetCallerIdentityCommand({}), { abortSignal: signal });
    return { ok: true, credentials, ...(out.Arn ? { identityArn: out.Arn } : {}), ...(out.Account ? { account: out.Account } : {}) };
  } catch (err) {
    const { code, message } = awsErrorOf(err);
    return { ok: true, credentials, identityError: { status: statusOfError(code), code, message } };
  }
}

/** STS codes meaning AWS rejects the keys themselves: a deleted or inactive key, an expired session. */
const REJECTED_CODES = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'InvalidAccessKeyId', 'ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);

/**
 * Why a profile whose keys AWS rejects makes no usable credentials, in words — or undefined when it does. Its
 * cells say so (NO_CREDENTIALS with the reason) rather than a row of 401s that look like missing mappings.
 */
export function rejectedCredentials(pc: ProfileCredentials): { status: string; code: string; message: string } | undefined {
  if (!pc.ok || !pc.identityError || !REJECTED_CODES.has(pc.identityError.code)) return undefined;
  const { status, code } = pc.identityError;
  const why = /Expired|RequestExpired/.test(code)
    ? `AWS rejects this profile's session as expired (${code}): sign in again or get new credentials`
    : `AWS rejects this profile's access key (${code}): the key or its user was deleted, or the key is inactive`;
  return { status, code, message: `${why}; every token made with it is refused.` };
}
