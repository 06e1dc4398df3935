// The scan a diagnosis reads when its host has none, and which scanned cluster a name (and region) means. The
// diagnosis uses both, and so does the CLI when it turns `--cluster NAME [--region R]` into the cluster ARN the
// contract asks for: the two must pick the same cluster.
import type { MfaSessionStore } from '../profiles/credentials.js';
import type { Env } from '../profiles/deps.js';
import { MatrixScan } from '../matrix/engine.js';
import type { MatrixSnapshot, ScanCluster, ScanEvent } from '../matrix/events.js';

/** Every profile against the clusters of the region asked for — without one, of every region the profiles use, the profile's own first. */
export async function scanForCell(opts: { env: Env; region?: string; profileRegion: string; timeoutMs?: number; now?: () => Date; mfa?: MfaSessionStore; onEvent?: (e: ScanEvent) => void }): Promise<MatrixSnapshot> {
  const regions = opts.region ? { only: [opts.region] } : { extra: [opts.profileRegion] };
  const scan = new MatrixScan({ regions, timeoutMs: opts.timeoutMs ?? 5000 }, { env: opts.env, ...(opts.now ? { now: opts.now } : {}), ...(opts.mfa ? { mfa: opts.mfa } : {}) });
  if (opts.onEvent) scan.on('event', opts.onEvent);
  try {
    return await scan.done;
  } finally {
    scan.close();
  }
}

/**
 * The scanned cluster of that name the diagnosis is about: in the region asked for (any region when none was), the
 * one in `region` first, then the one in the profile's own account.
 */
export function scannedCluster(matrix: MatrixSnapshot, c: { name: string; region: string; requestedRegion: boolean; account?: string }): ScanCluster | undefined {
  const named = matrix.clusters.filter((x) => x.name === c.name);
  const rank = (x: ScanCluster) => (x.region === c.region ? 0 : 2) + (x.account === c.account ? 0 : 1);
  return named.filter((x) => !c.region || x.region === c.region || !c.requestedRegion).sort((a, b) => rank(a) - rank(b))[0];
}
