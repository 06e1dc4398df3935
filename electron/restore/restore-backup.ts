// Undo one write of the app from its backup record: an aws-auth edit, an access-entry grant or a kubeconfig write.
// The preview says what restore would change now (or why it will not, and what can be done instead); the restore
// does exactly that, with the same checks. The CLI's `restore --backup ID` and the grant wizard both come here.
import { readFile } from 'node:fs/promises';
import { previewAccessEntryRestore, restoreAccessEntry } from '../authmap/access-entry-backup.js';
import { previewRecreateRestore, restoreRecreate } from '../authmap/access-entry-recreate.js';
import { previewAwsAuthRestore, restoreAwsAuth } from '../authmap/aws-auth-restore.js';
import { backupKindOf, BackupStore, type AwsAuthBackup, type StoredBackup } from '../authmap/backup.js';
import { describeClusterTarget } from '../authmap/cluster-target.js';
import { removeViewBinding, removeViewBindingCommand, removeViewBindingTitle, VIEW_BINDING, VIEW_GROUP, viewGroupUsers } from '../authmap/view-binding.js';
import type { ClusterTarget, Writer } from '../authmap/types.js';
import { writerFor } from '../fix/writer.js';
import { undo, type KubeconfigBackup } from '../kubeconfig/apply.js';
import { unifiedDiff } from '../kubeconfig/diff.js';
import { KubeconfigChangedError } from '../kubeconfig/write-in-place.js';
import { hashBytes } from '../kubeconfig/read.js';
import { kubeconfigBackupWords } from '../../shared/backup-words.js';
import type { ProfilesService } from '../profiles/service.js';
import type { Env } from '../profiles/deps.js';
import type { RestoreDone, RestorePreview } from '../../shared/backup-types.js';

export interface RestoreDeps {
  env: Env;
  backups: BackupStore;
  profiles: Pick<ProfilesService, 'credentials'>;
  /** The cluster as the writer sees it (default: DescribeCluster with the writer's credentials). */
  cluster?: (name: string, region: string, writer: Writer) => Promise<ClusterTarget>;
}

export async function previewRestore(id: string, deps: RestoreDeps): Promise<RestorePreview> {
  const b = await deps.backups.loadAny(id);
  const base = { backup: id, kind: backupKindOf(b), subject: subjectOf(b), steps: [], diff: '', notes: [] as string[] };
  switch (b.kind) {
    case 'kubeconfig':
      return { ...base, ...(await previewKubeconfig(b)) };
    case 'access-entry': {
      const p = await previewAccessEntryRestore(b, await writerFor(deps.profiles, b.profile), deps.env);
      return { ...base, steps: p.steps, notes: p.notes, problems: p.problems };
    }
    case 'access-entry-recreate': {
      const p = await previewRecreateRestore(b, await writerFor(deps.profiles, b.profile), deps.env);
      return { ...base, steps: p.steps, notes: p.notes, problems: p.problems };
    }
    default: {
      const saved = b as AwsAuthBackup;
      const { cluster, writer } = await clusterOf(saved, deps);
      const p = await previewAwsAuthRestore(saved, cluster, writer, { env: deps.env });
      if (!p.diff) return { ...base, diff: p.diff, problems: p.problems };
      const binding = bindingUndo(saved);
      return {
        ...base,
        steps: [{ title: `Write kube-system/aws-auth on ${cluster.name} back as it was before, as ${writer.profile}` }, ...(binding.remove ? [{ title: removeViewBindingTitle, command: removeViewBindingCommand(cluster.arn) }] : [])],
        diff: p.diff,
        notes: binding.note ? [binding.note] : [],
        problems: p.problems,
      };
    }
  }
}

