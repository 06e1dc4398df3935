// The app's update-kubeconfig against the real `aws eks update-kubeconfig`, both pointed at the same sandbox and
// at identical copies of the same kubeconfig files: the files must be equal as parsed YAML, and the message line equal.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runUpdateKubeconfig } from '../../electron/cli/update-kubeconfig.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { cleanEnv, run } from '../helpers/run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let sandbox: SandboxHandle;
let work: string;
let seedKubeconfig: string;
let otherKubeconfig: string;

beforeAll(async () => {
  sandbox = await startSandbox('sandbox/scenarios/no-kubeconfig-entry.yaml');
  work = mkdtempSync(path.join(tmpdir(), 'kubeconfig-equivalence-'));
  seedKubeconfig = sandbox.env.KUBECONFIG!;
  // A file with unrelated entries, as written by some other tool (kind): its own layout and a comment.
  otherKubeconfig = path.join(work, 'other.yaml');
  const text = [
    '# kind cluster',
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '  - name: kind-dev',
    '    cluster:',
    '      server: https://127.0.0.1:6443',
    'users:',
    '  - name: kind-dev',
    '    user:',
    '      token: not-a-real-token',
    'contexts:',
    '  - name: kind-dev',
    '    context: {cluster: kind-dev, user: kind-dev}',
    'current-context: kind-dev',
    '',
  ].join('\n');
  writeFileSync(otherKubeconfig, text, { mode: 0o600 });
});

afterAll(async () => {
  await sandbox?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Case {
  /** Files to seed in each side's folder: name → source file (undefined: must not exist). */
  files: Record<string, string | undefined>;
  /** KUBECONFIG as names in the side's folder (joined with ':'); undefined: unset, HOME/.kube/config is used. */
  kubeconfigList?: string[];
  /** --kubeconfig as a name in the side's folder. */
  kubeconfigFlag?: string;
  profile: string;
  cluster: string;
  roleArn?: string;
  alias?: string;
  userAlias?: string;
}

interface SideResult {
  dir: string;
  code: number;
  stdout: string;
  stderr: string;
}

let counter = 0;

function prepare(side: string, c: Case): { dir: string; env: Record<string, string> } {
  const dir = path.join(work, `${side}-${++counter}`);
  mkdirSync(path.join(dir, 'home', '.kube'), { recursive: true });
  for (const [name, source] of Object.entries(c.files)) if (source) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    copyFileSync(source, path.join(dir, name));
  }
  const env = cleanEnv({ ...sandbox.env, HOME: path.join(dir, 'home') });
  delete env.KUBECONFIG;
  if (c.kubeconfigList) env.KUBECONFIG = c.kubeconfigList.map((n) => path.join(dir, n)).join(':');
  return { dir, env };
}

async function runCli(c: Case): Promise<SideResult> {
  const { dir, env } = prepare('cli', c);
  const args = ['--profile', c.profile, 'eks', 'update-kubeconfig', '--name', c.cluster, '--region', 'us-east-1'];
  if (c.roleArn) args.push('--role-arn', c.roleArn);
  if (c.alias) args.push('--alias', c.alias);
  if (c.userAlias) args.push('--user-alias', c.userAlias);
  if (c.kubeconfigFlag) args.push('--kubeconfig', path.join(dir, c.kubeconfigFlag));
  const r = await run('aws', args, env, 60_000);
  return { dir, ...r };
}

async function runApp(c: Case): Promise<SideResult> {
  const { dir, env } = prepare('app', c);
  const args = ['--profile', c.profile, '--cluster', c.cluster, '--region', 'us-east-1'];
  if (c.roleArn) args.push('--role-arn', c.roleArn);
  if (c.alias) args.push('--alias', c.alias);
  if (c.userAlias) args.push('--user-alias', c.userAlias);
  if (c.kubeconfigFlag) args.push('--kubeconfig', path.join(dir, c.kubeconfigFlag));
  const r = await runUpdateKubeconfig(args, { env });
  return { dir, code: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under the side's folder (backups and the app's backup records excluded), parsed. */
function parsedFiles(dir: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) {
        if (name === '.aws' || name === '.eks-access-doctor') continue;
        walk(full);
      } else if (!name.includes('.eks-doctor-backup-')) {
        const text = readFileSync(full, 'utf8');
        let value: unknown;
        try {
          value = parse(text);
        } catch {
          value = { unparseable: text };
        }
        out[path.relative(dir, full)] = value;
      }
    }
  };
  walk(dir);
  return out;
}

