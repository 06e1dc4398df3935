// A rescan in the same process reuses the connections the last scan left open: AWS endpoints through the
// process's pool, clusters through their kept agents (one TLS reachability check per cluster and run remains).
// A first scan after the app's profile checks reuses the connections those checks opened to AWS.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProfilesDeps, ProfilesService } from '../../electron/profiles/service.js';
import { appEnv, scanOnce, startSandbox, type SandboxHandle } from './support.js';

const DEMO = path.resolve(__dirname, '../../sandbox/scenarios/demo.yaml');

/** Connections the sandbox (in this process) accepts while `fn` runs (Node's net.server.socket channel). */
async function connectionsDuring<T>(fn: () => Promise<T>, port?: number): Promise<{ value: T; connections: number }> {
  let connections = 0;
  const count = (message: unknown) => {
    if (port === undefined || (message as { socket?: { localPort?: number } }).socket?.localPort === port) connections++;
  };
  subscribe('net.server.socket', count);
  try {
    return { value: await fn(), connections };
  } finally {
    unsubscribe('net.server.socket', count);
  }
}

describe('connections kept between scans', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox(DEMO);
  });
  afterAll(() => sandbox?.stop());

  // First in the file: the process's pool of AWS connections holds only what the checks opened.
  it("a first scan after the profile checks opens no new connection to AWS: it reuses the checks'", async () => {
    const env = appEnv(sandbox);
    const awsPort = Number(new URL(env.AWS_ENDPOINT_URL!).port);
    const checks = await connectionsDuring(() => new ProfilesService(defaultProfilesDeps(env)).list({ wait: true }), awsPort);
    expect(checks.value.profiles.filter((p) => p.status === 'valid').length).toBeGreaterThan(3);
    expect(checks.connections).toBeGreaterThan(0);
    // One AWS call at a time per account, so the scan needs no more sockets than the checks left open. The probes
    // run in the worker, as in the app: its cluster connections are not the next test's.
    const scan = await connectionsDuring(() => scanOnce(sandbox, { awsConcurrencyPerAccount: 1 }), awsPort);
    expect(scan.value.matrix.stats.awsRequests).toBeGreaterThan(checks.value.profiles.length);
    expect(scan.connections).toBe(0);
  });

  it('a second scan opens only the reachability checks, and finds the same cells', async () => {
    // Probes in this thread, so their sockets are this process's to count.
    const first = await connectionsDuring(() => scanOnce(sandbox, { probeThread: 'main' }));
    const second = await connectionsDuring(() => scanOnce(sandbox, { probeThread: 'main' }));
    const reachable = new Set(second.value.matrix.cells.filter((c) => c.evidence.steps[0]?.call === 'connect' && c.evidence.steps[0].ok).map((c) => c.clusterArn)).size;
    expect(reachable).toBeGreaterThan(0);
    expect(first.connections).toBeGreaterThan(reachable);
    expect(second.connections).toBe(reachable);
    const key = (m: typeof first.value.matrix) => m.cells.map((c) => `${c.profile} ${c.clusterArn} ${c.outcome} ${c.username ?? ''}`).sort();
    expect(key(second.value.matrix)).toEqual(key(first.value.matrix));
  });
});