export async function runRestore(id: string, deps: RestoreDeps): Promise<RestoreDone> {
  const b = await deps.backups.loadAny(id);
  const done = (restored: boolean, message: string, problems: string[] = [], newBackup?: string): RestoreDone => ({
    backup: id,
    kind: backupKindOf(b),
    restored,
    message,
    problems,
    ...(newBackup ? { newBackup } : {}),
  });
  switch (b.kind) {
    case 'kubeconfig':
      try {
        return done(true, (await undo(b.record)).message);
      } catch (err) {
        if (err instanceof KubeconfigChangedError) return done(false, 'nothing was restored', [kubeconfigChanged(b)]);
        throw err;
      }
    case 'access-entry': {
      const r = await restoreAccessEntry(b, await writerFor(deps.profiles, b.profile), deps.env);
      if (!r.ok) return done(false, 'nothing was restored', r.problems);
      return done(true, `${r.steps.map((s) => s.title).join('; ')}: done${r.notes.length ? ` (${r.notes.join('; ')})` : ''}`);
    }
    case 'access-entry-recreate': {
      const r = await restoreRecreate(b, await writerFor(deps.profiles, b.profile), deps.env);
      if (!r.ok) return done(false, 'nothing was restored', r.problems);
      return done(true, `${r.steps.map((s) => s.title).join('; ')}: done (${r.notes.join('; ')})`);
    }
    default: {
      const saved = b as AwsAuthBackup;
      const { cluster, writer } = await clusterOf(saved, deps);
      const r = await restoreAwsAuth(id, cluster, writer, { env: deps.env, backups: deps.backups });
      if (!r.ok) return done(false, 'nothing was restored', r.problems);
      const binding = bindingUndo(saved);
      const removed = binding.remove ? `; ${(await removeViewBinding(cluster, writer, deps.env, saved.createdViewBinding!.uid)).message}` : binding.note ? `; ${binding.note}` : '';
      return done(true, `aws-auth is back as it was before that write (${cluster.name}, resourceVersion ${r.resourceVersion}); the state it replaced is kept as backup ${r.backupId}${removed}`, [], r.backupId);
    }
  }
}

/** The view binding the grant created goes with it, unless aws-auth as restored still puts someone in its group. */
function bindingUndo(saved: AwsAuthBackup): { remove: boolean; note?: string } {
  if (!saved.createdViewBinding) return { remove: false };
  const users = viewGroupUsers(saved.previous.data);
  if (users.length === 0) return { remove: true };
  return { remove: false, note: `ClusterRoleBinding ${VIEW_BINDING}, which that grant created, is kept: after the restore aws-auth still puts ${users.join(', ')} in group ${VIEW_GROUP}` };
}

function subjectOf(b: StoredBackup): string {
  if (b.kind === 'kubeconfig') return `the ${b.file === 'aws-config' ? 'AWS config' : 'kubeconfig'} write to ${b.record.target} at ${b.record.writtenAt}`;
  if (b.kind === 'access-entry-recreate') return `the re-creation of the access entry of ${b.previous.principalArn} on ${b.cluster.name} (${b.cluster.region}) by ${b.profile} at ${b.time}`;
  if (b.kind === 'access-entry') return `the access entry grant of ${b.policyArn.split('/').pop()} to ${b.principalArn} on ${b.cluster.name} (${b.cluster.region}) by ${b.profile} at ${b.time}`;
  return `the aws-auth edit on ${b.cluster.name} (${b.cluster.region}) by ${b.profile} at ${b.time}`;
}

async function clusterOf(b: AwsAuthBackup, deps: RestoreDeps): Promise<{ cluster: ClusterTarget; writer: Writer }> {
  const writer = await writerFor(deps.profiles, b.profile);
  const cluster = await (deps.cluster ?? ((name, region, w) => describeClusterTarget(name, region, w, deps.env)))(b.cluster.name, b.cluster.region, writer);
  if (cluster.arn !== b.cluster.arn) throw new Error(`${b.profile} now sees ${cluster.arn}, not the cluster of the backup (${b.cluster.arn}); nothing was restored`);
  return { cluster, writer };
}

function kubeconfigChanged(b: KubeconfigBackup): string {
  const r = b.record;
  const kept = r.backupPath ? `backup ${r.id} keeps the file as it was before at ${r.backupPath}: compare it with ${r.target} and copy back what you need` : `${r.target} did not exist before: delete it by hand if nothing else now depends on it`;
  return `${r.target} changed since the app wrote it, so restoring would lose those changes; nothing was restored. What you can do: ${kept}`;
}

async function previewKubeconfig(b: KubeconfigBackup): Promise<Pick<RestorePreview, 'steps' | 'diff' | 'problems'>> {
  const r = b.record;
  const current = await readFile(r.writePath).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (hashBytes(current) !== r.writtenHash) return { steps: [], diff: '', problems: [kubeconfigChanged(b)] };
  if (!r.backupPath) return { steps: [{ title: `Remove ${r.target}, which did not exist before the write` }], diff: '', problems: [] };
  const previous = await readFile(r.backupPath).catch(() => undefined);
  if (!previous || hashBytes(previous) !== r.previousHash) {
    return { steps: [], diff: '', problems: [`the backup ${r.backupPath} is gone or no longer holds the previous kubeconfig, so it cannot be restored from; ${r.target} is left as it is`] };
  }
  return {
    steps: [{ title: `Write ${r.target} back as it was before, from ${kubeconfigBackupWords(r.id, r.backupPath)}` }],
    diff: unifiedDiff(current!.toString('utf8'), previous.toString('utf8'), r.target, r.target),
    problems: [],
  };
}
