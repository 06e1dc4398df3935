// The scan's Kubernetes probes in a worker thread: the same cells as in-process, a fallback to in-process when the
// worker cannot start or dies, cancellation that settles a run's jobs at once, the worker as the build ships it,
// and a scan left open that does not hold the process. Real sandbox over HTTPS, real SDK, real worker threads.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/build-electron.js';
import { createScanAwsClients } from '../../electron/clusters/aws-clients.js';
import type { KubeProbeSettings, ProbeJob, ReachJob } from '../../electron/probe/kube-prober.js';
import { KubeProbes } from '../../electron/probe/kube-probes.js';
import { makeToken, ProbeCancelled, type ProbeTarget } from '../../electron/probe/probe-job.js';
import { DEFAULT_RETRY_POLICY } from '../../electron/common/retry.js';
import type { CellResult } from '../../electron/probe/types.js';
import type { MatrixSnapshot } from '../../electron/matrix/events.js';
import { generateToken } from '../../electron/token/generate.js';
import { appEnv, scanOnce, scenarioWith, startSandbox, type SandboxHandle } from '../matrix/support.js';

const ROOT = path.resolve(__dirname, '../..');
const DEMO = path.join(ROOT, 'sandbox/scenarios/demo.yaml');
const HEALTHY = path.join(ROOT, 'sandbox/scenarios/healthy.yaml');
const SETTINGS: KubeProbeSettings = { kubeConcurrency: 16, kubeConcurrencyPerCluster: 4, timeoutMs: 5000, kubeRetry: DEFAULT_RETRY_POLICY };

/** What a cell says, without timings and evidence. */
const said = (c: CellResult) => ({ profile: c.profile, clusterArn: c.clusterArn, outcome: c.outcome, username: c.username, groups: c.groups, message: c.message });
const cellsOf = (m: MatrixSnapshot) => m.cells.map(said).sort((a, b) => `${a.profile} ${a.clusterArn}`.localeCompare(`${b.profile} ${b.clusterArn}`));

/** Probes of one cluster by one profile's static keys, as the scan makes them: the cluster from DescribeCluster, a fresh token. */
async function clusterProbes(sandbox: SandboxHandle, profile: string, clusterName: string, region = 'us-east-1') {
  const env = appEnv(sandbox);
  const files = await loadSharedConfigFiles({ filepath: env.AWS_SHARED_CREDENTIALS_FILE, configFilepath: env.AWS_CONFIG_FILE, ignoreCache: true });
  const keys = files.credentialsFile[profile]!;
  const credentials = { accessKeyId: keys.aws_access_key_id!, secretAccessKey: keys.aws_secret_access_key! };
  const aws = createScanAwsClients(env);
  const { cluster } = await aws.eks(region, credentials).send(new DescribeClusterCommand({ name: clusterName }));
  const target: ProbeTarget = { profile, cluster: { arn: cluster!.arn!, name: clusterName, endpoint: cluster!.endpoint!, caData: cluster!.certificateAuthority!.data! } };
  const sts = aws.sts(region, credentials);
  return {
    target,
    reach: (run: number, endpoint = target.cluster.endpoint): ReachJob => ({ run, endpoint, caData: target.cluster.caData }),
    probe: async (run: number): Promise<ProbeJob> => ({ run, target, token: await makeToken(async () => (await generateToken(sts, clusterName)).token) }),
  };
}

type Probing = Awaited<ReturnType<typeof clusterProbes>>;

/** healthy.yaml: alice (profile default) created payments-prod and is its implicit admin. */
function expectAliceIsAdmin(cell: CellResult, on: Probing): void {
  expect(cell).toMatchObject({ profile: 'default', clusterArn: on.target.cluster.arn, outcome: 'ADMIN', username: 'kubernetes-admin' });
}

