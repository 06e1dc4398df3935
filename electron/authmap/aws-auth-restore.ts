// Restore = write a backup's previous data back, exactly. Refused when aws-auth changed since our write (unless
// forced), and by the same lockout guard; only a 409 is retried (re-read; forced restores only). The state being
// replaced is itself backed up, so a restore can be undone too.
import { readAwsAuth } from './aws-auth-read.js';
import { backupBefore, BackupStore } from './backup.js';
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
    return { ok: false, attempts: 0, problems: ['aws-auth did not exist before that write; to go back, delete it by hand: kubectl delete configmap aws-auth -n kube-system'] };
  }
  const client = deps.client ?? (await createAwsAuthClient(cluster, writer, deps.env));
  const now = deps.now ?? (() => new Date());
  const maxAttempts = deps.maxAttempts ?? 4;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = await client.read();
    if (!current.object || !current.resourceVersion) return { ok: false, attempts: attempt, problems: ['aws-auth no longer exists; nothing to restore onto'] };
    const changedSince = saved.written?.resourceVersion !== current.resourceVersion;
    if (changedSince && !opts.force) {
      return {
        ok: false,
        attempts: attempt,
        problems: [`aws-auth was changed after our write (resourceVersion ${saved.written?.resourceVersion ?? 'unknown'} → ${current.resourceVersion}); restoring would undo that change too. Review it, then restore with force.`],
      };
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
      if (!opts.force) return { ok: false, attempts: attempt, problems: ['aws-auth changed while restoring (409 Conflict); review the change, then restore with force'] };
    }
  }
  return { ok: false, attempts: maxAttempts, problems: [`aws-auth kept changing (${maxAttempts} conflicts); nothing was restored`] };
}

export type { BackupStore };
