import { expiryWords, type ExpiryKind, type ExpiryWords } from '../../../shared/expiry-words.js';
import type { ProfileView } from '../../../shared/profile-types.js';

/** What ends first for a profile, as the user sees it: an SSO profile's sign-in (its role credentials renew by themselves while it lasts), else its temporary credentials. */
export function profileExpiry(p: ProfileView, now: number): (ExpiryWords & { kind: ExpiryKind }) | undefined {
  if (p.signIn) return { ...expiryWords(p.signIn.expiresAt, new Date(now), 'sign-in'), kind: 'sign-in' };
  if (p.expiresAt) return { ...expiryWords(p.expiresAt, new Date(now), 'credentials'), kind: 'credentials' };
  return undefined;
}

/** Profiles that share one sign-in: the same sso-session, else the same start URL. */
export function signInGroup(p: ProfileView): string | undefined {
  return p.sso ? (p.sso.session ? `session:${p.sso.session}` : `url:${p.sso.startUrl}`) : undefined;
}
