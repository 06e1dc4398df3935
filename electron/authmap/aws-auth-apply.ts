// Writes a planned aws-auth change: a backup first, then a PUT (replace) with the resourceVersion that was read.
// Only on 409 Conflict: re-read, re-apply the same edit to the new data (a concurrent edit is merged, not lost),
// re-check the guard, and try again — a bounded number of times. Anything else stops with its message.
import { applyAwsAuthEdit } from './aws-auth-edit.js';
import type { AwsAuthPlan } from './aws-auth-plan.js';
import { backupBefore, BackupStore, type AwsAuthBackup } from './backup.js';
import { guardAwsAuthChange } from './guard.js';
import { createAwsAuthClient, KubeWriteError, type AwsAuthClient, type ConfigMapRead } from './kube-client.js';
import type { Env } from '../profiles/deps.js';
import type { ClusterTarget, Writer } from './types.js';

export interface AwsAuthWriteDeps {
  env: Env;
  backups: BackupStore;
  client?: AwsAuthClient;
  now?: () => Date;
  /** Attempts in all (first write + retries after 409). */
  maxAttempts?: number;
  /** Called just before each write is sent (tests use it to make a concurrent edit). */
  beforeWrite?: (attempt: number) => Promise<void>;
  /** What the backup records besides the data (e.g. a binding this grant created just before). */
  backupExtra?: Pick<AwsAuthBackup, 'createdViewBinding'>;
}

export interface AwsAuthApplyResult {
  ok: boolean;
  /** Nothing written (no-op plan). */
  unchanged?: boolean;
  resourceVersion?: string;
  backupId?: string;
  attempts: number;
  /** True when a concurrent change was found (409) and our edit was re-applied on top of it. */
  merged: boolean;
  /** The data finally written. */
  data?: Record<string, string>;
  problems: string[];
}

export async function applyAwsAuthPlan(plan: AwsAuthPlan, cluster: ClusterTarget, writer: Writer, deps: AwsAuthWriteDeps): Promise<AwsAuthApplyResult> {
  if (plan.problems.length > 0) return { ok: false, attempts: 0, merged: false, problems: plan.problems };
  if (plan.noop) return { ok: true, unchanged: true, attempts: 0, merged: false, problems: [] };
  const client = deps.client ?? (await createAwsAuthClient(cluster, writer, deps.env));
  const now = deps.now ?? (() => new Date());
  const maxAttempts = deps.maxAttempts ?? 4;
  let current: ConfigMapRead | undefined;
  let merged = false;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let before = plan.before;
    let after = plan.after;
    let rv = plan.resourceVersion;
    let exists = plan.exists;
    if (current) {
      // After a 409: the same edit on what is there now.
      const again = applyAwsAuthEdit(current.data, plan.edit);
      if (!again.ok) return { ok: false, attempts: attempt, merged, problems: [`aws-auth was changed by someone else, and the change cannot be re-applied: ${again.reason}`] };
      before = current.data;
      after = again.data;
      rv = current.resourceVersion;
      exists = Boolean(current.object);
      const problems = guardAwsAuthChange(before, after, {
        writer: { arn: plan.writer.canonicalArn, viaAwsAuth: plan.writer.source === 'aws-auth' },
        target: { arn: plan.target.arn, username: plan.target.username, groups: plan.target.groups },
        invalidItemsConsent: plan.edit.invalidItems !== undefined && plan.edit.invalidItems !== 'keep',
      });
      if (problems.length > 0) return { ok: false, attempts: attempt, merged, problems };
      if (JSON.stringify(before) === JSON.stringify(after)) return { ok: true, unchanged: true, attempts: attempt, merged, problems: [] };
    }
    const backup = { ...backupBefore(cluster, writer.profile, { existed: exists, data: before, ...(rv ? { resourceVersion: rv } : {}) }, now()), ...deps.backupExtra };
    await deps.backups.save(backup);
    await deps.beforeWrite?.(attempt);
    try {
      const base = current?.object ?? (exists ? (await baseObject(client, plan, rv)) : undefined);
      const newRv = exists && base ? await client.replace(base, after, rv!) : await client.create(after);
      backup.written = { data: after, resourceVersion: newRv };
      await deps.backups.save(backup);
      return { ok: true, resourceVersion: newRv, backupId: backup.id, attempts: attempt, merged, data: after, problems: [] };
    } catch (err) {
      const e = err instanceof KubeWriteError ? err : new KubeWriteError(undefined, String(err));
      await deps.backups.remove(backup.id);
      if (e.status !== 409) return { ok: false, attempts: attempt, merged, problems: [`the write failed: ${e.status ? `HTTP ${e.status}: ` : ''}${e.message}`] };
      merged = true;
      current = await client.read();
    }
  }
  return { ok: false, attempts: maxAttempts, merged, problems: [`aws-auth kept changing under us (${maxAttempts} conflicts in a row); nothing was written — try again`] };
}

/** The object to PUT back (labels, annotations kept): read once; its resourceVersion is replaced by the one planned. */
async function baseObject(client: AwsAuthClient, plan: AwsAuthPlan, rv: string | undefined) {
  const r = await client.read();
  if (!r.object) throw new KubeWriteError(409, 'aws-auth was deleted since it was read');
  return { ...r.object, metadata: { ...r.object.metadata, resourceVersion: rv ?? plan.resourceVersion } };
}
