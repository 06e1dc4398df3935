// `npm run --silent sandbox -- --scenario FILE --state-dir DIR` as a user (or an acceptance test) runs it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, run } from '../helpers/run.js';

const repo = path.resolve(__dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'sandbox-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function sandbox(args: string[]) {
  return run('npm', ['run', '--silent', 'sandbox', '--', ...args], cleanEnv(), 60_000);
}

describe('sandbox command', () => {
  it('starts, writes the state dir and env, serves the real aws CLI, and stops on SIGTERM within a second', async () => {
    const stateDir = path.join(work, 'state');
    const child = spawn('npm', ['run', '--silent', 'sandbox', '--', '--scenario', 'sandbox/scenarios/healthy.yaml', '--state-dir', stateDir], {
      cwd: repo,
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 45_000;
    while (!stdout.includes('sandbox ready:') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(stdout.trim()).toBe(`sandbox ready: ${path.join(stateDir, 'env')}`);

    const envText = readFileSync(path.join(stateDir, 'env'), 'utf8');
    for (const name of ['HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_ENDPOINT_URL', 'KUBECONFIG']) {
      expect(envText).toMatch(new RegExp(`^export ${name}=`, 'm'));
    }
    const shell = await run('bash', ['-c', `. '${stateDir}/env' && aws sts get-caller-identity --output json`], cleanEnv());
    expect(shell.code, shell.stderr).toBe(0);
    expect(JSON.parse(shell.stdout).Arn).toMatch(/^arn:aws:iam::\d{12}:user\//);
    expect(readdirSync(stateDir).sort()).toEqual(expect.arrayContaining(['env', 'home']));

    const t0 = Date.now();
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    expect(Date.now() - t0).toBeLessThan(1_500);
    const refused = await run('bash', ['-c', `. '${stateDir}/env' && aws sts get-caller-identity --cli-connect-timeout 2`], cleanEnv());
    expect(refused.code).not.toBe(0);
  });

  it('rejects a scenario that breaks the schema with file, line, field path and what was expected', async () => {
    const bad = path.join(work, 'bad.yaml');
    writeFileSync(bad, 'name: bad\naccounts:\n  - id: "111122223333"\nclusters:\n  - name: prod\n    account: "111122223333"\n    region: us-east-1\n    authenticationMode: FOO\n');
    const r = await sandbox(['--scenario', bad, '--state-dir', path.join(work, 'bad-state')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `sandbox: invalid scenario: ${bad}:8: clusters[0].authenticationMode: expected one of CONFIG_MAP | API_AND_CONFIG_MAP | API (got "FOO")`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(work, 'bad-state', 'env'))).toBe(false);
  });

  it('says what is wrong with its arguments, exit 2', async () => {
    const missing = await sandbox(['--state-dir', work]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^sandbox: --scenario is required/);
    const unknown = await sandbox(['--scenario', 'x.yaml', '--state-dir', work, '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^sandbox: Unknown option '--bogus'/);
    const nofile = await sandbox(['--scenario', path.join(work, 'nope.yaml'), '--state-dir', work]);
    expect(nofile.code).toBe(2);
    expect(nofile.stderr.trim()).toBe(`sandbox: invalid scenario: ${path.join(work, 'nope.yaml')}: cannot read the file (ENOENT)`);
  });
});
