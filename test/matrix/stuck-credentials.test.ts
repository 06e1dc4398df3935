// One profile whose credential_process never answers, in a sandbox: the real CLI's `matrix` and `diagnose` still
// finish on time, that profile's cells say why, every other cell is what it is without it, and once the CLI has
// exited nothing the helper started is still running — nor anything a timed-out kubeconfig exec plugin started.
import { appendFileSync, chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMatrix } from '../../electron/cli/matrix.js';
import { run } from '../helpers/run.js';
import { hangingHelper, helperGone, helperRuns, type HangingHelper } from '../helpers/hanging-helper.js';
import { appEnv, startSandbox, type SandboxHandle } from './support.js';

const ROOT = path.resolve(__dirname, '../..');
const HEALTHY = path.join(ROOT, 'sandbox/scenarios/healthy.yaml');
const DEADLINE_MS = 1500;

interface Cell {
  profile: string;
  clusterArn: string;
  outcome: string;
  username?: string;
  groups?: string[];
  message?: string;
}

describe('a credential_process that never answers', () => {
  let sandbox: SandboxHandle;
  let stuck: HangingHelper;
  let env: Record<string, string>;

  beforeAll(async () => {
    sandbox = await startSandbox(HEALTHY);
    stuck = hangingHelper();
    // A helper that answers, with bob's keys: its cells must be bob's.
    const keys = readFileSync(sandbox.env.AWS_SHARED_CREDENTIALS_FILE!, 'utf8').split('[bob]')[1]!;
    const id = /aws_access_key_id = (\S+)/.exec(keys)![1];
    const secret = /aws_secret_access_key = (\S+)/.exec(keys)![1];
    const answering = path.join(stuck.dir, 'answering-helper.sh');
    writeFileSync(answering, `#!/bin/sh\nprintf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "%s"}' '${id}' '${secret}'\n`);
    chmodSync(answering, 0o755);
    appendFileSync(
      sandbox.env.AWS_CONFIG_FILE!,
      `\n[profile stuck]\ncredential_process = ${stuck.script}\nregion = us-east-1\n\n[profile via-helper]\ncredential_process = ${answering}\nregion = us-east-1\n`,
    );
    env = { ...(appEnv(sandbox) as Record<string, string>), EAD_CREDENTIAL_TIMEOUT_MS: String(DEADLINE_MS) };
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  /** The real CLI in its own process, as a user runs it. */
  async function cli(args: string[], extraEnv: Record<string, string> = {}) {
    const started = Date.now();
    const r = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/cli.ts'), ...args], { ...env, ...extraEnv }, 100_000);
    return { ...r, ms: Date.now() - started };
  }

  it('matrix --json finishes on time: the stuck profile is NO_CREDENTIALS, every other cell as without it', { timeout: 120_000 }, async () => {
    const before = helperRuns(stuck).length;
    const r = await cli(['matrix', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { profiles: string[]; cells: Cell[] };
    // On time: the deadline plus what the scan takes anyway (a few seconds, more on a busy machine).
    expect(r.ms).toBeLessThan(DEADLINE_MS + 30_000);
    expect(out.profiles).toEqual(expect.arrayContaining(['default', 'bob', 'developer', 'stuck', 'via-helper']));
    const stuckCells = out.cells.filter((c) => c.profile === 'stuck');
    expect(stuckCells).toHaveLength(1);
    expect(stuckCells[0]).toMatchObject({ outcome: 'NO_CREDENTIALS', message: `credential_process of profile "stuck" (${stuck.script}) did not answer within 1.5 s` });

    // The same scan without the stuck profile, in this process.
    const baseline = await runMatrix(['--json', '--profiles', 'default,bob,developer,via-helper'], { env: appEnv(sandbox) });
    const expected = (JSON.parse(baseline.stdout) as { cells: Cell[] }).cells;
    const shape = (c: Cell) => ({ profile: c.profile, clusterArn: c.clusterArn, outcome: c.outcome, username: c.username, groups: c.groups });
    expect(out.cells.filter((c) => c.profile !== 'stuck').map(shape)).toEqual(expected.map(shape));
    const cellOf = (p: string) => out.cells.find((c) => c.profile === p)!;
    expect(cellOf('default').outcome).toBe('ADMIN');
    expect(cellOf('developer').outcome).toBe('ACCESS');
    // The answering helper is bob: same outcome as bob's own keys.
    expect(cellOf('via-helper').outcome).toBe(cellOf('bob').outcome);

    // One start per scan: the deadline is paid once for the row, not once per cell.
    expect(helperRuns(stuck).length - before).toBe(1);
    expect(await helperGone(stuck)).toBe(true);
  });

  it('diagnose of an unrelated valid profile finishes, and the helper is gone after', { timeout: 120_000 }, async () => {
    const before = helperRuns(stuck).length;
    const r = await cli(['diagnose', '--profile', 'default', '--cluster', 'payments-prod', '--json']);
    expect(r.code, r.stderr).toBe(0);
    // It finishes (it used to wait forever; `cli` gives up after 100 s), having asked the helper once.
    expect(helperRuns(stuck).length - before).toBe(1);
    const out = JSON.parse(r.stdout) as { outcome: string; causes: { code: string }[] };
    expect(out.outcome).toBe('ADMIN');
    expect(out.causes[0]!.code).toBe('OK');
    expect(await helperGone(stuck)).toBe(true);
  });

  it('a kubeconfig exec plugin stuck on that profile is stopped with its whole group (aws, the helper, its sleep)', { timeout: 120_000 }, async () => {
    const kubeconfig = sandbox.env.KUBECONFIG!;
    const original = readFileSync(kubeconfig, 'utf8');
    writeFileSync(kubeconfig, original.replace(/name: AWS_PROFILE\n(\s+)value: default/, 'name: AWS_PROFILE\n$1value: stuck'));
    try {
      const before = helperRuns(stuck).length;
      const r = await cli(['diagnose', '--profile', 'default', '--cluster', 'payments-prod', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { kubectlIdentity?: unknown; causes: { code: string; detail: string; evidence: string[] }[] };
      // The real aws CLI waited on the helper: kubectl's way in fails, and the diagnosis says so.
      expect(helperRuns(stuck).length).toBeGreaterThan(before);
      expect(JSON.stringify(out.causes)).toMatch(/did not finish within 11\.5s/);
      expect(await helperGone(stuck)).toBe(true);
    } finally {
      writeFileSync(kubeconfig, original);
    }
  });
});
