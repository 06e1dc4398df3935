// The wizards' Verify step's "same check by hand", run as shown with the real aws CLI and kubectl against the
// sandbox: the last command's answer is the grant's result (401, or in), and the user's kubeconfig stays as it was —
// its bytes and kubectl's current context — since update-kubeconfig writes a throwaway file that kubectl then reads.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCommands } from '../../renderer/src/wizards/verify-commands.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { classifyGetSvc, cleanEnv, run } from '../helpers/run.js';

describe("the Verify step's check by hand, run as shown", () => {
  let sandbox: SandboxHandle;
  let env: Record<string, string>;
  beforeAll(async () => {
    sandbox = await startSandbox('sandbox/scenarios/unmapped-user.yaml');
    env = cleanEnv(sandbox.env);
    // The user's own kubeconfig: kubectl on analytics as priya, its current context.
    const own = await run('aws', ['eks', 'update-kubeconfig', '--name', 'analytics', '--region', 'us-east-1', '--profile', 'priya'], env);
    expect(own.code, own.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await sandbox?.stop();
  });

  it.each([
    ['tom', 'unauthorized'],
    ['priya', 'ok'],
  ])('%s on analytics: the last command says %s, and the kubeconfig is untouched', async (profile, expected) => {
    expect.hasAssertions();
    const kubeconfig = env.KUBECONFIG!.split(':')[0]!;
    const bytesBefore = readFileSync(kubeconfig);
    const contextBefore = await run('kubectl', ['config', 'current-context'], env);
    expect(contextBefore.code, contextBefore.stderr).toBe(0);

    const commands = verifyCommands(profile, 'analytics', 'us-east-1', mkdtempSync(join(tmpdir(), 'eks-verify-test-')));
    expect(commands.at(-1)).toMatch(/^kubectl get svc --kubeconfig /);
    const results = [];
    for (const command of commands) results.push(await run('bash', ['-c', command], env));
    expect(results[0]!.code, results[0]!.stderr).toBe(0);
    expect(classifyGetSvc(results.at(-1)!)).toBe(expected);

    expect(readFileSync(kubeconfig).equals(bytesBefore)).toBe(true);
    const contextAfter = await run('kubectl', ['config', 'current-context'], env);
    expect(contextAfter.stdout).toBe(contextBefore.stdout);
  }, 120_000);
});
