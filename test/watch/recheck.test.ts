// What a change on disk re-checks, in the whole app on the expired-sso sandbox: a kubeconfig edited by someone
// else re-runs exactly the matrix cells its context used before and uses now, within two seconds, and a burst of
// writes is checked once.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/app-context.js';
import { dispatch } from '../../electron/dispatch.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import type { FilesChanged } from '../../shared/files-changed.js';
import type { MatrixEventPayload } from '../../shared/matrix-types.js';
import { sandboxEnv } from '../app/support.js';

const SCENARIO = join(process.cwd(), 'sandbox', 'scenarios', 'expired-sso.yaml');

describe('re-checking what a kubeconfig change touches (expired-sso sandbox)', () => {
  let sandbox: SandboxHandle;
  let app: AppContext;
  let env: Record<string, string | undefined>;
  const changes: FilesChanged[] = [];
  const reruns: Array<{ profile?: string; clusterArn?: string }> = [];
  const matrixEvents: MatrixEventPayload[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox(SCENARIO);
    env = sandboxEnv(sandbox.env);
    app = createAppContext({ env, mode: 'browser', watch: { debounceMs: 200 } });
    app.events.subscribe((name, payload) => {
      if (name === 'files.changed') changes.push(payload as FilesChanged);
      if (name === 'matrix.event') matrixEvents.push(payload as MatrixEventPayload);
    });
    await app.services();
    const rerun = app.matrix.rerun.bind(app.matrix);
    app.matrix.rerun = (selector) => {
      reruns.push(selector);
      return rerun(selector);
    };
  });
  afterAll(async () => {
    app?.close();
    await sandbox?.stop();
  });

  it('a kubeconfig edited on disk re-checks the cells of its context within 2 s; a burst of 20 writes, once', async () => {
    const started = await dispatch(app.handlers, 'matrix.start', {});
    if (!started.ok) throw new Error(`${started.error.code}: ${started.error.message}`);
    const { scanId } = started.result as { scanId: number };
    await expect.poll(() => matrixEvents.some((e) => e.scanId === scanId && e.event.type === 'done'), { timeout: 30_000 }).toBe(true);
    const clusterArn = app.matrix.state().matrix!.clusters.find((c) => c.name === 'shipping')!.arn;
    const kubeconfig = env.KUBECONFIG!.split(':')[0]!;
    const original = readFileSync(kubeconfig, 'utf8');
    expect(original).toContain('gina-sso');
    const edited = original.replaceAll('gina-sso', 'owner');
    reruns.length = 0;
    changes.length = 0;
    const t0 = Date.now();
    writeFileSync(kubeconfig, edited);
    await expect.poll(() => reruns.length, { timeout: 2000, interval: 50 }).toBeGreaterThan(0);
    expect(Date.now() - t0).toBeLessThan(2000);
    await new Promise((r) => setTimeout(r, 500));
    // The cell kubectl used before (gina-sso) and the one it uses now (owner), nothing else.
    expect(reruns.sort((a, b) => a.profile!.localeCompare(b.profile!))).toEqual([{ profile: 'gina-sso', clusterArn }, { profile: 'owner', clusterArn }]);
    expect(changes).toEqual([{ kinds: ['kubeconfig'], profiles: [], contexts: [expect.any(String)], cells: expect.arrayContaining([{ profile: 'owner', clusterArn }]) }]);
    await expect.poll(() => app.matrix.state().kubectl?.map((u) => u.profile), { timeout: 2000 }).toEqual(['owner']);

    // 20 writes in a burst (an editor saving, a tool rewriting): one re-check.
    reruns.length = 0;
    changes.length = 0;
    for (let i = 0; i < 20; i++) writeFileSync(kubeconfig, i % 2 ? original : edited);
    await expect.poll(() => changes.length, { timeout: 2000, interval: 50 }).toBe(1);
    await new Promise((r) => setTimeout(r, 800));
    expect(changes).toHaveLength(1);
    expect(reruns).toHaveLength(2);
  });
});
