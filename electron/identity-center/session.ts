// An IAM Identity Center sign-in as the aws CLI names it: an [sso-session NAME] section of the config file (start
// URL, region, scopes), or a start URL the user typed, which gets a session name of its own so the aws CLI, the
// SDKs and this app all find its token in the same cache file (~/.aws/sso/cache/<sha1 of the name>.json).
import type { LoadedProfiles } from '../profiles/load.js';
import { readSsoToken, type SsoCachedToken } from '../profiles/sso-cache.js';
import type { Env } from '../profiles/deps.js';

export interface SsoSession {
  name: string;
  startUrl: string;
  region: string;
  scopes: string[];
  /** Whether an [sso-session NAME] section already says this (else saving profiles writes one). */
  inConfig: boolean;
}

/** The caller named something that does not exist or cannot be used (CLI exit 2). */
export class SessionArgumentError extends Error {}

/** The sign-in is missing or expired: the user must sign in again. */
export class SignInNeededError extends Error {
  readonly code = 'SSO_SIGN_IN_NEEDED';
}

export const DEFAULT_SCOPES = ['sso:account:access'];

export function sessionFromConfig(loaded: LoadedProfiles, name: string): SsoSession {
  const s = loaded.ssoSessions[name];
  if (!s) {
    const known = Object.keys(loaded.ssoSessions);
    throw new SessionArgumentError(`no [sso-session ${name}] section in ${loaded.files.config}${known.length ? ` (sessions there: ${known.join(', ')})` : ''}`);
  }
  if (!s.sso_start_url || !s.sso_region) throw new SessionArgumentError(`[sso-session ${name}] in ${loaded.files.config} needs sso_start_url and sso_region`);
  const scopes = s.sso_registration_scopes?.split(',').map((x) => x.trim()).filter(Boolean);
  return { name, startUrl: s.sso_start_url, region: s.sso_region, scopes: scopes?.length ? scopes : DEFAULT_SCOPES, inConfig: true };
}

export function isStartUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'https:' && u.hostname.includes('.');
  } catch {
    return false;
  }
}

/**
 * The session for a start URL: the config's own session for that URL when there is one, else a new name from the
 * URL's first host label (acme.awsapps.com → acme), not yet used by another session.
 */
export function sessionForStartUrl(loaded: LoadedProfiles, startUrl: string, region: string): SsoSession {
  if (!isStartUrl(startUrl)) throw new SessionArgumentError(`"${startUrl}" is not a start URL (like https://my-company.awsapps.com/start)`);
  const same = (a: string) => a.replace(/\/+$/, '').replace(/#.*$/, '') === startUrl.replace(/\/+$/, '').replace(/#.*$/, '');
  for (const [name, s] of Object.entries(loaded.ssoSessions)) {
    if (s.sso_start_url && same(s.sso_start_url)) return sessionFromConfig(loaded, name);
  }
  const base = new URL(startUrl).hostname.split('.')[0]!.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'identity-center';
  let name = base;
  for (let n = 2; loaded.ssoSessions[name]; n++) name = `${base}-${n}`;
  return { name, startUrl, region, scopes: DEFAULT_SCOPES, inConfig: false };
}

/** The cached token of the session, or why there is none that works now. */
export async function validToken(env: Env, session: SsoSession, now: Date): Promise<SsoCachedToken> {
  const token = await readSsoToken(env, { startUrl: session.startUrl, session: session.name });
  const how = `sign in again (Profiles page → Sign in with IAM Identity Center, or aws sso login --sso-session ${session.name})`;
  if (!token) throw new SignInNeededError(`no sign-in is cached for IAM Identity Center session "${session.name}": ${how}`);
  if (Date.parse(token.expiresAt) <= now.getTime()) throw new SignInNeededError(`the sign-in of IAM Identity Center session "${session.name}" expired at ${token.expiresAt}: ${how}`);
  return token;
}
