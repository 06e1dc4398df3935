// Reading kubeconfigs the way kubectl does (KUBECONFIG list, first file wins), finding a cluster's context,
// and the preview diff (checked by applying it with the real `patch`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { kubectlIdentity } from '../../electron/diagnose/kubectl-identity.js';
import { unifiedDiff } from '../../electron/kubeconfig/diff.js';
import { findClusterContext } from '../../electron/kubeconfig/find.js';
import { loadMergedKubeconfig } from '../../electron/kubeconfig/merge.js';
import { kubeconfigPaths } from '../../electron/kubeconfig/paths.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { classifyGetSvc, cleanEnv, run } from '../helpers/run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kubeconfig-merge-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: Record<string, unknown>): string {
  const p = path.join(dir, name);
  writeFileSync(p, stringify(content));
  return p;
}

const cluster = (name: string, server: string) => ({ name, cluster: { server } });
const user = (name: string, profile: string) => ({ name, user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token'], env: [{ name: 'AWS_PROFILE', value: profile }] } } });
const context = (name: string, c: string, u: string) => ({ name, context: { cluster: c, user: u } });

describe('KUBECONFIG list', () => {
  it('splits on ":", drops empty entries and duplicates, takes ~ literally, defaults to ~/.kube/config', () => {
    expect(kubeconfigPaths({ HOME: '/h', KUBECONFIG: '/a::/b:/a:' }, ':', '/w')).toEqual(['/a', '/b']);
    expect(kubeconfigPaths({ HOME: '/h', KUBECONFIG: ':/a' }, ':', '/w')).toEqual(['/a']);
    expect(kubeconfigPaths({ HOME: '/h', KUBECONFIG: '~/k.yaml' }, ':', '/w')).toEqual(['/w/~/k.yaml']);
    expect(kubeconfigPaths({ HOME: '/h', KUBECONFIG: 'C:\\k;;D:\\k' }, ';', '/w').map((p) => path.basename(p))).toEqual(['C:\\k', 'D:\\k']);
    expect(kubeconfigPaths({ HOME: '/h', KUBECONFIG: ':' }, ':', '/w')).toEqual([]);
    expect(kubeconfigPaths({ HOME: '/h', KUBECONFIG: '' })).toEqual(['/h/.kube/config']);
    expect(kubeconfigPaths({ HOME: '/h' })).toEqual(['/h/.kube/config']);
  });

  it('names the files the real kubectl reads: its current context comes from the first of them that sets one', async () => {
    const home = path.join(dir, 'home');
    const cwd = path.join(dir, 'cwd');
    mkdirSync(path.join(home, '.kube'), { recursive: true });
    mkdirSync(path.join(cwd, '~'), { recursive: true });
    const config = (name: string) => stringify({ apiVersion: 'v1', kind: 'Config', 'current-context': name, contexts: [context(name, 'c', 'u')], clusters: [cluster('c', 'https://127.0.0.1:1')], users: [{ name: 'u', user: {} }] });
    const files = { [path.join(home, '.kube', 'config')]: 'default', [path.join(home, 'k.yaml')]: 'home-k', [path.join(cwd, '~', 'k.yaml')]: 'literal-tilde' };
    for (const [p, name] of Object.entries(files)) writeFileSync(p, config(name));
    for (const value of ['~/k.yaml', `:${path.join(home, 'k.yaml')}`, ':', undefined]) {
      const env = { ...cleanEnv({ HOME: home }), ...(value === undefined ? {} : { KUBECONFIG: value }) };
      let kubectlSays: string;
      try {
        kubectlSays = execFileSync('kubectl', ['config', 'current-context'], { env, cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 }).trim();
      } catch {
        kubectlSays = '(none)';
      }
      const ours = kubeconfigPaths({ HOME: home, ...(value === undefined ? {} : { KUBECONFIG: value }) }, ':', cwd).map((p) => files[p]).find(Boolean) ?? '(none)';
      expect(ours, `KUBECONFIG=${value}`).toBe(kubectlSays);
    }
  });

  it('merges like kubectl: first file to set a name wins, first non-empty current-context wins, missing files skipped', async () => {
    const a = file('a.yaml', { clusters: [cluster('shared', 'https://a')], users: [user('u', 'from-a')], contexts: [context('ctx-a', 'shared', 'u')], 'current-context': '' });
    const b = file('b.yaml', {
      clusters: [cluster('shared', 'https://b'), cluster('only-b', 'https://only-b')],
      users: [user('u', 'from-b')],
      contexts: [context('ctx-b', 'only-b', 'u')],
      'current-context': 'ctx-b',
    });
    const c = file('c.yaml', { 'current-context': 'ctx-a' });
    const kc = await loadMergedKubeconfig({ HOME: dir, KUBECONFIG: [a, path.join(dir, 'missing.yaml'), b, c].join(':') });
    expect(kc.clusters.get('shared')).toMatchObject({ file: a, entry: { cluster: { server: 'https://a' } } });
    expect(kc.clusters.get('only-b')?.file).toBe(b);
    expect(kc.users.get('u')?.entry.user.exec?.env).toEqual([{ name: 'AWS_PROFILE', value: 'from-a' }]);
    expect(kc.currentContext).toBe('ctx-b');
    expect(kc.files.map((f) => f.exists)).toEqual([true, false, true, true]);
  });

  it('finds a context by cluster ARN name, or by the server URL when named otherwise', async () => {
    const arn = 'arn:aws:eks:us-east-1:111122223333:cluster/prod';
    const f = file('find.yaml', {
      clusters: [cluster('prod-by-eksctl', 'https://ABC.gr7.us-east-1.eks.amazonaws.com:443/'), cluster('other', 'https://other')],
      users: [user('u', 'p')],
      contexts: [context('other', 'other', 'u'), context('me@prod', 'prod-by-eksctl', 'u')],
      'current-context': 'other',
    });
    const kc = await loadMergedKubeconfig({ KUBECONFIG: f });
    const byServer = findClusterContext(kc, { name: 'prod', arn, endpoint: 'https://abc.gr7.us-east-1.eks.amazonaws.com' });
    expect(byServer).toMatchObject({ name: 'me@prod', matchedBy: 'server', isCurrent: false });
    expect(findClusterContext(kc, { name: 'prod', arn, endpoint: 'https://elsewhere' })).toBeUndefined();
  });
});

describe('kubectl identity honours the merge', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox('sandbox/scenarios/creator-wrong-profile.yaml');
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('a user entry in an earlier KUBECONFIG file shadows the later one, for the app and for the real kubectl', async () => {
    const c = sandbox.world.clusters[0]!;
    const seed = sandbox.env.KUBECONFIG!;
    const front = path.join(dir, 'front.yaml');
    // Same user name as update-kubeconfig wrote, but the creator's profile: the first file wins.
    writeFileSync(front, stringify({ apiVersion: 'v1', kind: 'Config', users: [{ ...user(c.arn, 'cluster-admin'), user: { exec: { ...user(c.arn, 'cluster-admin').user.exec, args: ['--region', 'us-east-1', 'eks', 'get-token', '--cluster-name', c.name, '--output', 'json'] } } }] }));
    const env = cleanEnv({ ...sandbox.env, KUBECONFIG: `${front}:${seed}` });
    const result = await kubectlIdentity({ env, cluster: { name: c.name, arn: c.arn, endpoint: c.endpoint } });
    expect(result.failure).toBeUndefined();
    expect(result.arn).toBe('arn:aws:iam::111122223333:user/maria-admin');
    const r = await run('kubectl', ['get', 'svc'], env);
    expect(classifyGetSvc(r), r.stderr).toBe('ok');
    // And without the front file, both see maria.
    const plain = cleanEnv(sandbox.env);
    expect((await kubectlIdentity({ env: plain, cluster: { name: c.name, arn: c.arn, endpoint: c.endpoint } })).arn).toBe('arn:aws:iam::111122223333:user/maria');
    expect(classifyGetSvc(await run('kubectl', ['get', 'svc'], plain))).toBe('unauthorized');
  });
});

describe('preview diff', () => {
  const cases: Array<[string, string, string]> = [
    ['append at the end', 'a\nb\nc\n', 'a\nb\nc\nd\ne\n'],
    ['change in the middle of a long file', Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n') + '\n', Array.from({ length: 40 }, (_, i) => (i === 7 || i === 30 ? `changed ${i}` : `line ${i}`)).join('\n') + '\n'],
    ['new file', '', 'apiVersion: v1\nkind: Config\n'],
    ['an appended entry ending like the one before it', 'users:\n- name: a\n  env: x\n  value: p\nkind: Config\n', 'users:\n- name: a\n  env: x\n  value: p\n- name: b\n  env: x\n  value: p\nkind: Config\n'],
    ['insertions near each other', 'a\nb\nc\nd\ne\nf\ng\nh\n', 'a\nX\nb\nc\nd\nY\ne\nf\ng\nh\nZ\n'],
  ];
  for (const [title, before, after] of cases) {
    it(`${title}: the real patch turns before into after`, async () => {
      const target = path.join(dir, `patch-${title.replace(/\W+/g, '-')}.txt`);
      writeFileSync(target, before);
      const diff = unifiedDiff(before, after, target, target);
      const r = await run('patch', ['--silent', '--force', target], cleanEnv(), 10_000, diff);
      expect(r.code, r.stderr + r.stdout + diff).toBe(0);
      expect(readFileSync(target, 'utf8')).toBe(after);
    });
  }

  it('shows an appended entry as one block', () => {
    const diff = unifiedDiff('users:\n- name: a\n  value: p\n', 'users:\n- name: a\n  value: p\n- name: b\n  value: p\n', 'f', 'f');
    expect(diff).toBe('--- f\n+++ f\n@@ -1,3 +1,5 @@\n users:\n - name: a\n   value: p\n+- name: b\n+  value: p\n');
  });

  it('is empty when nothing changes, and masks credentials shown in context lines', () => {
    expect(unifiedDiff('a\n', 'a\n', 'x', 'x')).toBe('');
    const user = (token: string) => `users:\n- name: u\n  user:\n    token: ${token}\n    client-key-data: LS0tLS1CRUdJTi\n    certificate-authority-data: LS0t\n    env:\n    - name: AWS_PROFILE\n      value: admin\n`;
    const diff = unifiedDiff(user('eyJhbGciOi.abc'), user('short'), 'f', 'f');
    expect(diff).toBe(
      '--- f\n+++ f\n@@ -1,7 +1,7 @@\n users:\n - name: u\n   user:\n-    token: ****\n+    token: ****\n     client-key-data: ****\n     certificate-authority-data: LS0t\n     env:\n',
    );
    expect(unifiedDiff(user('a'), `${user('a')}      extra: 1\n`, 'f', 'f')).toContain('       value: admin\n');
  });
});
