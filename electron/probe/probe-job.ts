// What a cell's probe is given — the cluster, the profile, a token made beforehand — and how it ends when
// cancelled. Apart from probe-cell.ts (and client-node), so the scan's thread can hand probes to the Kubernetes
// worker without loading client-node itself.
import { firstLine } from '../common/first-line.js';

export interface ProbeTarget {
  profile: string;
  cluster: { arn: string; name: string; endpoint: string; caData: string };
  describedVia?: string;
  identityArn?: string;
}

/**
 * The cell's EKS token (generateToken with the profile's credentials), made before the probe on the thread that
 * holds the credentials, with how long that took — or why it could not be made.
 */
export type MadeToken = { ok: true; token: string; ms: number } | { ok: false; message: string; ms: number };

export async function makeToken(make: () => Promise<string>): Promise<MadeToken> {
  const started = performance.now();
  try {
    const token = await make();
    return { ok: true, token, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, message: firstLine(err), ms: Math.round(performance.now() - started) };
  }
}

/** Thrown when the scan is cancelled mid-probe: the cell has no result. */
export class ProbeCancelled extends Error {}
