// The one child runner: a child that never answers ends at its deadline, on cancel and when the app exits — and so
// does everything it started (its whole process group), not only the child itself.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveGroups } from '../../electron/process/process-groups.js';
import { runChild } from '../../electron/process/run-child.js';
import { hangingHelper, helperPids, isRunning, runningInGroup, waitFor } from '../helpers/hanging-helper.js';

const ROOT = path.resolve(__dirname, '../..');
const env = { PATH: process.env.PATH ?? '' };

describe('runChild', () => {
  it('ends a hanging script and its background sleep at the deadline', async () => {
    const h = hangingHelper();
    const started = Date.now();
    const run = await runChild({ command: h.script, args: [], env, timeoutMs: 700 });
    expect(run.ended).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    const [script, sleep] = helperPids(h);
    expect(script).toBeGreaterThan(0);
    expect(sleep).toBeGreaterThan(0);
    // The script leads its own group; the sleep it started is in it, and both are gone.
    expect(await waitFor(() => runningInGroup(script!).length === 0)).toBe(true);
    expect(isRunning(sleep!)).toBe(false);
    expect(liveGroups()).not.toContain(script);
  });

  it('ends the group when the caller cancels', async () => {
    const h = hangingHelper();
    const controller = new AbortController();
    const pending = runChild({ command: h.script, args: [], env, timeoutMs: 60_000, signal: controller.signal });
    expect(await waitFor(() => helperPids(h).length === 2)).toBe(true);
    controller.abort();
    const run = await pending;
    expect(run.ended).toBe('cancelled');
    const [script, sleep] = helperPids(h);
    expect(await waitFor(() => runningInGroup(script!).length === 0)).toBe(true);
    expect(isRunning(sleep!)).toBe(false);
  });

  it('never uses a shell: the arguments arrive as given', async () => {
    const run = await runChild({ command: 'printf', args: ['%s|', 'a b', '$(id)', ';', '*'], env, timeoutMs: 5000 });
    expect(run).toMatchObject({ exitCode: 0, stdout: 'a b|$(id)|;|*|' });
  });

  it('a program that is not there: startError ENOENT, no exception', async () => {
    const run = await runChild({ command: '/nonexistent/helper', args: [], env, timeoutMs: 5000 });
    expect(run.startError?.code).toBe('ENOENT');
  });

  it.each(['exit', 'SIGTERM'])('a process that ends (%s) takes its children\'s groups with it', async (how) => {
    const h = hangingHelper();
    // A small program that starts the helper through the runner with a long deadline, then ends before it.
    const program = `
      import { runChild } from './electron/process/run-child.ts';
      void runChild({ command: ${JSON.stringify(h.script)}, args: [], env: { PATH: process.env.PATH }, timeoutMs: 600000 });
      setInterval(() => {}, 1000);
      ${how === 'exit' ? 'setTimeout(() => process.exit(0), 800);' : ''}
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], { cwd: ROOT, env: { ...process.env }, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      expect(await waitFor(() => helperPids(h).length === 2, 15_000)).toBe(true);
      const [script, sleep] = helperPids(h);
      // The script, its background sleep and its own foreground sleep.
      expect(runningInGroup(script!)).toHaveLength(3);
      if (how === 'SIGTERM') child.kill('SIGTERM');
      await exited;
      expect(await waitFor(() => runningInGroup(script!).length === 0)).toBe(true);
      expect(isRunning(sleep!)).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});

describe('a kubeconfig exec plugin that never answers', () => {
  it('is stopped at the timeout with every process it started', async () => {
    const { runExecPlugin } = await import('../../electron/diagnose/exec-run.js');
    const h = hangingHelper('stuck-plugin.sh');
    const started = Date.now();
    const run = await runExecPlugin({ command: h.script, args: ['eks', 'get-token'], env, timeoutMs: 700 });
    expect(run).toMatchObject({ ok: false, kind: 'exec-failed', message: expect.stringMatching(/did not finish within/) });
    expect(Date.now() - started).toBeLessThan(3000);
    const [script, sleep] = helperPids(h);
    expect(await waitFor(() => runningInGroup(script!).length === 0)).toBe(true);
    expect(isRunning(sleep!)).toBe(false);
  });
});

describe('arguments Node refuses', () => {
  it('are a startError, not an exception', async () => {
    const run = await runChild({ command: 'printf', args: ['a\0b'], env, timeoutMs: 5000 });
    expect(run.startError).toBeDefined();
    expect(run.exitCode).toBeNull();
  });
});
