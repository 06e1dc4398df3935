// The lower bound of a matrix scan on a generated world with a fixed latency per answer, and the busiest account's own
// floor: what bench/matrix.ts and bench/matrix-bundled.ts divide the app's time by.
import type { ScanStats } from '../electron/matrix/events.js';

export const LATENCY_MS = 50;
/**
 * The longest chain of calls that depend on each other for one cell: credentials (AssumeRole / SSO
 * GetRoleCredentials) → GetCallerIdentity → ListClusters → DescribeCluster → SelfSubjectReview →
 * SelfSubjectAccessReviews. Tokens are presigned locally, and the per-cluster TLS reachability check is a
 * handshake the sandbox does not delay (no HTTP answer), so neither counts.
 */
export const CHAIN_CALLS = 6;

export function lowerBound(st: ScanStats) {
  const awsSlots = st.settings.awsConcurrencyPerAccount * Math.max(1, st.accounts);
  const chain = CHAIN_CALLS * LATENCY_MS;
  const kube = (st.kubeRequests * LATENCY_MS) / st.settings.kubeConcurrency;
  const aws = (st.awsRequests * LATENCY_MS) / awsSlots;
  const all = ((st.kubeRequests + st.awsRequests) * LATENCY_MS) / (st.settings.kubeConcurrency + awsSlots);
  return { chain, kube, aws, all, bound: Math.max(chain, kube, aws, all), awsSlots };
}

/**
 * A tighter view than the formula (which pools every account's slots): one account's discovery calls all
 * go through that account's limit, and none can start before a profile's GetCallerIdentity says which account it is.
 */
export function busiestAccount(st: ScanStats): { account: string; calls: number; slots: number; ms: number } | undefined {
  const slots = st.settings.awsConcurrencyPerAccount;
  const rows = Object.entries(st.discoveryCallsByAccount ?? {}).map(([account, calls]) => ({
    account,
    calls,
    slots,
    ms: LATENCY_MS + Math.ceil(calls / slots) * LATENCY_MS,
  }));
  return rows.sort((a, b) => b.ms - a.ms)[0];
}
