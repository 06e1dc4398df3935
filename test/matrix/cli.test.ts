// The `matrix` command: docs/cli.md's JSON shape, the table, and argument errors (exit 2, one line on stderr).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMatrix } from '../../electron/cli/matrix.js';
import { appEnv, startSandbox, type SandboxHandle } from './support.js';

const DEMO = path.resolve(__dirname, '../../sandbox/scenarios/demo.yaml');
const OUTCOMES = ['ADMIN', 'ACCESS', 'FORBIDDEN', 'UNAUTHORIZED', 'NO_CREDENTIALS', 'UNREACHABLE', 'ERROR'];

describe('matrix command', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox(DEMO);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('--json prints {profiles, clusters, cells, elapsedMs} and exits 0', async () => {
    const r = await runMatrix(['--json', '--concurrency', '16', '--timeout-ms', '3000'], { env: appEnv(sandbox) });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['profiles', 'clusters', 'cells', 'elapsedMs']));
    expect(out.profiles).toEqual(expect.arrayContaining(['default', 'bob', 'developer', 'sso-dev-admin']));
    expect(out.profiles).toHaveLength(12);
    expect(out.clusters).toHaveLength(6);
    for (const c of out.clusters) {
      expect(Object.keys(c).sort()).toEqual(['arn', 'endpoint', 'name', 'region']);
      expect(c.arn).toBe(`arn:aws:eks:${c.region}:${c.arn.split(':')[4]}:cluster/${c.name}`);
      expect(c.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    }
    expect(out.cells).toHaveLength(72);
    for (const cell of out.cells) {
      expect(out.profiles).toContain(cell.profile);
      expect(out.clusters.map((c: { arn: string }) => c.arn)).toContain(cell.clusterArn);
      expect(OUTCOMES).toContain(cell.outcome);
      expect(typeof cell.ms).toBe('number');
      if (cell.username !== undefined) expect(Array.isArray(cell.groups)).toBe(true);
    }
    const dev = out.cells.find((c: { profile: string; clusterArn: string }) => c.profile === 'developer' && c.clusterArn.endsWith('/payments-prod'));
    expect(dev).toMatchObject({ outcome: 'ACCESS', username: 'developer:alice', groups: ['developers', 'system:authenticated'] });
    expect(out.elapsedMs).toBeGreaterThan(0);
    // No secrets: neither the profiles' secret keys nor any bearer token.
    expect(r.stdout).not.toMatch(/k8s-aws-v1\.|aws_secret_access_key|SecretAccessKey|sessionToken/i);
  });

  it('--profiles and --regions narrow the matrix', async () => {
    const r = await runMatrix(['--json', '--profiles', 'dev-admin,carol', '--regions', 'eu-west-1'], { env: appEnv(sandbox) });
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.profiles).toEqual(['dev-admin', 'carol']);
    expect(out.clusters.map((c: { name: string }) => c.name)).toEqual(['ml-training']);
    expect(out.cells.map((c: { outcome: string }) => c.outcome)).toEqual(['ADMIN', 'UNAUTHORIZED']);
  });

  it('prints a table without --json', async () => {
    const r = await runMatrix(['--profiles', 'default,bob', '--regions', 'us-east-1,eu-west-1'], { env: appEnv(sandbox) });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\[1\] \S+\s+us-east-1\s+arn:aws:eks:/m);
    expect(r.stdout).toMatch(/^default\s+.*✔ admin/m);
    expect(r.stdout).toMatch(/^bob\s+.*⛔ forbidden/m);
  });

  it.each([
    [['--concurrency', '0']],
    [['--concurrency', 'many']],
    [['--timeout-ms', '-5']],
    [['--regions', 'moon-base-1']],
    [['--regions', 'us-east-1', '--all-regions']],
    [['--profiles', '']],
    [['--bogus']],
    [['extra-positional']],
    [['--profiles', 'nobody,default']],
  ])('%j → exit 2 with one line on stderr', async (args) => {
    const r = await runMatrix(args, { env: appEnv(sandbox) });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: .+\n$/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 1 with one line when the scan cannot run at all (an unreadable config)', async () => {
    const r = await runMatrix(['--json'], { env: { ...appEnv(sandbox), AWS_CA_BUNDLE: path.join(sandbox.stateDir, 'no-such-ca.pem') } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: .+\n$/);
  });
});
