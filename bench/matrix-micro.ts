// CPU per piece of a probe, measured alone against an in-process sandbox with no latency:
// token generation, client-node session setup, one SelfSubjectReview through client-node.
//   npx tsx bench/matrix-micro.ts
import path from 'node:path';
import { startSandbox } from '../sandbox/index.js';
import { createScanAwsClients } from '../electron/clusters/aws-clients.js';
import { ClusterAgents } from '../electron/probe/cluster-agents.js';
import { KubeSession } from '../electron/probe/kube-session.js';
import { DEFAULT_RETRY_POLICY } from '../electron/probe/retry.js';
import { generateToken } from '../electron/token/generate.js';
import { readFileSync } from 'node:fs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const N = 300;
const sb = await startSandbox(path.resolve('sandbox/scenarios/healthy.yaml'));
try {
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, ...sb.env };
  const aws = createScanAwsClients(env);
  const creds = readFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, 'utf8');
  const accessKeyId = /aws_access_key_id\s*=\s*(\S+)/.exec(creds)![1]!;
  const secretAccessKey = /aws_secret_access_key\s*=\s*(\S+)/.exec(creds)![1]!;
  const sts = aws.sts('us-east-1', { accessKeyId, secretAccessKey });
  const cluster = sb.world.clusters[0]!;
  const measure = async (name: string, fn: (i: number) => Promise<unknown>) => {
    await fn(-1);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await fn(i);
    const c = process.cpuUsage(c0);
    console.log(`${name}: ${((performance.now() - t0) / N).toFixed(3)} ms wall, ${((c.user + c.system) / 1000 / N).toFixed(3)} ms CPU each (this process, sandbox included)`);
  };
  let token = '';
  await measure('generateToken', async () => (token = (await generateToken(sts, cluster.name)).token));
  const agents = new ClusterAgents(8);
  const agent = agents.forCluster(cluster.endpoint, cluster.caData!);
  const opts = { endpoint: cluster.endpoint, caData: cluster.caData!, token, agent, timeoutMs: 5000, retry: DEFAULT_RETRY_POLICY, slot: <T>(f: () => Promise<T>) => f() };
  await measure('new KubeSession (KubeConfig + 2 API clients)', async () => new KubeSession(opts));
  const session = new KubeSession(opts);
  await measure('SelfSubjectReview via client-node (kept-alive connection)', () =>
    session.call((o) => session.authn.createSelfSubjectReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } }, o as never)),
  );
  await measure('SelfSubjectReview via client-node (new connection each)', async () => {
    const a = new ClusterAgents(8);
    const s = new KubeSession({ ...opts, agent: a.forCluster(cluster.endpoint, cluster.caData!) });
    await s.call((o) => s.authn.createSelfSubjectReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } }, o as never));
    a.destroy();
  });
  agents.destroy();
  aws.destroy();
} finally {
  await sb.stop();
}
