// The authenticator's replay of a token's presigned GetCallerIdentity URL (EKS-AUTH-REFERENCE §2 step 12).
// Placeholder signature; the STS work fills it in.
import type { World } from '../world/world.js';
import type { Caller } from '../world/types.js';

export interface StsReplayResult {
  /** HTTP status STS answered: 200, or 403 etc. */
  status: number;
  /** The body STS answered with `Accept: application/json` (success or {Error:{Code,Message}}). */
  body: string;
  /** Set when status is 200. */
  caller?: Caller;
}

/** Replays `url` (the decoded token) with header x-k8s-aws-id: clusterName, as STS would judge it. */
export function replayGetCallerIdentity(_world: World, _url: URL, _clusterName: string): StsReplayResult {
  return { status: 500, body: JSON.stringify({ Error: { Code: 'NotImplemented', Message: 'not implemented yet' } }) };
}
