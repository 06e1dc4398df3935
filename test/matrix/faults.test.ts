// Faults: throttling and 5xx on every AWS call must not change a single cell; a cluster whose endpoint refuses
// connections, or accepts them and never answers, is UNREACHABLE within the timeout while the rest finish.
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MatrixSnapshot } from '../../electron/matrix/events.js';
import { scanOnce, scenarioWith, startSandbox, type SandboxHandle } from './support.js';

const DEMO = path.resolve(__dirname, '../../sandbox/scenarios/demo.yaml');

function outcomes(m: MatrixSnapshot): Record<string, string> {
  const byArn = new Map(m.clusters.map((c) => [c.arn, c.name]));
  return Object.fromEntries(m.cells.map((c) => [`${c.profile} @ ${byArn.get(c.clusterArn)}`, `${c.outcome} ${c.username ?? ''}`.trim()]));
}

describe('AWS throttling (30%) and server errors (10%)', () => {
  const sandboxes: SandboxHandle[] = [];
  afterAll(async () => {
    await Promise.all(sandboxes.map((s) => s.stop()));
  });

  it('the scan completes and every cell is what it is without faults', async () => {
    const calm = await startSandbox(DEMO);
    sandboxes.push(calm);
    const baseline = (await scanOnce(calm)).matrix;
    const faulty = await startSandbox(scenarioWith(DEMO, (s) => (s.faults = { ...s.faults, throttlePercent: 30, serverErrorPercent: 10 })));
    sandboxes.push(faulty);
    const { matrix } = await scanOnce(faulty);
    expect(matrix.cancelled).toBe(false);
    expect(matrix.failures).toEqual([]);
    expect(matrix.clusters.map((c) => c.arn).sort()).toEqual(baseline.clusters.map((c) => c.arn).sort());
    expect(outcomes(matrix)).toEqual(outcomes(baseline));
    // The faults really happened: more AWS requests were sent than without them.
    expect(matrix.stats.awsRequests).toBeGreaterThan(baseline.stats.awsRequests);
  }, 120_000);
});

describe('clusters that do not answer', () => {
  let sandbox: SandboxHandle;
  let silent: Server;
  const sockets = new Set<Socket>();
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    silent?.close();
    await sandbox?.stop();
  });

  it('refused and silent endpoints are UNREACHABLE within the timeout; other clusters finish', async () => {
    sandbox = await startSandbox(DEMO);
    // A listener that accepts and never says a word (a firewall that drops after the handshake).
    silent = createServer((s) => {
      sockets.add(s);
      s.on('error', () => {});
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as { port: number }).port;
    const blackhole = sandbox.world.clusters.find((c) => c.name === 'ml-training')!;
    blackhole.endpoint = `https://127.0.0.1:${port}`;

    const timeoutMs = 1500;
    const started = Date.now();
    const { matrix, events } = await scanOnce(sandbox, { timeoutMs });
    const elapsed = Date.now() - started;
    const name = new Map(matrix.clusters.map((c) => [c.arn, c.name]));
    const cellsOf = (cluster: string) => matrix.cells.filter((c) => name.get(c.clusterArn) === cluster && c.outcome !== 'NO_CREDENTIALS');

    const refused = cellsOf('internal-tools');
    expect(refused.length).toBeGreaterThan(0);
    for (const c of refused) {
      expect(c.outcome).toBe('UNREACHABLE');
      expect(c.ms).toBeLessThanOrEqual(timeoutMs);
    }
    expect(refused.some((c) => /ECONNREFUSED/.test(c.message ?? ''))).toBe(true);

    const silentCells = cellsOf('ml-training');
    expect(silentCells.length).toBeGreaterThan(0);
    for (const c of silentCells) {
      expect(c.outcome).toBe('UNREACHABLE');
      // One probe waits the timeout (plus scheduling slack); the others learn from it.
      expect(c.ms).toBeLessThan(timeoutMs + 1000);
    }
    // Nothing else waited for the silent cluster: every other cluster's cells streamed before its first cell.
    const cellEvents = events.filter((e) => e.type === 'cell').map((e) => (e.type === 'cell' ? e.cell : undefined)!);
    const firstSilent = cellEvents.findIndex((c) => name.get(c.clusterArn) === 'ml-training' && c.outcome === 'UNREACHABLE');
    const others = cellEvents.filter((c) => !['ml-training'].includes(name.get(c.clusterArn)!));
    expect(cellEvents.slice(0, firstSilent).filter((c) => name.get(c.clusterArn) !== 'ml-training').length).toBe(others.length);
    expect(cellOfName(matrix, 'default', 'payments-prod')).toBe('ADMIN');
    expect(elapsed).toBeLessThan(timeoutMs + 4000);
  }, 60_000);
});

function cellOfName(m: MatrixSnapshot, profile: string, cluster: string): string | undefined {
  const arn = m.clusters.find((c) => c.name === cluster)?.arn;
  return m.cells.find((c) => c.profile === profile && c.clusterArn === arn)?.outcome;
}
