// A sandbox scenario behind the app's contract (dispatch: validation, handler, envelope), its matrix scanned, and
// the real clients that show what the user would see.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAppContext, type AppContext } from '../../electron/app-context.js';
import { dispatch } from '../../electron/dispatch.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { sandboxEnv } from '../app/support.js';
import { cleanEnv, run } from '../helpers/run.js';

export interface ChannelWorld {
  sb: SandboxHandle;
  app: AppContext;
  call<T>(name: string, req: unknown): Promise<T>;
  /** The error envelope of a call that must fail. */
  fail(name: string, req: unknown): Promise<{ code: string; message: string }>;
  clusterArn(name: string): string;
  /** Authenticator log lines since `sinceMs`, read with the real `aws logs filter-log-events` as `profile`. */
  authenticatorLines(profile: string, cluster: string, region: string, sinceMs: number): Promise<string[]>;
  close(): Promise<void>;
}

export async function openChannelWorld(scenario: string): Promise<ChannelWorld> {
  const sb = await startSandbox(`sandbox/scenarios/${scenario}.yaml`);
  const backupDir = path.join(mkdtempSync(path.join(tmpdir(), 'wizard-backups-')), 'backups');
  const app = createAppContext({ env: sandboxEnv(sb.env), mode: 'cli', doctor: { reprobeTimeoutMs: 30_000 }, wizard: { backupDir } });
  const call = async <T,>(name: string, req: unknown): Promise<T> => {
    const r = await dispatch(app.handlers, name, req);
    if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.code}: ${r.error.message}`), { code: r.error.code });
    return r.result as T;
  };
  await call('matrix.start', {});
  for (let i = 0; i < 1200 && app.matrix.state().running; i++) await new Promise((r) => setTimeout(r, 50));
  const snapshot = app.matrix.current();
  return {
    sb,
    app,
    call,
    async fail(name, req) {
      const r = await dispatch(app.handlers, name, req);
      if (r.ok) throw new Error(`${name} succeeded but should have failed`);
      return r.error;
    },
    clusterArn(name) {
      const c = snapshot.clusters.find((x) => x.name === name);
      if (!c) throw new Error(`no cluster ${name} in the matrix`);
      return c.arn;
    },
    async authenticatorLines(profile, cluster, region, sinceMs) {
      const r = await run('aws', ['logs', 'filter-log-events', '--log-group-name', `/aws/eks/${cluster}/cluster`, '--start-time', String(sinceMs), '--region', region, '--profile', profile, '--output', 'json'], cleanEnv(sb.env), 60_000);
      if (r.code !== 0) throw new Error(`filter-log-events failed: ${r.stderr}`);
      return (JSON.parse(r.stdout) as { events: { message: string }[] }).events.map((e) => e.message);
    },
    close: () => sb.stop(),
  };
}
