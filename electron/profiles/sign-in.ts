// The IAM Identity Center sign-in behind an SSO profile: when it expires, and whether it renews without the
// browser — read from the token the aws CLI caches, never handing the token itself out.
import type { SignInView } from '../../shared/profile-types.js';
import type { ProfilesDeps } from './deps.js';
import type { ProfileDescriptor } from './load.js';
import { readSsoToken, type SsoCachedToken } from './sso-cache.js';

/** botocore renews only with a refresh token and a client registration that has not expired (tokens.py). */
export function canRefresh(token: SsoCachedToken, now: Date): boolean {
  if (!token.refreshToken || !token.clientId || !token.clientSecret || !token.registrationExpiresAt) return false;
  return Date.parse(token.registrationExpiresAt) > now.getTime();
}

export async function readSignIn(d: ProfileDescriptor, deps: Pick<ProfilesDeps, 'env' | 'now'>): Promise<SignInView | undefined> {
  if (d.type !== 'sso' || !d.sso?.startUrl) return undefined;
  const token = await readSsoToken(deps.env, d.sso);
  if (!token || Number.isNaN(Date.parse(token.expiresAt))) return undefined;
  return { expiresAt: new Date(token.expiresAt).toISOString(), canRefresh: canRefresh(token, deps.now()) };
}

/** Profiles that share one sign-in: the same sso-session, or the same start URL for legacy profiles. */
export function signInKey(d: Pick<ProfileDescriptor, 'sso'>): string | undefined {
  return d.sso ? (d.sso.session ? `session:${d.sso.session}` : `url:${d.sso.startUrl}`) : undefined;
}
