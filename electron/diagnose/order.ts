// Causes in the order to fix them: credentials, the EKS API, the endpoint; then, when the identity gets in,
// kubectl's side; when it does not, the mapping (most specific first) and then kubectl's side.
import type { RankedCause } from './context.js';
import type { Cause } from './types.js';

export function orderCauses(causes: RankedCause[]): Cause[] {
  const seen = new Set<string>();
  return causes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.rank - b.c.rank || a.i - b.i)
    .filter(({ c }) => {
      const key = `${c.code}\u0000${c.detail}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(({ c: { rank: _rank, ...cause } }) => cause);
}
