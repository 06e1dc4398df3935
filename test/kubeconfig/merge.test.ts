// Reading kubeconfigs the way kubectl does (KUBECONFIG list, first file wins), finding a cluster's context,
// and the preview diff (checked by applying it with the real `patch`).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  it('splits on ":", drops blanks and duplicates, expands ~, defaults to ~/.kube/config', () => {
    expect(kubeconfigPaths({ HOME: '/h', KUBECONFIG: '/a::~/b:/a:' })).toEqual(['/a', '/h/b']);
    expect(kubeconfigPaths({ HOME: '/h', KUBECONFIG: '' })).toEqual(['/h/.kube/config']);
    expect(kubeconfigPaths({ HOME: '/h' })).toEqual(['/h/.kube/config']);
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
