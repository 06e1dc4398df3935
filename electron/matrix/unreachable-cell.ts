// The cell of a cluster whose endpoint did not answer a connection: UNREACHABLE, with the failed connect as its
// only step — no token is made for it.
import type { Reachability } from '../probe/reachability.js';
import type { CellResult } from '../probe/types.js';

export function unreachableCell(
  target: { profile: string; describedVia: string; identityArn?: string },
  cluster: { arn: string; endpoint?: string },
  reached: Extract<Reachability, { reachable: false }>,
  ms: number,
): CellResult {
  return {
    profile: target.profile,
    clusterArn: cluster.arn,
    outcome: 'UNREACHABLE',
    message: `${reached.code}: ${reached.message}`,
    ms,
    evidence: {
      endpoint: cluster.endpoint,
      describedVia: target.describedVia,
      ...(target.identityArn ? { identityArn: target.identityArn } : {}),
      steps: [{ call: 'connect', ok: false, errorCode: reached.code, message: reached.message, attempts: 1, ms: reached.ms }],
    },
  };
}
