// CPU per piece of a scan, measured alone in this process against the sandbox in its own process (no latency):
// token generation, one SelfSubjectReview through client-node and as a bare HTTPS request, a new TLS
// connection (full handshake and resumed), and AWS SDK calls.
//   npx tsx bench/matrix-micro.ts
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, createSecureContext } from 'node:tls';
import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createScanAwsClients } from '../electron/clusters/aws-clients.js';
import { ClusterAgents } from '../electron/probe/cluster-agents.js';
import { KubeSession } from '../electron/probe/kube-session.js';
import { DEFAULT_RETRY_POLICY } from '../electron/common/retry.js';
import { generateToken } from '../electron/token/generate.js';
import { startSandboxProcess } from './matrix-sandbox.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const N = 300;
const work = mkdtempSync(path.join(tmpdir(), 'bench-micro-'));
const sb = await startSandboxProcess(path.resolve('sandbox/scenarios/healthy.yaml'), path.join(work, 'state'));
try {
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, ...sb.env };
  const aws = createScanAwsClients(env);
  const creds = readFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, 'utf8');
  const accessKeyId = /aws_access_key_id\s*=\s*(\S+)/.exec(creds)![1]!;
  const secretAccessKey = /aws_secret_access_key\s*=\s*(\S+)/.exec(creds)![1]!;
  const sts = aws.sts('us-east-1', { accessKeyId, secretAccessKey });
  const eks = aws.eks('us-east-1', { accessKeyId, secretAccessKey });
  const kubeconfig = readFileSync(env.KUBECONFIG!, 'utf8');
  const server = /server:\s*(\S+)/.exec(kubeconfig)![1]!;
  const caData = /certificate-authority-data:\s*(\S+)/.exec(kubeconfig)![1]!;
  const clusterName = /cluster\/([A-Za-z0-9-]+)/.exec(kubeconfig)?.[1] ?? 'payments-prod';
  const measure = async (name: string, fn: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await fn(-1);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await fn(i);
    const c = process.cpuUsage(c0);
    console.log(`${name}: ${((c.user + c.system) / 1000 / N).toFixed(3)} ms CPU, ${((performance.now() - t0) / N).toFixed(3)} ms wall each`);
  };
  let token = '';
  await measure('generateToken', async () => (token = (await generateToken(sts, clusterName)).token));
  const agents = new ClusterAgents(8);
  const agent = agents.forCluster(server, caData);
  const opts = { endpoint: server, token, agent, timeoutMs: 5000, retry: DEFAULT_RETRY_POLICY, slot: <T>(f: () => Promise<T>) => f() };
  await measure('new KubeSession (configuration; API clients made on first use)', async () => new KubeSession(opts));
  const session = new KubeSession(opts);
  await measure('SelfSubjectReview via client-node (kept-alive connection)', () =>
    session.call((o) => session.authn.createSelfSubjectReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } }, o as never)),
  );
  const body = JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
  await measure('SelfSubjectReview as a bare HTTPS request (kept-alive connection)', () =>
    new Promise<void>((resolve, reject) => {
      const req = request(`${server}/apis/authentication.k8s.io/v1/selfsubjectreviews`, { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(body);
    }),
  );
  const url = new URL(server);
  const ctx = createSecureContext({ ca: [Buffer.from(caData, 'base64').toString('utf8')] });
  let session0: Buffer | undefined;
  const handshake = (resume: boolean) =>
    new Promise<void>((resolve, reject) => {
      const s = connect({ host: url.hostname, port: Number(url.port), secureContext: ctx, ...(resume && session0 ? { session: session0 } : {}) });
      s.on('session', (x: Buffer) => (session0 ??= x));
      s.once('secureConnect', () => setImmediate(() => (s.destroy(), resolve())));
      s.once('error', reject);
    });
  await measure('TLS connection, full handshake', () => handshake(false));
  await measure('TLS connection, resumed session', () => handshake(true));
  await measure('AWS SDK DescribeCluster (warm client)', () => eks.send(new DescribeClusterCommand({ name: clusterName })));
  await measure('AWS SDK GetCallerIdentity (warm client)', () => sts.send(new GetCallerIdentityCommand({})));
  agents.destroy();
  aws.destroy();
} finally {
  await sb.stop();
  rmSync(work, { recursive: true, force: true });
}
