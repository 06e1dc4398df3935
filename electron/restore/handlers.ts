// The channels of the backup records on disk: what restoring one would change now, and the restore itself. A
// record is asked for by its id; the folder is the host's (the app's backup folder, or the one the CLI was given).
import { ContractError } from '../../shared/contract-kit.js';
import type { Handlers } from '../common/channel-handlers.js';
import { failureLine, firstLine } from '../common/first-line.js';
import { previewRestore, runRestore, type RestoreDeps } from './restore-backup.js';

export type BackupsHandlers = Pick<Handlers, 'backups.preview' | 'backups.restore'>;

export function backupsHandlers(deps: RestoreDeps): BackupsHandlers {
  /** A record that is not there (or not readable as one) is the caller's mistake; anything after it is a failure. */
  const onRecord = async <T>(id: string, work: () => Promise<T>): Promise<T> => {
    try {
      await deps.backups.loadAny(id);
    } catch (err) {
      throw new ContractError('UNKNOWN_BACKUP', firstLine(err));
    }
    try {
      return await work();
    } catch (err) {
      throw new ContractError('RESTORE_FAILED', `nothing was restored: ${failureLine(err)}`);
    }
  };
  return {
    'backups.preview': (req) => onRecord(req.backupId, () => previewRestore(req.backupId, deps)),
    'backups.restore': (req) => onRecord(req.backupId, () => runRestore(req.backupId, deps)),
  };
}