async function compare(c: Case): Promise<{ cli: SideResult; app: SideResult }> {
  const [cli, app] = await Promise.all([runCli(c), runApp(c)]);
  expect(cli.code, cli.stderr).toBe(0);
  expect(app.code, app.stderr).toBe(0);
  expect(parsedFiles(app.dir)).toEqual(parsedFiles(cli.dir));
  const cliLine = cli.stdout.split('\n')[0]!.replace(cli.dir, '<dir>');
  const appLine = app.stdout.split('\n')[0]!.replace(app.dir, '<dir>');
  expect(appLine).toBe(cliLine);
  return { cli, app };
}

describe('update-kubeconfig writes what `aws eks update-kubeconfig` writes', () => {
  it('merges a new cluster into a file with other entries', async () => {
    const { app } = await compare({ files: { 'kube/config': seedKubeconfig }, kubeconfigList: ['kube/config'], profile: 'julia', cluster: 'web-prod' });
    expect(app.stdout).toMatch(/^Added new context arn:aws:eks:us-east-1:111122223333:cluster\/web-prod to /);
  });

  it('replaces an existing same-name entry in place (role ARN, other profile)', async () => {
    const { app } = await compare({
      files: { 'kube/config': seedKubeconfig },
      kubeconfigList: ['kube/config'],
      profile: 'web-admin',
      cluster: 'web-staging',
      roleArn: 'arn:aws:iam::111122223333:role/eks-admins',
    });
    expect(app.stdout).toMatch(/^Updated context arn:aws:eks:us-east-1:111122223333:cluster\/web-staging in /);
  });

  it('honours --alias and --user-alias', async () => {
    await compare({ files: { 'kube/config': seedKubeconfig }, kubeconfigList: ['kube/config'], profile: 'julia', cluster: 'web-prod', alias: 'prod' });
    await compare({ files: { 'kube/config': seedKubeconfig }, kubeconfigList: ['kube/config'], profile: 'julia', cluster: 'web-prod', userAlias: 'julia-prod' });
  });

  it('KUBECONFIG with two files, the cluster in the second: writes the second', async () => {
    const { app } = await compare({
      files: { 'a.yaml': otherKubeconfig, 'b.yaml': seedKubeconfig },
      kubeconfigList: ['a.yaml', 'b.yaml'],
      profile: 'julia',
      cluster: 'web-staging',
    });
    expect(app.stdout).toContain(path.join(app.dir, 'b.yaml'));
  });

  it('KUBECONFIG with two files, none has the cluster: writes the first', async () => {
    const { app } = await compare({
      files: { 'a.yaml': otherKubeconfig, 'b.yaml': seedKubeconfig },
      kubeconfigList: ['a.yaml', 'b.yaml'],
      profile: 'julia',
      cluster: 'web-prod',
    });
    expect(app.stdout).toContain(path.join(app.dir, 'a.yaml'));
  });

  it('KUBECONFIG whose first file does not exist yet: creates it, 0600', async () => {
    const { app } = await compare({ files: { 'b.yaml': otherKubeconfig }, kubeconfigList: ['new/a.yaml', 'b.yaml'], profile: 'julia', cluster: 'web-prod' });
    expect(statSync(path.join(app.dir, 'new/a.yaml')).mode & 0o777).toBe(0o600);
  });

  it('KUBECONFIG whose first file is malformed, the cluster in the second: writes the second, leaves the first', async () => {
    const broken = path.join(work, 'broken.yaml');
    writeFileSync(broken, 'apiVersion: v1\nclusters: [\n');
    const { app } = await compare({ files: { 'a.yaml': broken, 'b.yaml': seedKubeconfig }, kubeconfigList: ['a.yaml', 'b.yaml'], profile: 'julia', cluster: 'web-staging' });
    expect(readFileSync(path.join(app.dir, 'a.yaml'), 'utf8')).toBe('apiVersion: v1\nclusters: [\n');
  });

  it('--kubeconfig beats KUBECONFIG', async () => {
    const { app } = await compare({
      files: { 'a.yaml': seedKubeconfig, 'c.yaml': otherKubeconfig },
      kubeconfigList: ['a.yaml'],
      kubeconfigFlag: 'c.yaml',
      profile: 'julia',
      cluster: 'web-staging',
    });
    expect(app.stdout).toContain(path.join(app.dir, 'c.yaml'));
  });

  it('no KUBECONFIG: ~/.kube/config, created when missing', async () => {
    const { app } = await compare({ files: {}, profile: 'julia', cluster: 'web-prod' });
    expect(existsSync(path.join(app.dir, 'home/.kube/config'))).toBe(true);
  });
});
