// After a grant: probe the cell again as the identity that needed access (electron/probe/probe-cell.ts).
import { createScanAwsClients } from '../clusters/aws-clients.js';
import { ClusterAgents } from '../probe/cluster-agents.js';
import { probeCell } from '../probe/probe-cell.js';
import { makeToken } from '../probe/probe-job.js';
import { DEFAULT_RETRY_POLICY } from '../common/retry.js';
import type { CellResult } from '../probe/types.js';
import type { Env } from '../profiles/deps.js';
import { generateToken } from '../token/generate.js';
import type { ClusterTarget, Writer } from './types.js';

/** `who` is the identity that was refused (its profile and credentials), not the writer. */
export async function verifyGrant(cluster: ClusterTarget, who: Writer, env: Env, timeoutMs = 10_000): Promise<CellResult> {
  const aws = createScanAwsClients(env, { maxAttempts: 3 });
  const agents = new ClusterAgents(8);
  try {
    return await probeCell(
      { profile: who.profile, cluster: { arn: cluster.arn, name: cluster.name, endpoint: cluster.endpoint, caData: cluster.caData } },
      {
        token: await makeToken(async () => (await generateToken(aws.sts(cluster.region, who.credentials), cluster.name)).token),
        agent: agents.forCluster(cluster.endpoint, cluster.caData),
        slot: (call) => call(),
        timeoutMs,
        retry: DEFAULT_RETRY_POLICY,
      },
    );
  } finally {
    agents.destroy();
    aws.destroy();
  }
}
