// update-kubeconfig beside the installed `aws eks update-kubeconfig` (awscli/customizations/eks/update_kubeconfig.py)
// for DescribeCluster answers the sandbox does not give: a local cluster on AWS Outposts, and an answer without a
// status. A small EKS stand-in on 127.0.0.1 answers both clients the same JSON.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runUpdateKubeconfig } from '../../electron/cli/update-kubeconfig.js';
import { cleanEnv, run } from '../helpers/run.js';

const ARN = 'arn:aws:eks:us-west-2:111122223333:cluster';
const CLUSTERS: Record<string, unknown> = {
  // DescribeCluster of a local cluster on Outposts: it has an id and outpostConfig.
  edge: {
    name: 'edge', arn: `${ARN}/edge`, id: 'a1b2c3d4-5e6f-4a5b-8c9d-0e1f2a3b4c5d', status: 'ACTIVE', endpoint: 'https://10.0.0.10',
    certificateAuthority: { data: 'Q0E=' }, outpostConfig: { outpostArns: ['arn:aws:outposts:us-west-2:111122223333:outpost/op-0123456789abcdef0'], controlPlaneInstanceType: 'm5.large' },
  },
  // An answer without status.
  ghost: { name: 'ghost', arn: `${ARN}/ghost`, endpoint: 'https://10.0.0.11', certificateAuthority: { data: 'Q0E=' } },
};

let server: Server;
let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '').split('/')[2] ?? '');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ cluster: CLUSTERS[name] ?? {} }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  dir = mkdtempSync(path.join(tmpdir(), 'ukc-parity-'));
  writeFileSync(path.join(dir, 'config'), '[default]\nregion = us-west-2\n');
  writeFileSync(path.join(dir, 'credentials'), '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
  env = {
    HOME: dir,
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    AWS_ENDPOINT_URL: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function userExec(file: string): unknown {
  return (parse(readFileSync(file, 'utf8')) as { users: Array<{ user: { exec: unknown } }> }).users[0].user.exec;
}

describe('update-kubeconfig as aws eks update-kubeconfig', () => {
  it('writes a local Outposts cluster with --cluster-id, as the CLI does (and prints the entries with --verbose)', async () => {
    const cliFile = path.join(dir, 'cli-kubeconfig');
    const appFile = path.join(dir, 'app-kubeconfig');
    const cli = await run('aws', ['eks', 'update-kubeconfig', '--name', 'edge', '--kubeconfig', cliFile, '--verbose'], cleanEnv(env));
    expect(cli.code, cli.stderr).toBe(0);
    const app = await runUpdateKubeconfig(['--profile', 'default', '--cluster', 'edge', '--kubeconfig', appFile, '--verbose'], { env: { ...env, AWS_PROFILE: 'default' }, backupDir: path.join(dir, 'backups') });
    expect(app.exitCode, app.stderr).toBe(0);
    const cliExec = userExec(cliFile) as { args: string[]; env?: unknown };
    expect(cliExec.args).toEqual(['--region', 'us-west-2', 'eks', 'get-token', '--cluster-id', 'a1b2c3d4-5e6f-4a5b-8c9d-0e1f2a3b4c5d', '--output', 'json']);
    // The app's entry names the profile (AWS_PROFILE) where the CLI ran without one; the args are the same.
    expect((userExec(appFile) as { args: string[] }).args).toEqual(cliExec.args);
    const entriesOf = (out: string) => parse(out.slice(out.indexOf('Entries:') + 'Entries:'.length).split('\n\n').filter((s) => s.trim() && !s.startsWith('Backup') && !s.startsWith('Undo'))[0]!);
    expect(cli.stdout).toContain('Entries:\n\n');
    expect(app.stdout).toContain('Entries:\n\n');
    expect(entriesOf(app.stdout)).toEqual(entriesOf(cli.stdout));
  });

  it('says "Cluster not found" for an answer without status, as the CLI does', async () => {
    const cli = await run('aws', ['eks', 'update-kubeconfig', '--name', 'ghost', '--kubeconfig', path.join(dir, 'k1')], cleanEnv(env));
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toContain('Cluster not found');
    const app = await runUpdateKubeconfig(['--profile', 'default', '--cluster', 'ghost', '--kubeconfig', path.join(dir, 'k2')], { env, backupDir: path.join(dir, 'backups') });
    expect(app).toMatchObject({ exitCode: 1, stdout: '', stderr: 'error: Cluster not found\n' });
  });

  it('accepts the CLI flags --verbose, --assume-role-arn and --help', async () => {
    const bad = await runUpdateKubeconfig(['--profile', 'default', '--cluster', 'edge', '--assume-role-arn', 'nope'], { env });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/^error: --assume-role-arn: "nope" must be an IAM role ARN \(usage: update-kubeconfig [^\n]+\)\n$/);
    const help = await run(process.execPath, [path.resolve(__dirname, '../../bin/eks-access-doctor.cjs'), 'update-kubeconfig', '--help'], cleanEnv(env));
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('--assume-role-arn ARN');
    expect(help.stdout).toContain('--verbose');
  });
});