/** How a promise stands once the current turn's promise jobs have run. */
async function settledAtOnce<T>(p: Promise<T>): Promise<{ value: T } | { error: unknown } | 'pending'> {
  const pending = new Promise<'pending'>((r) => setImmediate(() => r('pending')));
  return Promise.race([p.then((value) => ({ value }), (error: unknown) => ({ error })), pending]);
}

describe('on the demo', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox(DEMO);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('a scan in the worker gives the same cells as one in-process, with the same Kubernetes requests', async () => {
    const inWorker = (await scanOnce(sandbox)).matrix;
    const inProcess = (await scanOnce(sandbox, { probeThread: 'main' })).matrix;
    expect(inWorker.cancelled).toBe(false);
    expect(inWorker.cells.length).toBeGreaterThan(0);
    expect(cellsOf(inWorker)).toEqual(cellsOf(inProcess));
    expect(inWorker.stats).toMatchObject({ probeThread: 'worker' });
    expect(inProcess.stats).toMatchObject({ probeThread: 'main' });
    expect(inWorker.stats.probeThreadFallback).toBeUndefined();
    expect(inProcess.stats.probeThreadFallback).toBeUndefined();
    expect(inWorker.stats.kubeRequests).toBeGreaterThan(0);
    expect(inWorker.stats.kubeRequests).toBe(inProcess.stats.kubeRequests);
  });

  it('a scan left open does not keep the process alive', async () => {
    mkdirSync(path.join(ROOT, 'node_modules/.cache'), { recursive: true });
    const dir = mkdtempSync(path.join(ROOT, 'node_modules/.cache/kube-worker-test-'));
    const script = path.join(dir, 'open-scan.mts');
    writeFileSync(
      script,
      [
        `import { MatrixScan } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'electron/matrix/engine.ts')).href)};`,
        `const scan = new MatrixScan({}, { env: JSON.parse(process.env.SCAN_ENV) });`,
        `const m = await scan.done;`,
        `console.log(JSON.stringify({ cells: m.cells.length, probeThread: m.stats.probeThread, fallback: m.stats.probeThreadFallback ?? null }));`,
      ].join('\n'),
    );
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', script], {
        cwd: ROOT,
        env: { ...process.env, SCAN_ENV: JSON.stringify(appEnv(sandbox)) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
      clearTimeout(guard);
      expect({ code, signal }, stderr).toEqual({ code: 0, signal: null });
      const reference = (await scanOnce(sandbox)).matrix;
      expect(JSON.parse(stdout.trim())).toEqual({ cells: reference.cells.length, probeThread: 'worker', fallback: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('probing one cluster (healthy.yaml)', () => {
  let sandbox: SandboxHandle;
  let on: Probing;
  beforeAll(async () => {
    sandbox = await startSandbox(HEALTHY);
    on = await clusterProbes(sandbox, 'default', 'payments-prod');
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  async function withProbes(script: () => Promise<URL>, run: (probes: KubeProbes) => Promise<void>): Promise<void> {
    const probes = new KubeProbes(SETTINGS, { thread: 'worker', script });
    try {
      await run(probes);
    } finally {
      probes.close();
    }
  }

  it('falls back to in-process when the worker cannot start, and still answers', async () => {
    await withProbes(
      async () => new URL('file:///nonexistent/kube-worker.js'),
      async (probes) => {
        const [reach, cell] = await Promise.all([probes.reach(on.reach(1)), probes.probe(await on.probe(1))]);
        expect(reach).toMatchObject({ reachable: true });
        expectAliceIsAdmin(cell, on);
        expect(probes.thread).toBe('main');
        expect(probes.fallbackReason).toMatch(/^the worker .*\S/);
        expect(probes.fallbackReason).not.toContain('\n');
      },
    );
  });

  it('falls back to in-process when the worker dies mid-scan: its pending jobs are run again here', async () => {
    const dies = `import { parentPort } from 'node:worker_threads';
      parentPort.on('message', (m) => { if (m.op === 'probe') process.exit(3); });`;
    await withProbes(
      async () => new URL(`data:text/javascript,${encodeURIComponent(dies)}`),
      async (probes) => {
        const reach = probes.reach(on.reach(1));
        const cell = await probes.probe(await on.probe(1));
        expectAliceIsAdmin(cell, on);
        expect(await reach).toMatchObject({ reachable: true });
        expect(probes.thread).toBe('main');
        expect(probes.fallbackReason).toMatch(/\bcode 3\b/);
      },
    );
  });

  it('the worker as the build ships it (kube-worker.js beside main.js) probes in the worker', async () => {
    const outDir = 'node_modules/.cache/test-electron-build';
    try {
      await buildElectron(outDir);
      const built = pathToFileURL(path.join(ROOT, outDir, 'kube-worker.js'));
      await withProbes(
        async () => built,
        async (probes) => {
          const [reach, cell] = await Promise.all([probes.reach(on.reach(1)), probes.probe(await on.probe(1))]);
          expect(reach).toMatchObject({ reachable: true });
          expectAliceIsAdmin(cell, on);
          expect(probes.stats().requests).toBeGreaterThan(0);
          expect(probes.thread).toBe('worker');
          expect(probes.fallbackReason).toBeUndefined();
        },
      );
    } finally {
      rmSync(path.join(ROOT, outDir), { recursive: true, force: true });
    }
  }, 120_000);
});

describe('cancelling a run (every answer 3 s late)', () => {
  let sandbox: SandboxHandle;
  let silent: Server;
  const sockets = new Set<Socket>();
  let probes: KubeProbes | undefined;
  afterAll(async () => {
    probes?.close();
    for (const s of sockets) s.destroy();
    silent?.close();
    await sandbox?.stop();
  });

  it("settles the run's jobs at once, refuses its later jobs, and leaves other runs alone", async () => {
    sandbox = await startSandbox(scenarioWith(HEALTHY, (s) => (s.faults = { ...s.faults, latencyMs: 3000 })));
    const on = await clusterProbes(sandbox, 'default', 'payments-prod');
    // A reach that would wait for its timeout: the listener accepts and never says a word.
    silent = createServer((s) => {
      sockets.add(s);
      s.on('error', () => {});
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const connected = once(silent, 'connection');
    const silentEndpoint = `https://127.0.0.1:${(silent.address() as { port: number }).port}`;

    probes = new KubeProbes({ ...SETTINGS, timeoutMs: 20_000 }, { thread: 'worker' });
    const order: string[] = [];
    const track = <T>(label: string, p: Promise<T>) => p.finally(() => order.push(label));
    const reach1 = track('reach of run 1', probes.reach(on.reach(1, silentEndpoint)));
    const probe1 = track('probe of run 1', probes.probe(await on.probe(1)));
    probe1.catch(() => {});
    const probe2 = track('probe of run 2', probes.probe(await on.probe(2)));
    await connected;

    probes.cancelRun(1);
    await expect(probe1).rejects.toBeInstanceOf(ProbeCancelled);
    expect(await reach1).toMatchObject({ reachable: false, code: 'CANCELLED' });
    expectAliceIsAdmin(await probe2, on);
    expect(order.slice(0, 2).sort()).toEqual(['probe of run 1', 'reach of run 1']);
    expect(order[2]).toBe('probe of run 2');

    const lateProbe = await settledAtOnce(probes.probe(await on.probe(1)));
    expect(lateProbe).toMatchObject({ error: expect.any(ProbeCancelled) });
    expect(await settledAtOnce(probes.reach(on.reach(1)))).toMatchObject({ value: { reachable: false, code: 'CANCELLED' } });

    expect(await probes.reach(on.reach(3))).toMatchObject({ reachable: true });
    expect(probes.thread).toBe('worker');
    expect(probes.fallbackReason).toBeUndefined();
  }, 60_000);
});
