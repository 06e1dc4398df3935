// The app's matrix service on the demo sandbox, through the contract handlers: events tagged by scan id,
// a new scan replaces the old one, cancel, re-runs, and MFA sessions from the Profiles page reused.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/app-context.js';
import { dispatch } from '../../electron/dispatch.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import type { MatrixEventPayload, MatrixState } from '../../shared/matrix-types.js';
import { sandboxEnv } from '../app/support.js';

const DEMO = join(process.cwd(), 'sandbox', 'scenarios', 'demo.yaml');

describe('matrix service on the demo sandbox', () => {
  let sandbox: SandboxHandle;
  let app: AppContext;
  const events: MatrixEventPayload[] = [];
  const call = async (name: string, req: unknown = {}) => {
    const r = await dispatch(app.handlers, name, req);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.result;
  };
  const doneOf = (scanId: number, rerun = false) =>
    expect.poll(() => events.some((e) => e.scanId === scanId && e.event.type === 'done' && e.event.rerun === rerun), { timeout: 30_000 }).toBe(true);

  beforeAll(async () => {
    sandbox = await startSandbox(DEMO);
    app = createAppContext({ env: sandboxEnv(sandbox.env), mode: 'browser' });
    app.events.subscribe((name, payload) => name === 'matrix.event' && events.push(payload as MatrixEventPayload));
  });
  afterAll(async () => {
    app?.close();
    await sandbox?.stop();
  });

  it('a new scan replaces one in progress; only the new one streams on', async () => {
    const first = (await call('matrix.start')) as { scanId: number };
    await expect.poll(() => events.some((e) => e.scanId === first.scanId && e.event.type === 'cell'), { timeout: 20_000 }).toBe(true);
    const second = (await call('matrix.start', { profiles: ['default', 'bob'] })) as { scanId: number };
    expect(second.scanId).toBe(first.scanId + 1);
    const mark = events.length;
    await doneOf(second.scanId);
    expect(events.slice(mark).every((e) => e.scanId === second.scanId)).toBe(true);
    const state = (await call('matrix.snapshot')) as MatrixState;
    expect(state).toMatchObject({ scanId: second.scanId, running: false });
    expect(state.matrix!.profiles.map((p) => p.name).sort()).toEqual(['bob', 'default']);
    expect(state.matrix!.cells).toHaveLength(2 * state.matrix!.clusters.length);
    expect(state.progress).toMatchObject({ done: state.matrix!.cells.length, total: state.matrix!.cells.length, discovering: false });
    // No CA data and no secrets in what the renderer gets.
    expect(JSON.stringify(state)).not.toContain('caData');
  });

  it('cancel stops a scan in progress', async () => {
    const { scanId } = (await call('matrix.start')) as { scanId: number };
    expect(await call('matrix.cancel')).toEqual({ cancelled: true });
    await doneOf(scanId);
    const done = events.find((e) => e.scanId === scanId && e.event.type === 'done')!;
    expect(done.event).toMatchObject({ cancelled: true, rerun: false });
    expect(await call('matrix.cancel')).toEqual({ cancelled: false });
  });

  it('re-runs a row, answering at once with the number of cells, which then stream', async () => {
    const { scanId } = (await call('matrix.start')) as { scanId: number };
    await doneOf(scanId);
    const clusters = ((await call('matrix.snapshot')) as MatrixState).matrix!.clusters;
    const mark = events.length;
    const rerun = await call('matrix.rerun', { profile: 'default' });
    expect(rerun).toEqual({ scanId, cells: clusters.length });
    expect(((await call('matrix.snapshot')) as MatrixState).running).toBe(true);
    await doneOf(scanId, true);
    const cells = events.slice(mark).filter((e) => e.event.type === 'cell');
    expect(cells).toHaveLength(clusters.length);
    expect(cells.every((e) => e.event.type === 'cell' && e.event.cell.profile === 'default')).toBe(true);
    await expect.poll(async () => ((await call('matrix.snapshot')) as MatrixState).running).toBe(false);
  });

  it('a role unlocked with an MFA code on the Profiles page is scanned with that session', async () => {
    // With default along, so clusters are discovered (the locked role cannot list them).
    const before = (await call('matrix.start', { profiles: ['default', 'eks-admin-mfa'] })) as { scanId: number };
    await doneOf(before.scanId);
    const locked = ((await call('matrix.snapshot')) as MatrixState).matrix!.cells.filter((c) => c.profile === 'eks-admin-mfa');
    expect(locked.length).toBeGreaterThan(0);
    expect(new Set(locked.map((c) => c.outcome))).toEqual(new Set(['NO_CREDENTIALS']));

    await call('mfa.submit', { profile: 'eks-admin-mfa', code: '123456' });
    const after = (await call('matrix.start', { profiles: ['default', 'eks-admin-mfa'] })) as { scanId: number };
    await doneOf(after.scanId);
    const unlocked = ((await call('matrix.snapshot')) as MatrixState).matrix!;
    expect(unlocked.profiles.find((p) => p.name === 'eks-admin-mfa')).toMatchObject({ name: 'eks-admin-mfa', status: 'valid', identityArn: 'arn:aws:sts::111122223333:assumed-role/EKSAdmin/alice' });
    const mine = unlocked.cells.filter((c) => c.profile === 'eks-admin-mfa');
    expect(mine).toHaveLength(locked.length);
    expect(mine.filter((c) => c.outcome === 'NO_CREDENTIALS')).toEqual([]);
  });
});
