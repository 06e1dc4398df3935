// The cell panel's "same check by hand", run as shown with the real aws CLI and kubectl against the sandbox: it
// gives the cell's answer (401 or in) and leaves the user's kubeconfig as it was — its bytes and kubectl's
// current context — since update-kubeconfig writes a throwaway file that kubectl then reads.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatrixScan } from '../../electron/matrix/engine.js';
import type { MatrixSnapshot } from '../../electron/matrix/events.js';
import { cellCommands } from '../../renderer/src/matrix/format.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { classifyGetSvc, cleanEnv, run } from '../helpers/run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe("a cell's check by hand, run as shown", () => {
  let sandbox: SandboxHandle;
  let env: Record<string, string>;
  let matrix: MatrixSnapshot;
  beforeAll(async () => {
    sandbox = await startSandbox('sandbox/scenarios/unmapped-user.yaml');
    env = cleanEnv(sandbox.env);
    // The user's own kubeconfig: kubectl on analytics as priya, its current context.
    const own = await run('aws', ['eks', 'update-kubeconfig', '--name', 'analytics', '--region', 'us-east-1', '--profile', 'priya'], env);
    expect(own.code, own.stderr).toBe(0);
    const scan = new MatrixScan({}, { env });
    matrix = await scan.done.finally(() => scan.close());
  }, 120_000);
  afterAll(async () => {
    await sandbox?.stop();
  });

  it.each([
    ['tom', 'unauthorized'],
    ['priya', 'ok'],
  ])('%s on analytics: the check says %s, as the cell does, and the kubeconfig is untouched', async (profile, expected) => {
    expect.hasAssertions();
    const cluster = matrix.clusters.find((c) => c.name === 'analytics')!;
    const cell = matrix.cells.find((c) => c.profile === profile && c.clusterArn === cluster.arn)!;
    expect(cell.outcome === 'UNAUTHORIZED' ? 'unauthorized' : ['ADMIN', 'ACCESS'].includes(cell.outcome) ? 'ok' : cell.outcome).toBe(expected);
    const kubeconfig = env.KUBECONFIG!.split(':')[0]!;
    const bytesBefore = readFileSync(kubeconfig);
    const contextBefore = await run('kubectl', ['config', 'current-context'], env);
    expect(contextBefore.code, contextBefore.stderr).toBe(0);

    const commands = cellCommands(profile, cluster, mkdtempSync(join(tmpdir(), 'eks-check-test-'))).map((c) => c.command);
    const results = [];
    for (const command of commands) results.push(await run('bash', ['-c', command], env));
    const [identity, write, whoami, getSvc] = results;
    expect(identity!.code, identity!.stderr).toBe(0);
    expect(JSON.parse(identity!.stdout).Arn).toBe(`arn:aws:iam::111122223333:user/${profile}`);
    expect(write!.code, write!.stderr).toBe(0);
    expect(classifyGetSvc(getSvc!)).toBe(expected);
    if (expected === 'ok') expect(whoami!.stdout).toContain(`arn:aws:iam::111122223333:user/${profile}`);
    else expect(whoami!.stderr).toMatch(/You must be logged in to the server/);

    expect(readFileSync(kubeconfig).equals(bytesBefore)).toBe(true);
    const contextAfter = await run('kubectl', ['config', 'current-context'], env);
    expect(contextAfter.stdout).toBe(contextBefore.stdout);
  }, 120_000);
});
