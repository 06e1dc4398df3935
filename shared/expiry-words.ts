// How long a sign-in or a set of temporary credentials still works, in words a non-expert understands:
// "Signed in until 14:32 (in 25 minutes)", "Expired 2 hours ago — sign in again". The Profiles page, the matrix
// and the expiry warning say the same.

/** The app warns this long before a sign-in or temporary credentials expire. */
export const EXPIRY_WARNING_MS = 10 * 60_000;

export type ExpiryKind = 'sign-in' | 'credentials';

export interface ExpiryWords {
  /** The sentence to show. */
  text: string;
  /** ok: more than ten minutes left; soon: ten minutes or less; expired: past. */
  tone: 'ok' | 'soon' | 'expired';
}

/** "25 minutes", "1 hour 5 minutes", "3 days": the rough length of a span, never in seconds. */
export function spanWords(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest && hours < 10 ? `${plural(hours, 'hour')} ${plural(rest, 'minute')}` : plural(Math.round(minutes / 60), 'hour');
  }
  return plural(Math.round(hours / 24), 'day');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

// Building a date format is the costly part (a table of 12 profiles asks for dozens at its first render): each
// one is built once per time zone and kept: per zone named, else for the machine's own zone at its current offset
// (asking the machine for its zone's name costs as much as building a format).
const formats = new Map<string, { time: Intl.DateTimeFormat; day: Intl.DateTimeFormat }>();

function formatsFor(now: Date, timeZone?: string): { time: Intl.DateTimeFormat; day: Intl.DateTimeFormat } {
  const key = timeZone ?? `local ${now.getTimezoneOffset()}`;
  let kept = formats.get(key);
  if (!kept) {
    kept = {
      time: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, ...(timeZone ? { timeZone } : {}) }),
      day: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', ...(timeZone ? { timeZone } : {}) }),
    };
    formats.set(key, kept);
  }
  return kept;
}

/** The clock time of an instant in the user's time zone (24-hour), with the date when it is not today. */
export function clockWords(at: Date, now: Date, timeZone?: string): string {
  const { time, day } = formatsFor(now, timeZone);
  const clock = time.format(at);
  const atDay = day.format(at);
  return atDay === day.format(now) ? clock : `${atDay.replace(/ \d{4}$/, '')} ${clock}`;
}

/**
 * What an expiry means now. A sign-in (IAM Identity Center) is "signed in until …"; temporary credentials
 * (a role session, a credential helper's keys) "work until …". Past: how long ago, and what to do.
 */
export function expiryWords(expiresAt: string | Date, now: Date, kind: ExpiryKind, timeZone?: string): ExpiryWords {
  const at = typeof expiresAt === 'string' ? new Date(expiresAt) : expiresAt;
  if (Number.isNaN(at.getTime())) return { text: kind === 'sign-in' ? 'Sign-in time unknown' : 'Expiry unknown', tone: 'ok' };
  const left = at.getTime() - now.getTime();
  if (left <= 0) {
    const ago = -left < 60_000 ? 'just now' : `${spanWords(-left)} ago`;
    return { text: kind === 'sign-in' ? `Expired ${ago} — sign in again` : `Expired ${ago} — get new credentials`, tone: 'expired' };
  }
  const until = `until ${clockWords(at, now, timeZone)} (in ${spanWords(left)})`;
  return { text: kind === 'sign-in' ? `Signed in ${until}` : `Works ${until}`, tone: left <= EXPIRY_WARNING_MS ? 'soon' : 'ok' };
}
