// Restore = write a backup's previous data back, exactly. Refused when aws-auth changed since our write (a caller
// may force it; the CLI and the app do not), and by the same lockout guard; only a 409 is retried (re-read; forced
// restores only). The state being replaced is itself backed up, so a restore can be undone too. Each refusal says
// what the user can do instead.
import { readAwsAuth } from './aws-auth-read.js';
import { backupBefore, BackupStore, type AwsAuthBackup } from './backup.js';
import { dataDiff } from './diff.js';
import { guardAwsAuthChange } from './guard.js';
import { createAwsAuthClient, KubeWriteError } from './kube-client.js';
import type { AwsAuthWriteDeps } from './aws-auth-apply.js';
import type { ClusterTarget, Writer } from './types.js';
import { identifyWriter } from './writer-identity.js';

export interface RestoreOptions {
  /** Restore even though aws-auth changed since our write (the later change is then undone too). */
  force?: boolean;
}

export interface RestoreResult {
  ok: boolean;
  resourceVersion?: string;
  /** Backup of the data the restore replaced. */
  backupId?: string;
  attempts: number;
  problems: string[];
}

export async function restoreAwsAuth(backupId: string, cluster: ClusterTarget, writer: Writer, deps: AwsAuthWriteDeps, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const saved = await deps.backups.load(backupId);
  if (saved.cluster.arn !== cluster.arn) return { ok: false, attempts: 0, problems: [`backup ${backupId} is of cluster ${saved.cluster.arn}, not ${cluster.arn}`] };
  if (!saved.previous.existed) {
    return { ok: false, attempts: 0, problems: [NOT_BEFORE] };
  }
  const client = deps.client ?? (await createAwsAuthClient(cluster, writer, deps.env));
  const now = deps.now ?? (() => new Date());
  const maxAttempts = deps.maxAttempts ?? 4;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = await client.read();
    if (!current.object || !current.resourceVersion) return { ok: false, attempts: attempt, problems: ['aws-auth no longer exists; nothing to restore onto'] };
    const changedSince = saved.written?.resourceVersion !== current.resourceVersion;
    if (changedSince && !opts.force) {
      return { ok: false, attempts: attempt, problems: [changedSinceWrite(saved, current.resourceVersion)] };
    }
    const who = await identifyWriter(client, readAwsAuth(current.data), cluster.authenticationMode);
    const problems = guardAwsAuthChange(current.data, saved.previous.data, {
      writer: { arn: who.canonicalArn, viaAwsAuth: who.source === 'aws-auth' },
      invalidItemsConsent: true,
      allowInvalid: true,
    });
    if (problems.length > 0) return { ok: false, attempts: attempt, problems };
    const undo = backupBefore(cluster, writer.profile, { existed: true, data: current.data, resourceVersion: current.resourceVersion }, now());
    await deps.backups.save(undo);
    await deps.beforeWrite?.(attempt);
    try {
      const rv = await client.replace(current.object, saved.previous.data, current.resourceVersion);
      undo.written = { data: saved.previous.data, resourceVersion: rv };
      await deps.backups.save(undo);
      return { ok: true, resourceVersion: rv, backupId: undo.id, attempts: attempt, problems: [] };
    } catch (err) {
      await deps.backups.remove(undo.id);
      const e = err instanceof KubeWriteError ? err : new KubeWriteError(undefined, String(err));
      if (e.status !== 409) return { ok: false, attempts: attempt, problems: [`the restore failed: ${e.status ? `HTTP ${e.status}: ` : ''}${e.message}`] };
      if (!opts.force) return { ok: false, attempts: attempt, problems: [`aws-auth changed while restoring (409 Conflict), so nothing was restored; preview the restore again (restore --backup ${backupId}) to see what changed`] };
    }
  }
  return { ok: false, attempts: maxAttempts, problems: [`aws-auth kept changing (${maxAttempts} conflicts); nothing was restored`] };
}

const NOT_BEFORE = 'aws-auth did not exist before that write, and restore does not delete it (the cluster may depend on it by now); to go back, delete it by hand: kubectl delete configmap aws-auth -n kube-system';

/** The refusal when aws-auth changed after our write: what happened and what the user can do. */
function changedSinceWrite(saved: AwsAuthBackup, rv: string): string {
  return (
    `aws-auth was changed after our write (resourceVersion ${saved.written?.resourceVersion ?? 'unknown'} → ${rv}); restoring would undo that change too, so nothing was restored. ` +
    `What you can do: compare the current aws-auth (kubectl get configmap aws-auth -n kube-system -o yaml) with the backup's "previous" data (backup ${saved.id}) and edit it by hand (kubectl edit configmap aws-auth -n kube-system)`
  );
}

export interface AwsAuthRestorePreview {
  /** aws-auth now → as it was before the write; empty when refused. */
  diff: string;
  problems: string[];
}

/** What restore would write (reads aws-auth; changes nothing). */
export async function previewAwsAuthRestore(saved: AwsAuthBackup, cluster: ClusterTarget, writer: Writer, deps: Pick<AwsAuthWriteDeps, 'env' | 'client'>): Promise<AwsAuthRestorePreview> {
  if (!saved.previous.existed) return { diff: '', problems: [NOT_BEFORE] };
  const client = deps.client ?? (await createAwsAuthClient(cluster, writer, deps.env));
  const current = await client.read();
  if (!current.object || !current.resourceVersion) return { diff: '', problems: ['aws-auth no longer exists; nothing to restore onto'] };
  if (saved.written?.resourceVersion !== current.resourceVersion) return { diff: '', problems: [changedSinceWrite(saved, current.resourceVersion)] };
  return { diff: dataDiff(current.data, saved.previous.data), problems: [] };
}

export type { BackupStore };
