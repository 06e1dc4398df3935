// The scan engine's interface: events stream cell by cell with progress, a scan can be cancelled, and one
// cell, a row or a column can be probed again.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatrixScan } from '../../electron/matrix/engine.js';
import type { ScanEvent } from '../../electron/matrix/events.js';
import { generateScenario } from '../../bench/gen-scenario.js';
import { appEnv, startSandbox, type SandboxHandle } from './support.js';

const DEMO = path.resolve(__dirname, '../../sandbox/scenarios/demo.yaml');

describe('streaming and re-runs on the demo', () => {
  let sandbox: SandboxHandle;
  let scan: MatrixScan;
  const events: ScanEvent[] = [];
  beforeAll(async () => {
    sandbox = await startSandbox(DEMO);
    scan = new MatrixScan({}, { env: appEnv(sandbox) });
    for await (const e of scan.events()) events.push(e);
  });
  afterAll(async () => {
    scan?.close();
    await sandbox?.stop();
  });

  it('streams every cell once, each followed by progress that counts up to the total, then done', async () => {
    const matrix = await scan.done;
    const cells = events.filter((e) => e.type === 'cell');
    expect(cells.length).toBe(matrix.cells.length);
    expect(new Set(cells.map((e) => (e.type === 'cell' ? `${e.cell.profile} ${e.cell.clusterArn}` : ''))).size).toBe(cells.length);
    const progress = events.filter((e) => e.type === 'progress');
    const counts = progress.map((p) => (p.type === 'progress' ? p.done : -1));
    expect(counts.slice(0, cells.length)).toEqual(Array.from({ length: cells.length }, (_, i) => i + 1));
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ type: 'progress', done: matrix.cells.length, total: matrix.cells.length, discovering: false });
    events.forEach((e, i) => {
      if (e.type === 'cell') expect(events[i + 1]?.type).toBe('progress');
    });
    expect(events.at(-1)).toMatchObject({ type: 'done', cancelled: false, rerun: false });
    // Elapsed time never goes back.
    const elapsed = progress.map((p) => (p.type === 'progress' ? p.elapsedMs : 0));
    expect([...elapsed].sort((a, b) => a - b)).toEqual(elapsed);
  });

  it('announces each cluster before any of its cells, and each profile before its probed cells', () => {
    const seen = new Set<string>();
    const profiles = new Set<string>();
    for (const e of events) {
      if (e.type === 'cluster') seen.add(e.cluster.arn);
      if (e.type === 'profile') profiles.add(e.profile.name);
      if (e.type === 'cell') {
        expect(seen.has(e.cell.clusterArn)).toBe(true);
        expect(profiles.has(e.cell.profile)).toBe(true);
      }
    }
  });

  it('re-runs one cell, a row and a column, streaming them', async () => {
    const matrix = scan.snapshot();
    const payments = matrix.clusters.find((c) => c.name === 'payments-prod')!;
    const before = (p: string, arn: string) => matrix.cells.find((c) => c.profile === p && c.clusterArn === arn)!;

    const rerunEvents: ScanEvent[] = [];
    const onEvent = (e: ScanEvent) => rerunEvents.push(e);
    scan.on('event', onEvent);
    const one = await scan.rerun({ profile: 'developer', clusterArn: payments.arn });
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ profile: 'developer', clusterArn: payments.arn, outcome: before('developer', payments.arn).outcome, username: 'developer:alice' });
    expect(rerunEvents.filter((e) => e.type === 'cell')).toHaveLength(1);
    expect(rerunEvents.at(-1)).toMatchObject({ type: 'done', rerun: true, cancelled: false });

    const row = await scan.rerun({ profile: 'bob' });
    expect(row.map((c) => c.clusterArn).sort()).toEqual(matrix.clusters.map((c) => c.arn).sort());
    for (const c of row) expect(c.outcome).toBe(before('bob', c.clusterArn).outcome);

    const column = await scan.rerun({ clusterArn: payments.arn });
    expect(column.map((c) => c.profile).sort()).toEqual(matrix.profiles.map((p) => p.name).sort());
    for (const c of column) expect(c.outcome).toBe(before(c.profile, payments.arn).outcome);
    scan.off('event', onEvent);
    expect(rerunEvents.filter((e) => e.type === 'done')).toHaveLength(3);
  });

  it('a re-run sees a change made after the scan (a mapping removed from aws-auth)', async () => {
    const payments = scan.snapshot().clusters.find((c) => c.name === 'payments-prod')!;
    const cluster = sandbox.world.clusters.find((c) => c.name === 'payments-prod')!;
    const awsAuth = cluster.configMaps.get('kube-system/aws-auth')!;
    const saved = awsAuth.data!.mapUsers;
    try {
      // As `kubectl edit configmap aws-auth` would: alice's mapping is gone.
      awsAuth.data!.mapUsers = '';
      const [cell] = await scan.rerun({ profile: 'default', clusterArn: payments.arn });
      expect(cell!.outcome).toBe('UNAUTHORIZED');
    } finally {
      awsAuth.data!.mapUsers = saved;
    }
    const [again] = await scan.rerun({ profile: 'default', clusterArn: payments.arn });
    expect(again!.outcome).toBe('ADMIN');
    expect(scan.snapshot().cells.find((c) => c.profile === 'default' && c.clusterArn === payments.arn)!.outcome).toBe('ADMIN');
  });

  it('rejects a re-run of an unknown profile or cluster', async () => {
    await expect(scan.rerun({ profile: 'nobody' })).rejects.toThrow(/no profile named "nobody"/);
    await expect(scan.rerun({ clusterArn: 'arn:aws:eks:us-east-1:111122223333:cluster/nope' })).rejects.toThrow(/no cluster/);
  });
});

describe('cancellation', () => {
  let sandbox: SandboxHandle;
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('stops a scan in progress: done says cancelled, the cells already streamed are kept, no more arrive', async () => {
    sandbox = await startSandbox(generateScenario({ profiles: 8, clusters: 12, regions: 2, latencyMs: 40 }));
    const scan = new MatrixScan({ kubeConcurrency: 4 }, { env: appEnv(sandbox) });
    const events: ScanEvent[] = [];
    let cancelledAt = -1;
    scan.on('event', (e: ScanEvent) => {
      events.push(e);
      if (e.type === 'cell' && cancelledAt < 0) {
        cancelledAt = Date.now();
        scan.cancel();
      }
    });
    const matrix = await scan.done;
    const doneAt = Date.now();
    await new Promise((r) => setTimeout(r, 300));
    scan.close();
    expect(matrix.cancelled).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'done', cancelled: true });
    const cells = events.filter((e) => e.type === 'cell');
    expect(cells.length).toBeGreaterThanOrEqual(1);
    expect(cells.length).toBeLessThan(8 * 12);
    expect(matrix.cells.length).toBe(cells.length);
    expect(doneAt - cancelledAt).toBeLessThan(1000);
  }, 60_000);

  it('a cancel right after starting (before the first turn of the scan) stops it: no cell is probed', async () => {
    const scan = new MatrixScan({}, { env: appEnv(sandbox) });
    const events: ScanEvent[] = [];
    scan.on('event', (e: ScanEvent) => events.push(e));
    scan.cancel();
    const matrix = await scan.done;
    scan.close();
    expect(matrix.cancelled).toBe(true);
    expect(events.filter((e) => e.type === 'cell')).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'done', cancelled: true });
  }, 60_000);
});
