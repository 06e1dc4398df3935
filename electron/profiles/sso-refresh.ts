import { CreateTokenCommand } from '@aws-sdk/client-sso-oidc';
import type { ProfilesDeps } from './deps.js';
import type { ProfileDescriptor } from './load.js';
import { canRefresh } from './sign-in.js';
import { botocoreTime, readSsoToken, writeSsoToken } from './sso-cache.js';

export type RefreshOutcome = { refreshed: true; cacheFile: string; expiresAt: string } | { refreshed: false; reason: string };

/** Answers of CreateToken that mean "this refresh token is done for": sign in with the browser instead. */
const SIGN_IN_AGAIN = new Set(['InvalidGrantException', 'ExpiredTokenException', 'InvalidClientException', 'UnauthorizedClientException', 'AccessDeniedException']);

/**
 * Renews an sso-session sign-in with its refresh token, as the aws CLI v2 does (SSO OIDC CreateToken,
 * grant_type refresh_token), and writes the new token where and as botocore caches it (tokens.py
 * _refresh_access_token: same file, the registration kept, the new refresh token when one comes back).
 */
export async function refreshSignIn(d: ProfileDescriptor, deps: ProfilesDeps, signal?: AbortSignal): Promise<RefreshOutcome> {
  const sso = d.sso;
  if (!sso?.startUrl || !sso.region) return { refreshed: false, reason: `profile "${d.name}" is not an SSO profile` };
  if (!sso.session) return { refreshed: false, reason: 'this profile signs in with the older sso_start_url settings, which have no refresh token' };
  const token = await readSsoToken(deps.env, sso);
  if (!token) return { refreshed: false, reason: 'there is no sign-in to renew' };
  if (!canRefresh(token, deps.now())) return { refreshed: false, reason: 'the sign-in has no refresh token, or its client registration expired' };
  try {
    const out = await deps.aws.ssoOidc(sso.region).send(
      new CreateTokenCommand({ grantType: 'refresh_token', clientId: token.clientId!, clientSecret: token.clientSecret!, refreshToken: token.refreshToken! }),
      { abortSignal: signal },
    );
    if (!out.accessToken || !out.expiresIn) return { refreshed: false, reason: 'the sign-in service returned no new token' };
    const expiresAt = botocoreTime(new Date(deps.now().getTime() + out.expiresIn * 1000));
    const cacheFile = await writeSsoToken(deps.env, sso, {
      startUrl: sso.startUrl,
      region: sso.region,
      accessToken: out.accessToken,
      expiresAt,
      clientId: token.clientId!,
      clientSecret: token.clientSecret!,
      registrationExpiresAt: token.registrationExpiresAt!,
      ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
    });
    return { refreshed: true, cacheFile, expiresAt };
  } catch (err) {
    const e = err as { name?: string; message?: string };
    if (e.name && SIGN_IN_AGAIN.has(e.name)) return { refreshed: false, reason: 'the sign-in service no longer accepts the refresh token' };
    throw err;
  }
}
