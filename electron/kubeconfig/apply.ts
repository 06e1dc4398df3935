// Writes a previewed update-kubeconfig plan safely, and undoes it.
// Backups go next to the kubeconfig (`<file>.eks-doctor-backup-<UTC time>`, mode 0600): that is where a user
// looks for them, and kubectl only reads the files KUBECONFIG names, so they never join the merged config.
// Every read-check-write runs under kubectl's own lock (file-lock.ts) and rewrites the file in place
// (write-in-place.ts says why).
import { randomBytes } from 'node:crypto';
import { readFile, unlink } from 'node:fs/promises';
import { kubeconfigBackupWords } from '../../shared/backup-words.js';
import { noteOwnWrite } from '../common/own-writes.js';
import { withKubeconfigLock, type LockOptions } from './file-lock.js';
import type { UpdatePlan } from './plan.js';
import { hashBytes } from './read.js';
import { currentHash, KubeconfigChangedError, rewriteFile, writeNewFile } from './write-in-place.js';

const NEW_FILE_MODE = 0o600;

/** What undo needs; holds paths and hashes only. */
export interface BackupRecord {
  /** Names the record for `restore --backup ID`. */
  id: string;
  target: string;
  writePath: string;
  /** null when the file did not exist before the write (undo then removes it). */
  backupPath: string | null;
  previousHash: string;
  writtenHash: string;
  mode: number;
  writtenAt: string;
}

/** The record as kept in the app's backup folder, beside the aws-auth and access-entry backups. */
export interface KubeconfigBackup {
  version: 1;
  kind: 'kubeconfig';
  id: string;
  time: string;
  record: BackupRecord;
  /** The file written the same careful way that is not a kubeconfig (the profiles the app saves to ~/.aws/config). */
  file?: 'aws-config';
}

/** Where records are kept (the app's BackupStore); saved before the file changes, removed if it does not. */
export interface BackupRecordSink {
  save(backup: KubeconfigBackup): Promise<unknown>;
  remove(id: string): Promise<void>;
}

export interface ApplyOptions {
  now?: () => Date;
  records?: BackupRecordSink;
  /** Names the file in the backup record when it is not a kubeconfig. */
  file?: 'aws-config';
  lock?: LockOptions;
}

export interface ApplyResult {
  record: BackupRecord;
  backupPath: string | null;
  message: string;
}

/** What a write needs of a preview (an update-kubeconfig plan, or a "Use with kubectl" plan). */
export type WritablePlan = Pick<UpdatePlan, 'target' | 'writePath' | 'existed' | 'mode' | 'after' | 'baseHash' | 'message'>;

export async function applyPlan(plan: WritablePlan, opts: ApplyOptions = {}): Promise<ApplyResult> {
  const at = (opts.now ?? (() => new Date()))();
  const bytes = Buffer.from(plan.after, 'utf8');
  const record: BackupRecord = {
    id: `kubeconfig-${at.toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`,
    target: plan.target,
    writePath: plan.writePath,
    backupPath: null,
    previousHash: plan.baseHash,
    writtenHash: hashBytes(bytes),
    mode: plan.existed && plan.mode !== undefined ? plan.mode & 0o777 : NEW_FILE_MODE,
    writtenAt: at.toISOString(),
  };
  let saved = false;
  let wrote = false;
  try {
    await withKubeconfigLock(
      [plan.target, plan.writePath],
      () =>
        rewriteFile(plan.writePath, bytes, {
          expectedHash: plan.baseHash,
          changedDetail: 'changed on disk since the preview',
          newFileMode: NEW_FILE_MODE,
          beforeWrite: async (current) => {
            if (current) record.backupPath = await writeBackup(plan.writePath, current, at);
            if (opts.records) {
              await opts.records.save({ version: 1, kind: 'kubeconfig', id: record.id, time: record.writtenAt, record, ...(opts.file ? { file: opts.file } : {}) });
              saved = true;
            }
            wrote = true;
          },
        }),
      opts.lock,
    );
  } catch (err) {
    if (wrote) {
      // The file may be half written: the backup is what the user needs now.
      throw new Error(`writing ${plan.writePath} failed (${(err as Error).message.split('\n')[0]})${record.backupPath ? `; its previous content is in ${record.backupPath}` : ''}`, { cause: err });
    }
    if (saved) await opts.records?.remove(record.id).catch(() => undefined);
    if (record.backupPath) await unlink(record.backupPath).catch(() => undefined);
    throw err;
  }
  noteOwnWrite([plan.target, plan.writePath], bytes);
  return { record, backupPath: record.backupPath, message: plan.message };
}

/** Restores the exact bytes the file had before the write; refuses if the file changed after it. */
export async function undo(record: BackupRecord, lock?: LockOptions): Promise<{ message: string }> {
  const changed = 'changed since the update was written, so undo would lose those changes';
  return withKubeconfigLock(
    [record.target, record.writePath],
    async () => {
      if (!record.backupPath) {
        if ((await currentHash(record.writePath)) !== record.writtenHash) throw new KubeconfigChangedError(record.writePath, changed);
        await unlink(record.writePath);
        noteOwnWrite([record.target, record.writePath], undefined);
        return { message: `Removed ${record.target}, which did not exist before the update` };
      }
      const previous = await readFile(record.backupPath).catch((err: NodeJS.ErrnoException) => {
        throw new Error(`the backup ${record.backupPath} cannot be read (${err.code ?? err.message}); nothing was restored`);
      });
      if (hashBytes(previous) !== record.previousHash) throw new Error(`the backup ${record.backupPath} no longer holds the previous kubeconfig; nothing was restored`);
      await rewriteFile(record.writePath, previous, { expectedHash: record.writtenHash, changedDetail: changed, newFileMode: record.mode });
      noteOwnWrite([record.target, record.writePath], previous);
      return { message: `Restored ${record.target} from ${kubeconfigBackupWords(record.id, record.backupPath)}` };
    },
    lock,
  );
}

async function writeBackup(file: string, bytes: Buffer, at: Date): Promise<string> {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  for (let n = 0; n < 100; n++) {
    const candidate = `${file}.eks-doctor-backup-${stamp}${n ? `-${n}` : ''}`;
    try {
      await writeNewFile(candidate, bytes, 0o600);
      return candidate;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new Error(`cannot create a backup next to ${file}: too many backups with the same time stamp`);
}
