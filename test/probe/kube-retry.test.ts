// The probe's retry policy for Kubernetes calls (429 and 5xx, with backoff), against a stand-in API server over
// real HTTPS on 127.0.0.1 — the sandbox injects faults only into AWS calls, so this server answers 429/503
// a set number of times before answering like kube-apiserver. The probe runs the real client-node.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority } from '../../sandbox/tls.js';
import { ClusterAgents } from '../../electron/probe/cluster-agents.js';
import { probeCell } from '../../electron/probe/probe-cell.js';
import type { RetryPolicy } from '../../electron/common/retry.js';

const FAST_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 10, maxDelayMs: 50 };

interface Plan {
  /** Failures (status codes) to answer, in order, before the real answers. */
  failures: number[];
  allowedAll: boolean;
}

describe('Kubernetes calls are retried on 429 and 5xx', () => {
  let server: Server;
  let endpoint: string;
  let caData: string;
  let plan: Plan;
  const seen: string[] = [];
  const agents = new ClusterAgents(8);

  beforeAll(async () => {
    const ca = await createCertificateAuthority('kubernetes');
    const cert = await ca.issueServerCert();
    caData = ca.caData;
    server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers.authorization?.startsWith('Bearer k8s-aws-v1.') ? 'bearer' : 'no-token'}`);
        const fail = plan.failures.shift();
        res.setHeader('content-type', 'application/json');
        if (fail) {
          res.writeHead(fail);
          res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: fail === 429 ? 'Too many requests, please try again later.' : 'the server is currently unable to handle the request', reason: fail === 429 ? 'TooManyRequests' : 'ServiceUnavailable', code: fail }));
          return;
        }
        const parsed = JSON.parse(body || '{}');
        if (req.url?.includes('selfsubjectreviews')) {
          res.writeHead(201);
          res.end(JSON.stringify({ ...parsed, status: { userInfo: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] } } }));
        } else {
          res.writeHead(201);
          res.end(JSON.stringify({ ...parsed, status: { allowed: plan.allowedAll } }));
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    agents.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const probe = () =>
    probeCell(
      { profile: 'p', cluster: { arn: 'arn:aws:eks:us-east-1:111122223333:cluster/c', name: 'c', endpoint, caData } },
      {
        token: { ok: true, token: 'k8s-aws-v1.' + Buffer.from('https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity').toString('base64url'), ms: 0 },
        agent: agents.forCluster(endpoint, caData),
        slot: (call) => call(),
        timeoutMs: 2000,
        retry: FAST_RETRY,
      },
    );

  it('rides out 429 then 503 and reaches the answer', async () => {
    plan = { failures: [429, 503], allowedAll: true };
    seen.length = 0;
    const cell = await probe();
    expect(cell.outcome).toBe('ADMIN');
    expect(cell.username).toBe('kubernetes-admin');
    const ssr = cell.evidence.steps.find((s) => s.call === 'SelfSubjectReview')!;
    expect(ssr.attempts).toBe(3);
    expect(seen.slice(0, 3).every((l) => l.startsWith('POST /apis/authentication.k8s.io/v1/selfsubjectreviews bearer'))).toBe(true);
    expect(seen.length).toBe(3 + 4);
  });

  it('gives up after the policy\'s attempts and says ERROR with the server\'s words', async () => {
    plan = { failures: [500, 500, 500, 500], allowedAll: false };
    seen.length = 0;
    const cell = await probe();
    // The SelfSubjectReview failed 4 times; the access reviews then answered (nothing allowed).
    const ssr = cell.evidence.steps.find((s) => s.call === 'SelfSubjectReview')!;
    expect(ssr).toMatchObject({ ok: false, status: 500, attempts: 4 });
    expect(cell.outcome).toBe('FORBIDDEN');
    plan = { failures: Array(20).fill(503), allowedAll: false };
    const broken = await probe();
    expect(broken.outcome).toBe('ERROR');
    expect(broken.message).toMatch(/HTTP 503 ServiceUnavailable: the server is currently unable/);
  });

  it('throttled past the retries: ERROR that says so, marked retryable', async () => {
    plan = { failures: Array(20).fill(429), allowedAll: true };
    const cell = await probe();
    expect(cell.outcome).toBe('ERROR');
    expect(cell.message).toMatch(/^HTTP 429 TooManyRequests: Too many requests/);
    expect(cell.retryable).toBe(true);
    plan = { failures: Array(20).fill(503), allowedAll: false };
    expect((await probe()).retryable).toBeUndefined();
  });

  it('does not retry a 401', async () => {
    plan = { failures: [401], allowedAll: true };
    seen.length = 0;
    const cell = await probe();
    expect(cell.outcome).toBe('UNAUTHORIZED');
    expect(seen).toHaveLength(1);
  });

  it('a server with another CA is UNREACHABLE (the probe trusts only the cluster CA)', async () => {
    const other = await createCertificateAuthority('someone-else');
    const cell = await probeCell(
      { profile: 'p', cluster: { arn: 'arn:aws:eks:us-east-1:111122223333:cluster/c', name: 'c', endpoint, caData: other.caData } },
      { token: { ok: true, token: 'k8s-aws-v1.x', ms: 0 }, agent: new ClusterAgents(1).forCluster(endpoint, other.caData), slot: (call) => call(), timeoutMs: 2000, retry: FAST_RETRY },
    );
    expect(cell.outcome).toBe('UNREACHABLE');
    expect(cell.message).toMatch(/CERT|certificate|verify/i);
  });

  it("one agent per endpoint and CA: a cluster's CA changing between calls gets the other CA's agent, and back", async () => {
    const other = await createCertificateAuthority('someone-else');
    const mixed = new ClusterAgents(1);
    const first = mixed.forCluster(endpoint, caData);
    const second = mixed.forCluster(endpoint, other.caData);
    expect(second).not.toBe(first);
    expect(mixed.forCluster(endpoint, caData)).toBe(first);
    expect(mixed.forCluster(endpoint, `${other.caData}`)).toBe(second);
    expect(mixed.forCluster(`${endpoint}/`, caData)).not.toBe(first);
    mixed.destroy();
  });

  // The same stand-in server, for the agents' TLS sessions.
  it("a rescan's reachability check resumes the cluster's TLS session instead of a full handshake; another CA's check does not", async () => {
    const handshakes: boolean[] = [];
    const onSecure = (socket: TLSSocket) => handshakes.push(socket.isSessionReused());
    server.on('secureConnection', onSecure);
    try {
      const fresh = new ClusterAgents(2);
      expect(await fresh.reach(endpoint, caData, 2000)).toMatchObject({ reachable: true });
      expect(await fresh.reach(endpoint, caData, 2000)).toMatchObject({ reachable: true });
      const other = await createCertificateAuthority('someone-else');
      expect(await fresh.reach(endpoint, other.caData, 2000)).toMatchObject({ reachable: false });
      fresh.destroy();
      expect(handshakes).toEqual([false, true]);
    } finally {
      server.off('secureConnection', onSecure);
    }
  });
});
