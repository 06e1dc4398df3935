// "Your kubectl" on the demo sandbox, with each context's credential helper (`aws eks get-token`) run through a
// wrapper that writes down every run: a failing context's diagnosis reuses what its check found kubectl presents
// (the helper runs once per context, not twice), and a failing context's cause is looked for as soon as its own
// check ends, not after every other context's check. data-platform's helper waits until the test has seen a cause.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/app-context.js';
import { dispatch } from '../../electron/dispatch.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import type { ContextsListResult, ContextsProgress } from '../../shared/contexts-types.js';
import { sandboxEnv } from '../app/support.js';

const SCENARIO = join(process.cwd(), 'sandbox', 'scenarios', 'demo.yaml');

function onPath(program: string): string {
  const dir = (process.env.PATH ?? '').split(delimiter).find((d) => d && existsSync(join(d, program)));
  if (!dir) throw new Error(`${program} is not on the PATH`);
  return join(dir, program);
}

describe('Your kubectl: one helper run per context, causes as checks end (demo sandbox)', () => {
  let sandbox: SandboxHandle;
  let app: AppContext;
  const dir = mkdtempSync(join(tmpdir(), 'helper-runs-'));
  const log = join(dir, 'runs.log');
  const go = join(dir, 'go');
  const events: Array<{ name: string; checked: boolean; cause: boolean }> = [];

  beforeAll(async () => {
    sandbox = await startSandbox(SCENARIO);
    const bin = join(dir, 'bin');
    // A test fixture, not app code: the app runs the helper as kubectl does, by name on the PATH.
    const wrapper = [
      '#!/bin/sh',
      `echo "$*" >> '${log}'`,
      'case "$*" in *data-platform*)',
      `  i=0; while [ ! -e '${go}' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done ;;`,
      'esac',
      `exec '${onPath('aws')}' "$@"`,
      '',
    ].join('\n');
    mkdirSync(bin);
    writeFileSync(join(bin, 'aws'), wrapper);
    chmodSync(join(bin, 'aws'), 0o755);
    const env = { ...sandboxEnv(sandbox.env), PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
    app = createAppContext({ env, mode: 'browser' });
    app.events.subscribe((name, payload) => {
      if (name !== 'contexts.progress') return;
      const step = payload as ContextsProgress;
      if (step.contexts.length !== 1) return; // the first step lists them all, unchecked
      const [view] = step.contexts;
      events.push({ name: view!.clusterName ?? view!.name, checked: Boolean(view!.outcome), cause: Boolean(view!.cause) });
      if (view!.cause) writeFileSync(go, '');
    });
    await app.services();
  });

  afterAll(async () => {
    app?.close();
    await sandbox?.stop();
  });

  it('runs each context’s helper once, and finds a cause before the slowest context’s check ends', async () => {
    expect.hasAssertions();
    const r = await dispatch(app.handlers, 'contexts.list', { progressId: 'helper-runs-1' });
    if (!r.ok) throw new Error(`contexts.list: ${r.error.code}: ${r.error.message}`);
    const list = r.result as ContextsListResult;
    const failing = list.contexts.filter((c) => c.eks && c.cause).map((c) => c.clusterName);
    expect(failing.sort()).toEqual(['checkout-prod', 'data-platform', 'internal-tools']);

    const runs = readFileSync(log, 'utf8').trim().split('\n');
    const perCluster = new Map<string, number>();
    for (const line of runs) {
      const cluster = /--cluster-name (\S+)/.exec(line)?.[1] ?? line;
      perCluster.set(cluster, (perCluster.get(cluster) ?? 0) + 1);
    }
    expect(Object.fromEntries(perCluster)).toEqual({ 'payments-prod': 1, 'checkout-prod': 1, 'internal-tools': 1, 'dev-sandbox': 1, 'data-platform': 1 });

    const firstCause = events.findIndex((e) => e.cause);
    const slowChecked = events.findIndex((e) => e.name === 'data-platform' && e.checked);
    expect(firstCause).toBeGreaterThanOrEqual(0);
    expect(firstCause).toBeLessThan(slowChecked);
  }, 150_000);
});
