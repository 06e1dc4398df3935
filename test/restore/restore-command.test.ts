// `restore --backup ID [--yes]` against the sandbox, for each kind of write the app makes: an aws-auth edit and an
// access-entry grant (made by `fix`), and a kubeconfig write (made by `update-kubeconfig`). The preview changes
// nothing; the restore takes the write back, proven with the real kubectl and aws CLI; a refusal says what can be
// done and never points to an option that does not exist.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRestoreCommand } from '../../electron/cli/restore.js';
import { runUpdateKubeconfig } from '../../electron/cli/update-kubeconfig.js';
import { openWorld, type FixWorld } from '../fix/fixture.js';
import { run } from '../helpers/run.js';

let w: FixWorld | undefined;
beforeEach(() => {
  expect.hasAssertions();
});
afterEach(async () => {
  await w?.sb.stop();
  w = undefined;
});

const restore = (args: string[]) => runRestoreCommand(args, { env: w!.env, backupDir: w!.backupDir });

/** `fix … --yes --json`; returns the backup id it printed. */
async function grant(args: string[]): Promise<string> {
  const r = await w!.fix([...args, '--yes', '--json']);
  expect(r.exitCode, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as { backupId?: string };
  expect(typeof out.backupId).toBe('string');
  return out.backupId!;
}

describe('restore --backup ID', () => {
  it('an aws-auth edit with the default view access: previews the diff and the binding it created, restores both, then refuses a second time saying what can be done', async () => {
    w = await openWorld('unmapped-user');
    const id = await grant(['--profile', 'tom', '--cluster', 'analytics', '--fix', 'map-identity']);
    expect((await w.kubectlAs('tom', 'analytics', 'us-east-1')).outcome).toBe('ok');

    const preview = await restore(['--backup', id, '--json']);
    expect(preview.exitCode, preview.stderr).toBe(0);
    const p = JSON.parse(preview.stdout);
    expect(p).toMatchObject({ backup: id, kind: 'aws-auth', restored: false, problems: [], next: 're-run with --yes to restore' });
    expect(p.diff).toMatch(/^-.*tom/m);
    expect(p.steps[1]).toMatchObject({ title: expect.stringMatching(/^Delete ClusterRoleBinding eks-access-doctor-view, which that grant created/), command: expect.stringMatching(/^kubectl delete clusterrolebinding eks-access-doctor-view /) });
    expect((await w.kubectlAs('tom', 'analytics', 'us-east-1')).outcome).toBe('ok'); // the preview changed nothing

    const done = await restore(['--backup', id, '--yes']);
    expect(done.exitCode, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/^aws-auth is back as it was before that write \(analytics, resourceVersion \d+\); the state it replaced is kept as backup \S+; ClusterRoleBinding eks-access-doctor-view deleted\n$/);
    expect((await w.kubectlAs('tom', 'analytics', 'us-east-1')).outcome).toBe('unauthorized');
    // The real kubectl, as the cluster's creator: the binding the grant made is gone too.
    expect((await run('aws', ['eks', 'update-kubeconfig', '--name', 'analytics', '--region', 'us-east-1', '--profile', 'priya'], w.env, 60_000)).code).toBe(0);
    const binding = await run('kubectl', ['get', 'clusterrolebinding', 'eks-access-doctor-view'], w.env, 60_000);
    expect(binding.code).not.toBe(0);
    expect(binding.stderr).toContain('clusterrolebindings.rbac.authorization.k8s.io "eks-access-doctor-view" not found');

    // aws-auth changed since that write (the restore itself changed it): refused, with what to do instead.
    const again = await restore(['--backup', id, '--yes']);
    expect(again.exitCode).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/^error: aws-auth was changed after our write .*nothing was restored\. What you can do: .*kubectl edit configmap aws-auth -n kube-system/);
    expect(again.stderr).not.toMatch(/force/i);
  }, 240_000);

  it('an access entry the grant created: deleted again', async () => {
    w = await openWorld('unmapped-role');
    const id = await grant(['--profile', 'data-engineer', '--cluster', 'data-lake', '--fix', 'create-access-entry']);
    expect((await w.kubectlAs('data-engineer', 'data-lake', 'eu-west-1')).outcome).toBe('ok');
    const entries = async () => {
      const r = await run('aws', ['eks', 'list-access-entries', '--cluster-name', 'data-lake', '--region', 'eu-west-1', '--profile', 'platform-admin', '--output', 'json'], w!.env, 60_000);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { accessEntries: string[] }).accessEntries;
    };
    const record = JSON.parse(readFileSync(`${w.backupDir}/${id}.json`, 'utf8'));
    expect(record).toMatchObject({ kind: 'access-entry', createdEntry: true, previousScope: null });
    expect(await entries()).toContain(record.principalArn);

    const preview = await restore(['--backup', id]);
    expect(preview.exitCode, preview.stderr).toBe(0);
    expect(preview.stdout).toContain(`$ aws eks delete-access-entry --cluster-name data-lake --principal-arn ${record.principalArn} --region eu-west-1 --profile platform-admin`);
    expect(await entries()).toContain(record.principalArn);

    const done = await restore(['--backup', id, '--yes', '--json']);
    expect(done.exitCode, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ backup: id, kind: 'access-entry', restored: true, problems: [] });
    expect(await entries()).not.toContain(record.principalArn);
    expect((await w.kubectlAs('data-engineer', 'data-lake', 'eu-west-1')).outcome).toBe('unauthorized');

    const again = await restore(['--backup', id, '--yes']);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('no longer exists on data-lake; there is nothing left to restore');
  }, 240_000);

  it('a policy associated with an entry that existed: disassociated, the entry kept', async () => {
    w = await openWorld('access-entry-no-policy');
    const id = await grant(['--profile', 'analyst', '--cluster', 'reporting', '--fix', 'associate-access-policy']);
    const record = JSON.parse(readFileSync(`${w.backupDir}/${id}.json`, 'utf8'));
    expect(record).toMatchObject({ kind: 'access-entry', createdEntry: false, previousScope: null });
    expect((await w.kubectlAs('analyst', 'reporting', 'us-east-1')).outcome).toBe('ok');

    const preview = await restore(['--backup', id]);
    expect(preview.stdout).toContain('$ aws eks disassociate-access-policy --cluster-name reporting');
    const done = await restore(['--backup', id, '--yes']);
    expect(done.exitCode, done.stderr).toBe(0);
    const policies = await run('aws', ['eks', 'list-associated-access-policies', '--cluster-name', 'reporting', '--principal-arn', record.principalArn, '--region', 'us-east-1', '--profile', 'eks-admin', '--output', 'json'], w.env, 60_000);
    expect(policies.code, policies.stderr).toBe(0); // the entry is still there
    expect(JSON.parse(policies.stdout).associatedAccessPolicies).toEqual([]);
    expect((await w.kubectlAs('analyst', 'reporting', 'us-east-1')).outcome).toBe('forbidden');
  }, 240_000);

  it('a kubeconfig write: previews the diff, restores the exact bytes, refuses after a later edit', async () => {
    w = await openWorld('no-kubeconfig-entry');
    const file = w.env.KUBECONFIG!;
    const original = readFileSync(file);
    const u = await runUpdateKubeconfig(['--profile', 'julia', '--cluster', 'web-prod', '--json'], { env: w.env, backupDir: w.backupDir });
    expect(u.exitCode, u.stderr).toBe(0);
    const { backupId } = JSON.parse(u.stdout) as { backupId: string };
    const written = readFileSync(file);
    expect(written.equals(original)).toBe(false);

    const preview = await restore(['--backup', backupId]);
    expect(preview.exitCode, preview.stderr).toBe(0);
    expect(preview.stdout).toContain(`Write ${file} back as it was before, from backup ${backupId} (a copy of the previous file is at ${file}.eks-doctor-backup-`);
    expect(preview.stdout).toMatch(/^-current-context: arn:aws:eks:.*:cluster\/web-prod$/m);
    expect(readFileSync(file).equals(written)).toBe(true);

    const done = await restore(['--backup', backupId, '--yes']);
    expect(done.exitCode, done.stderr).toBe(0);
    expect(done.stdout).toMatch(new RegExp(`^Restored ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} from `));
    expect(readFileSync(file).equals(original)).toBe(true);

    const later = await runUpdateKubeconfig(['--profile', 'julia', '--cluster', 'web-prod'], { env: w.env, backupDir: w.backupDir });
    // One backup, one name: the record's id (what restore takes) and where its copy of the previous file is.
    const named = later.stdout.match(/^Saved as backup (kubeconfig-\S+) \(a copy of the previous file is at \S+\.eks-doctor-backup-\S+\)\nUndo: restore --backup (\S+) /m);
    expect(named, later.stdout).not.toBeNull();
    expect(named![2]).toBe(named![1]);
    const laterId = named![1]!;
    const edited = readFileSync(file, 'utf8') + '# edited by hand\n';
    writeFileSync(file, edited);
    const refused = await restore(['--backup', laterId, '--yes']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/changed since the app wrote it, so restoring would lose those changes; nothing was restored\. What you can do: backup kubeconfig-\S+ keeps the file as it was before at \S+eks-doctor-backup-\S+: compare it with /);
    expect(readFileSync(file, 'utf8')).toBe(edited);
  }, 240_000);

  it('bad ids: exit 2 with one line', async () => {
    const backupDir = mkdtempSync(path.join(tmpdir(), 'restore-none-'));
    const restore = (args: string[]) => runRestoreCommand(args, { env: { HOME: backupDir }, backupDir });
    const none = await restore(['--backup', 'nothing-here']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toBe(`error: there is no backup nothing-here in ${backupDir}\n`);
    const missing = await restore([]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^error: --backup is required \(usage: restore --backup ID/);
    expect((await restore(['--backup', '../x'])).exitCode).toBe(2);
  });
});
