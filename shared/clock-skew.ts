/**
 * AWS's "Signature expired: <date> is now earlier than <limit> (<aws now> - 5 min.)" and "Signature not yet
 * current: … (<aws now> + 5 min.)" carry AWS's own clock; the difference to this machine's is the skew. Shared by
 * the diagnosis, the matrix command and the UI's matrix; no runtime dependencies.
 */
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

/** "this machine's clock is 60 min behind AWS's clock" (positive seconds: AWS is ahead). */
export function skewText(seconds: number): string {
  const abs = Math.abs(seconds);
  const amount = abs >= 5400 ? `${(abs / 3600).toFixed(1)} h` : abs >= 60 ? `${Math.round(abs / 60)} min` : `${abs} s`;
  return `this machine's clock is ${amount} ${seconds > 0 ? 'behind' : 'ahead of'} AWS's clock`;
}

/** The first message of these that reveals a skew AWS refuses: the skew and AWS's own words. */
export function clockSkewIn(messages: Array<string | undefined>, localNow: Date): { seconds: number; message: string } | undefined {
  for (const m of messages) {
    const seconds = skewFromMessage(m, localNow);
    if (seconds !== undefined && Math.abs(seconds) > SKEW_LIMIT_SECONDS) return { seconds, message: m! };
  }
  return undefined;
}
