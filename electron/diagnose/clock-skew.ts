// CLOCK_SKEW evidence: the first AWS answer of the diagnosis that carries AWS's own clock (shared/clock-skew.ts).
import { skewFromMessage } from '../../shared/clock-skew.js';
import type { Evidence } from './types.js';

export { SKEW_LIMIT_SECONDS, skewFromMessage } from '../../shared/clock-skew.js';

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
