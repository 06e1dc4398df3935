// One EKS context as kubectl lives it: its credential helper run exactly as kubectl runs it (kubectl-identity.ts),
// the token's IAM identity as STS gives it, and the cluster's answer to that very token at the context's own server.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { clusterArnOf } from '../../shared/cluster-arn.js';
import type { MatrixOutcome } from '../../shared/matrix-types.js';
import { identityOfContext, type KubectlIdentity } from '../diagnose/kubectl-identity.js';
import type { FoundContext } from '../kubeconfig/find.js';
import type { MergedKubeconfig } from '../kubeconfig/merge.js';
import { ClusterAgents } from '../probe/cluster-agents.js';
import { probeCell } from '../probe/probe-cell.js';
import { makeToken } from '../probe/probe-job.js';
import { DEFAULT_RETRY_POLICY } from '../common/retry.js';
import type { Env } from '../profiles/deps.js';
import type { ContextFacts } from './describe.js';

export interface ContextRun {
  identity?: KubectlIdentity;
  identityArn?: string;
  account?: string;
  username?: string;
  outcome: MatrixOutcome;
  /** Why no token was made, or what the cluster said. */
  problem?: string;
}

export interface ContextRunOptions {
  env: Env;
  fromGui?: boolean;
  execTimeoutMs?: number;
  probeTimeoutMs?: number;
}

async function caDataOf(facts: ContextFacts): Promise<string | undefined> {
  if (facts.caData) return facts.caData;
  if (!facts.caFile) return undefined;
  // client-go reads a relative certificate-authority path against the kubeconfig's folder.
  const file = path.isAbsolute(facts.caFile) ? facts.caFile : path.resolve(path.dirname(facts.file), facts.caFile);
  return (await readFile(file)).toString('base64');
}

/** The cluster's answer to `token` at the context's server, as the matrix probe asks it. */
async function probeWithToken(facts: ContextFacts, token: string, clusterArn: string, opts: ContextRunOptions): Promise<Pick<ContextRun, 'outcome' | 'username' | 'problem'> & { extraArn?: string }> {
  let caData: string | undefined;
  try {
    caData = await caDataOf(facts);
  } catch (err) {
    return { outcome: 'ERROR', problem: `the context's certificate-authority file cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (!facts.server || !caData) return { outcome: 'ERROR', problem: 'the context has no server or certificate authority, so it was not probed' };
  const agents = new ClusterAgents(4);
  try {
    const cell = await probeCell(
      { profile: facts.name, cluster: { arn: clusterArn, name: facts.clusterName ?? facts.name, endpoint: facts.server, caData } },
      {
        token: await makeToken(async () => token),
        agent: agents.forCluster(facts.server, caData),
        slot: (call) => call(),
        timeoutMs: opts.probeTimeoutMs ?? 10_000,
        retry: DEFAULT_RETRY_POLICY,
      },
    );
    const extraArn = cell.evidence.extra?.arn?.[0];
    return {
      outcome: cell.outcome,
      ...(cell.username !== undefined ? { username: cell.username } : {}),
      ...(cell.message ? { problem: cell.message } : {}),
      ...(extraArn ? { extraArn } : {}),
    };
  } finally {
    agents.destroy();
  }
}

export async function runContext(kc: MergedKubeconfig, found: FoundContext, facts: ContextFacts, opts: ContextRunOptions): Promise<ContextRun> {
  let token: string | undefined;
  let identity: KubectlIdentity | undefined;
  const user = found.user?.entry.user;
  if (user?.exec) {
    identity = await identityOfContext(kc, found, {
      env: opts.env,
      cluster: { name: facts.clusterName ?? facts.name, arn: facts.clusterArn ?? facts.name },
      ...(opts.fromGui ? { fromGui: true } : {}),
      ...(opts.execTimeoutMs ? { timeoutMs: opts.execTimeoutMs } : {}),
      onToken: (t) => (token = t),
    });
  } else if (typeof user?.token === 'string') {
    token = user.token;
  }
  if (!token) {
    const why = identity?.failure?.message ?? (found.user ? 'kubectl sends no token for this context' : `the context names user "${found.context.entry.context?.user ?? ''}", which no kubeconfig file defines`);
    return { ...(identity ? { identity } : {}), outcome: 'NO_CREDENTIALS', problem: why };
  }
  const account = identity?.account ?? facts.account;
  const clusterArn = facts.clusterArn ?? clusterArnOf({ region: facts.region ?? 'us-east-1', account: account ?? '000000000000', name: facts.clusterName ?? facts.name });
  const probed = await probeWithToken(facts, token, clusterArn, opts);
  const identityArn = identity?.arn ?? probed.extraArn;
  return {
    ...(identity ? { identity } : {}),
    ...(identityArn ? { identityArn } : {}),
    ...(account ? { account } : {}),
    ...(probed.username !== undefined ? { username: probed.username } : {}),
    outcome: probed.outcome,
    ...(probed.problem ? { problem: probed.problem } : identity?.failure && probed.outcome !== 'ADMIN' && probed.outcome !== 'ACCESS' ? { problem: identity.failure.message } : {}),
  };
}
