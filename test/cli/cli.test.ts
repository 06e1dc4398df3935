import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { runCli } from '../../electron/cli.js';
import { tempAwsHome } from '../app/support.js';

const exec = promisify(execFile);
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_') && k !== 'KUBECONFIG'));

async function cli(argv: string[], env = tempAwsHome({ config: '[profile a]\nregion = us-east-1\n' }).env) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('headless CLI arguments', () => {
  it('exits 2 with one clear line for an unknown flag', async () => {
    const r = await cli(['profiles', '--jsno']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: Unknown option '--jsno'/);
  });

  it('exits 2 for an unknown command, a stray argument, or none', async () => {
    for (const argv of [['frobnicate'], ['profiles', 'extra'], [], ['profiles', '--json=yes']]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.split('\n').filter(Boolean), argv.join(' ')).toHaveLength(1);
    }
  });

  it('profiles --json prints exactly the documented shape', async () => {
    const { env } = tempAwsHome({
      config: '[profile a]\nregion = us-east-1\n[profile r]\nrole_arn = arn:aws:iam::111122223333:role/R\nsource_profile = a\nmfa_serial = arn:aws:iam::111122223333:mfa/x\n',
      credentials: '[a]\naws_access_key_id = AKIA0000000000000001\naws_secret_access_key = verySecret\n',
    });
    const r = await cli(['profiles', '--json'], env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { profiles: Record<string, unknown>[] };
    expect(out.profiles.map((p) => Object.keys(p).sort())).toEqual([
      ['error', 'name', 'region', 'status', 'type'],
      ['error', 'name', 'region', 'status', 'type'],
    ]);
    expect(out.profiles[1]).toMatchObject({ name: 'r', type: 'assume-role', region: null, status: 'mfa-needed' });
    expect(r.stdout).not.toContain('verySecret');
  });

  it('runs as `npm run --silent cli` with the same exit codes', async () => {
    const { env } = tempAwsHome({ config: '[profile a]\nregion = us-east-1\n' });
    const failure = await exec('npm', ['run', '--silent', 'cli', '--', 'profiles', '--bogus'], { cwd: process.cwd(), env: { ...baseEnv, ...env } as NodeJS.ProcessEnv, timeout: 30_000 })
      .then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);
    expect(failure.code).toBe(2);
    expect(failure.stderr.trim().split('\n')).toHaveLength(1);
    const ok = await exec('npm', ['run', '--silent', 'cli', '--', 'profiles', '--json'], { cwd: process.cwd(), env: { ...baseEnv, ...env } as NodeJS.ProcessEnv, timeout: 30_000 });
    expect(JSON.parse(ok.stdout)).toMatchObject({ profiles: [{ name: 'a', type: 'unknown', region: 'us-east-1', status: 'error' }] });
  });
});
