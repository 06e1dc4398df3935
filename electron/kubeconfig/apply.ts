// Writes a previewed update-kubeconfig plan safely, and undoes it.
// Backups go next to the kubeconfig (`<file>.eks-doctor-backup-<UTC time>`, mode 0600): that is where a user
// looks for them, and kubectl only reads the files KUBECONFIG names, so they never join the merged config.
import { readFile, unlink } from 'node:fs/promises';
import { currentHash, KubeconfigChangedError, replaceFileIfUnchanged, writeNewFile } from './atomic-write.js';
import type { UpdatePlan } from './plan.js';
import { hashBytes } from './read.js';

const NEW_FILE_MODE = 0o600;

/** What undo needs; holds paths and hashes only. */
export interface BackupRecord {
  target: string;
  writePath: string;
  /** null when the file did not exist before the write (undo then removes it). */
  backupPath: string | null;
  previousHash: string;
  writtenHash: string;
  mode: number;
  writtenAt: string;
}

export interface ApplyResult {
  record: BackupRecord;
  backupPath: string | null;
  message: string;
}

/** What a write needs of a preview (an update-kubeconfig plan, or a "Use with kubectl" plan). */
export type WritablePlan = Pick<UpdatePlan, 'target' | 'writePath' | 'existed' | 'mode' | 'after' | 'baseHash' | 'message'>;

export async function applyPlan(plan: WritablePlan, now: () => Date = () => new Date()): Promise<ApplyResult> {
  const changed = 'changed on disk since the preview';
  const current = await readIfExists(plan.writePath);
  if (hashBytes(current) !== plan.baseHash) throw new KubeconfigChangedError(plan.writePath, changed);
  const mode = plan.existed && plan.mode !== undefined ? plan.mode & 0o777 : NEW_FILE_MODE;
  const at = now();
  let backupPath: string | null = null;
  if (current) backupPath = await writeBackup(plan.writePath, current, at);
  const bytes = Buffer.from(plan.after, 'utf8');
  try {
    await replaceFileIfUnchanged(plan.writePath, bytes, plan.baseHash, mode, changed);
  } catch (err) {
    if (backupPath) await unlink(backupPath).catch(() => undefined);
    throw err;
  }
  const record: BackupRecord = {
    target: plan.target,
    writePath: plan.writePath,
    backupPath,
    previousHash: plan.baseHash,
    writtenHash: hashBytes(bytes),
    mode,
    writtenAt: at.toISOString(),
  };
  return { record, backupPath, message: plan.message };
}

/** Restores the exact bytes the file had before the write; refuses if the file changed after it. */
export async function undo(record: BackupRecord): Promise<{ message: string }> {
  const changed = 'changed since the update was written, so undo would lose those changes';
  if ((await currentHash(record.writePath)) !== record.writtenHash) throw new KubeconfigChangedError(record.writePath, changed);
  if (!record.backupPath) {
    await unlink(record.writePath);
    return { message: `Removed ${record.target}, which did not exist before the update` };
  }
  const previous = await readFile(record.backupPath);
  if (hashBytes(previous) !== record.previousHash) throw new Error(`the backup ${record.backupPath} no longer holds the previous kubeconfig; nothing was restored`);
  await replaceFileIfUnchanged(record.writePath, previous, record.writtenHash, record.mode, changed);
  return { message: `Restored ${record.target} from ${record.backupPath}` };
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

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
