// The RoleBinding the rbac-binding fix creates is the one the diagnosis' command shows, so what the user was shown
// is what gets created; end to end, the fix makes the Forbidden identity's `kubectl get svc` work.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';
import { openWorld, type FixWorld } from './fixture.js';

// End to end over the sandbox: the real kubectl and the `fix` command against rbac-forbidden, where minjun (group
// developers, bound to view in "dev" only) is Forbidden in "default" and k8s-admin is the cluster's creator.
describe('rbac-binding against rbac-forbidden', () => {
  const CLUSTER = 'mobile-api';
  const REGION = 'ap-northeast-2';
  let w: FixWorld;
  let adminKubeconfig: string;
  /** The real kubectl as k8s-admin, through its own kubeconfig so the scenario's stays as the user has it. */
  const asAdmin = (...args: string[]) => run('kubectl', ['--kubeconfig', adminKubeconfig, '--request-timeout=30s', ...args], w.env, 60_000);
  /** The real kubectl as minjun: the scenario's kubeconfig entry, as it is. */
  const asMinjun = (...args: string[]) => run('kubectl', ['--request-timeout=30s', ...args], w.env, 60_000);

  beforeAll(async () => {
    w = await openWorld('rbac-forbidden');
    adminKubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'rbac-admin-')), 'kubeconfig');
    const u = await run('aws', ['eks', 'update-kubeconfig', '--kubeconfig', adminKubeconfig, '--name', CLUSTER, '--region', REGION, '--profile', 'k8s-admin'], w.env, 60_000);
    expect(u.code, u.stderr).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await w?.sb.stop();
  });

  async function fixCommand(): Promise<string> {
    const d = (await w.diagnoseJson('minjun', CLUSTER)) as unknown as { fixes: { id: string; steps: { command?: string }[] }[] };
    const fix = d.fixes.find((f) => f.id === 'rbac-binding');
    const command = fix?.steps.map((s) => s.command ?? '').find((c) => c.startsWith('kubectl create rolebinding'));
    expect(command, JSON.stringify(d.fixes)).toBeDefined();
    return command!;
  }

  it("minjun's own `kubectl create rolebinding` (the diagnosis' command) is refused 403 in kube-apiserver's words", async () => {
    const command = await fixCommand();
    expect(command).not.toMatch(/['"]/);
    const r = await asMinjun(...command.split(/\s+/).slice(1));
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      'error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io is forbidden: User "minjun" cannot create resource "rolebindings" in API group "rbac.authorization.k8s.io" in the namespace "default"',
    );
    expect((await asAdmin('get', 'rolebinding', '-n', 'default', '-o', 'name')).stdout).toBe('');
  }, 120_000);

  it('fix --yes --json creates the RoleBinding of the command with the admin profile; then `kubectl get svc` as minjun works', async () => {
    expect((await w.kubectlGetSvc()).outcome).toBe('forbidden');
    expect(await fixCommand()).toBe('kubectl create rolebinding minjun-view --clusterrole=view --group=developers --namespace default');
    const spec = { name: 'minjun-view', namespace: 'default', clusterRole: 'view', subject: { kind: 'Group', name: 'developers' } };

    const r = await w.fix(['--profile', 'minjun', '--cluster', CLUSTER, '--fix', 'rbac-binding', '--yes', '--json']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ outcome: 'ACCESS', username: 'minjun', writer: 'k8s-admin', kubectl: { exitCode: 0 } });
    expect(out.applied).toEqual([
      { id: 'rbac-binding', title: expect.any(String), steps: [{ title: 'Create RoleBinding default/minjun-view (ClusterRole view → Group developers)', ok: true, message: 'created' }] },
    ]);

    // What the cluster holds, read back with the real kubectl, is the binding the command shows.
    const got = await asAdmin('get', 'rolebinding', spec.name, '-n', spec.namespace, '-o', 'json');
    expect(got.code, got.stderr).toBe(0);
    const b = JSON.parse(got.stdout);
    expect(b.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: spec.clusterRole });
    expect(b.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: spec.subject.kind, name: spec.subject.name }]);

    const after = await w.kubectlGetSvc();
    expect(after.outcome, after.stderr).toBe('ok');
    expect((await w.kubectlAs('minjun', CLUSTER, REGION)).outcome).toBe('ok');
    // The grant is the namespace's only: kube-system stays closed.
    const other = await asMinjun('get', 'svc', '-n', 'kube-system');
    expect(other.stderr).toContain('Error from server (Forbidden): services is forbidden: User "minjun" cannot list resource "services" in API group "" in the namespace "kube-system"');
  }, 240_000);

  it("the admin's own `kubectl create rolebinding` works, a repeat is AlreadyExists, and `kubectl get rolebinding` lists them", async () => {
    const created = await asAdmin('create', 'rolebinding', 'minjun-edit', '--clusterrole=edit', '--user=minjun', '--namespace', 'dev');
    expect(created.stderr).toBe('');
    expect(created.stdout.trim()).toBe('rolebinding.rbac.authorization.k8s.io/minjun-edit created');
    expect((await asMinjun('auth', 'can-i', 'create', 'configmaps', '-n', 'dev')).stdout.trim()).toBe('yes');
    const again = await asAdmin('create', 'rolebinding', 'minjun-edit', '--clusterrole=edit', '--user=minjun', '--namespace', 'dev');
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe('error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "minjun-edit" already exists');
    const list = await asAdmin('get', 'rolebinding', '-A');
    expect(list.code, list.stderr).toBe(0);
    const rows = list.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^NAMESPACE\s+NAME\s+ROLE\s+AGE$/);
    expect(rows.slice(1).map((l) => l.split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'default minjun-view ClusterRole/view',
      'dev developers-view ClusterRole/view',
      'dev minjun-edit ClusterRole/edit',
    ]);
  }, 120_000);

  it('a RoleBinding of the same name that grants something else: the fix says so and fails, leaving it as it is', async () => {
    expect((await asAdmin('delete', 'rolebinding', 'minjun-view', '-n', 'default')).code).toBe(0);
    expect((await asAdmin('create', 'rolebinding', 'minjun-view', '--clusterrole=view', '--group=someone-else', '-n', 'default')).code).toBe(0);
    const r = await w.fix(['--profile', 'minjun', '--cluster', CLUSTER, '--fix', 'rbac-binding', '--yes', '--json']);
    expect(r.exitCode).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.applied[0].steps[0]).toMatchObject({
      ok: false,
      message: 'a RoleBinding default/minjun-view exists already with ClusterRole view → Group someone-else; it was left as it is',
    });
    expect(r.stderr).toMatch(/^error: the RoleBinding was not created \(.*\); delete or rename that one/);
    const b = JSON.parse((await asAdmin('get', 'rolebinding', 'minjun-view', '-n', 'default', '-o', 'json')).stdout);
    expect(b.subjects[0].name).toBe('someone-else');
    expect((await w.kubectlGetSvc()).outcome).toBe('forbidden');
  }, 240_000);
});
