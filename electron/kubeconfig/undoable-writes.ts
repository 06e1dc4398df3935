// The kubeconfig writes of this run that the UI can undo by id. The records stay in the main process; after a
// restart `restore --backup ID` still undoes a write from its backup record.
import { randomBytes } from 'node:crypto';
import { kubeconfigBackupWords } from '../../shared/backup-words.js';
import { ContractError } from '../../shared/contract-kit.js';
import { undo, type BackupRecord } from './apply.js';
import { KubeconfigChangedError } from './write-in-place.js';

const MAX_KEPT = 50;

export class UndoableWrites {
  private readonly records = new Map<string, BackupRecord>();

  /** Keeps the write's record and returns the id the renderer may undo it by (the oldest of many is forgotten). */
  remember(record: BackupRecord): string {
    const id = randomBytes(12).toString('base64url');
    this.records.set(id, record);
    while (this.records.size > MAX_KEPT) this.records.delete(this.records.keys().next().value!);
    return id;
  }

  async undo(undoId: string): Promise<{ message: string }> {
    const record = this.records.get(undoId);
    if (!record) throw new ContractError('UNKNOWN_UNDO', 'There is nothing to undo under this id (already undone, or the app was restarted)');
    try {
      const result = await undo(record);
      this.records.delete(undoId);
      return result;
    } catch (err) {
      if (err instanceof KubeconfigChangedError) {
        throw new ContractError('KUBECONFIG_CHANGED', `Your kubeconfig changed after the update was written — undo would lose those changes, so nothing was restored. It is kept as ${kubeconfigBackupWords(record.id, record.backupPath)}.`);
      }
      throw new ContractError('UNDO_FAILED', `Undo failed: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
    }
  }
}
