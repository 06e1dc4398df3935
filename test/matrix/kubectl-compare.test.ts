// Every cell of the demo matrix against real kubectl: for each (profile, cluster), a kubeconfig whose exec
// runs the real `aws eks get-token` with AWS_PROFILE=<profile>, server and CA from the real
// `aws eks describe-cluster`; then `kubectl get svc` and `kubectl auth whoami` must agree with the cell.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatrixSnapshot } from '../../electron/matrix/events.js';
import type { CellResult } from '../../electron/probe/types.js';
import { classifyGetSvc, cleanEnv, run, type GetSvcOutcome } from '../helpers/run.js';
import { scanOnce, startSandbox, type SandboxHandle } from './support.js';

const DEMO = path.resolve(__dirname, '../../sandbox/scenarios/demo.yaml');
const PARALLEL = 6;

const KUBECTL_SAYS: Record<CellResult['outcome'], GetSvcOutcome[]> = {
  ADMIN: ['ok'],
  ACCESS: ['ok'],
  FORBIDDEN: ['forbidden'],
  UNAUTHORIZED: ['unauthorized'],
  UNREACHABLE: ['unreachable'],
  NO_CREDENTIALS: ['exec-error'],
  ERROR: ['other'],
};

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

describe('the demo matrix and real kubectl, cell by cell', () => {
  let sandbox: SandboxHandle;
  let matrix: MatrixSnapshot;
  let scratch: string;
  let kubeconfig: string;

  beforeAll(async () => {
    sandbox = await startSandbox(DEMO);
    scratch = mkdtempSync(path.join(tmpdir(), 'matrix-kubectl-'));
    matrix = (await scanOnce(sandbox, { timeoutMs: 4000 })).matrix;
    const env = cleanEnv(sandbox.env);
    const clusters = [];
    const users = [];
    const contexts = [];
    for (const c of matrix.clusters) {
      const described = await run('aws', ['eks', 'describe-cluster', '--name', c.name, '--region', c.region, '--profile', c.describedBy[0]!, '--output', 'json'], env);
      expect(described.code, described.stderr).toBe(0);
      const info = JSON.parse(described.stdout).cluster;
      clusters.push({ name: c.arn, cluster: { server: info.endpoint, 'certificate-authority-data': info.certificateAuthority.data } });
      // No `env` in the exec block: the profile comes from AWS_PROFILE in kubectl's environment.
      users.push({
        name: c.arn,
        user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['--region', c.region, 'eks', 'get-token', '--cluster-name', c.name, '--output', 'json'] } },
      });
      contexts.push({ name: c.arn, context: { cluster: c.arn, user: c.arn } });
    }
    kubeconfig = path.join(scratch, 'kubeconfig');
    writeFileSync(kubeconfig, stringify({ apiVersion: 'v1', kind: 'Config', clusters, users, contexts, 'current-context': contexts[0]?.name }), { mode: 0o600 });
  }, 120_000);

  afterAll(async () => {
    await sandbox?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('covers every profile and cluster of the scenario', () => {
    expect(matrix.profiles.length).toBe(12);
    expect(matrix.clusters.length).toBe(6);
    expect(matrix.cells.length).toBe(72);
  });

  it('every cell says what kubectl get svc and kubectl auth whoami say', async () => {
    const env = cleanEnv(sandbox.env);
    const results = await mapLimit(matrix.cells, PARALLEL, async (cell) => {
      const kenv = { ...env, AWS_PROFILE: cell.profile };
      const base = ['--kubeconfig', kubeconfig, '--context', cell.clusterArn, '--request-timeout=15s'];
      // whoami first (one request); only an identity kubectl authenticates goes on to `get svc` (ok or forbidden).
      // The choice follows kubectl's own answer, never the matrix's.
      const w = await run('kubectl', [...base, 'auth', 'whoami', '-o', 'json'], kenv, 60_000);
      let kubectl: GetSvcOutcome;
      let whoami: string | undefined;
      if (w.code === 0) {
        whoami = JSON.parse(w.stdout).status.userInfo.username;
        kubectl = classifyGetSvc(await run('kubectl', [...base, 'get', 'svc'], kenv, 60_000));
      } else kubectl = classifyGetSvc(w);
      // A key AWS rejects: kubectl still sends a token signed with it and gets 401 (or never reaches a private
      // endpoint); the matrix says why instead and probes nothing, so it claims nothing about reachability.
      const rejected = cell.outcome === 'NO_CREDENTIALS' && /InvalidClientTokenId|ExpiredToken/.test(cell.evidence.credentials?.code ?? '');
      const outcome = rejected ? (kubectl === 'unreachable' ? ('UNREACHABLE' as const) : ('UNAUTHORIZED' as const)) : cell.outcome;
      return { cell: `${cell.profile} @ ${cell.clusterArn.split('/').pop()}`, outcome, kubectl, username: cell.username, whoami };
    });
    const disagreements = results.filter((r) => !KUBECTL_SAYS[r.outcome].includes(r.kubectl) || r.whoami !== r.username);
    expect(disagreements).toEqual([]);
    // The demo has every kind of cell; a comparison of only one kind would prove little.
    expect(new Set(results.map((r) => r.kubectl))).toEqual(new Set(['ok', 'forbidden', 'unauthorized', 'unreachable', 'exec-error']));
  }, 600_000);
});
