// CLOCK_SKEW evidence: AWS's "Signature expired: <date> is now earlier than <limit> (<aws now> - 5 min.)" and
// "Signature not yet current: … (<aws now> + 5 min.)" carry AWS's own clock; the difference to ours is the skew.
import type { Evidence } from './types.js';

const SKEW_MESSAGE = /Signature (?:expired|not yet current): \d{8}T\d{6}Z is (?:now earlier|still later) than \d{8}T\d{6}Z \((\d{8}T\d{6}Z) [+-] \d+ min\.\)/;
/** A skew beyond this is what AWS refuses (5 minutes), with margin for slow answers. */
export const SKEW_LIMIT_SECONDS = 240;

function parseAmzDate(s: string): number {
  return Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(9, 11), +s.slice(11, 13), +s.slice(13, 15));
}

/** Seconds AWS's clock is ahead of ours, from an AWS error message; undefined when the message says nothing. */
export function skewFromMessage(message: string | undefined, localNow: Date): number | undefined {
  const m = message ? SKEW_MESSAGE.exec(message) : null;
  if (!m) return undefined;
  return Math.round((parseAmzDate(m[1]!) - localNow.getTime()) / 1000);
}

export function clockSkewFrom(e: Evidence, localNow: Date): number | undefined {
  const messages = [
    e.profileView.error?.message,
    e.kubectl?.failure?.message,
    e.kubectl?.failure?.stderr,
    e.ownDescribe && !e.ownDescribe.ok ? e.ownDescribe.failure.message : undefined,
    ...e.profiles.map((p) => p.error?.message),
  ];
  for (const m of messages) {
    const s = skewFromMessage(m, localNow);
    if (s !== undefined) return s;
  }
  return undefined;
}
