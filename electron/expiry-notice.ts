// The words of the desktop notification ten minutes before a sign-in or temporary credentials expire.
import { expiryWords } from '../shared/expiry-words.js';
import type { ExpiryWarning } from '../shared/profile-types.js';

export function expiryNotice(w: ExpiryWarning, now = new Date()): { title: string; body: string } {
  const who = w.profiles.length > 1 ? `${w.profile} and ${w.profiles.length - 1} more` : w.profile;
  const when = expiryWords(w.expiresAt, now, w.kind).text;
  if (w.kind === 'sign-in') {
    return {
      title: 'Your AWS sign-in ends soon',
      body: `${who}: ${when}. ${w.canRefresh ? 'Open EKS Access Doctor and choose "Stay signed in".' : 'Open EKS Access Doctor and choose "Sign in again".'}`,
    };
  }
  return { title: 'Your AWS credentials end soon', body: `${who}: ${when}. Open EKS Access Doctor to check the profile again.` };
}
