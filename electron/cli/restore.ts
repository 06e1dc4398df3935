// `restore --backup ID [--yes] [--json]`
// Undoes one write of the app from its backup record — an aws-auth edit, an access-entry grant or a kubeconfig
// write. Without --yes it previews what would change (or why it will not, and what can be done instead).
// ID is the id `fix` / `update-kubeconfig` printed, or the path of the record file.
// Exit 0 done (or previewed), 2 bad arguments or no such backup, 1 refused or failed — one line on stderr.
import path from 'node:path';
import { awsErrorOf } from '../clusters/errors.js';
import { BackupStore, defaultBackupDir } from '../authmap/backup.js';
import { isBackupId } from '../authmap/backup-id.js';
import { homeDirOf, type Env } from '../profiles/deps.js';
import { defaultProfilesDeps, ProfilesService } from '../profiles/service.js';
import { previewRestore, runRestore, type RestoreDeps } from '../restore/restore-backup.js';
import { bool, failed, runCommand, str, UsageError, type CommandResult } from './result.js';

export interface RestoreCommandDeps {
  env: Env;
  /** Where backup records are (default ~/.eks-access-doctor/backups/ under the env's HOME). */
  backupDir?: string;
  /** Tests: the cluster as the writer sees it. */
  cluster?: RestoreDeps['cluster'];
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

export async function runRestoreCommand(args: string[], deps: RestoreCommandDeps): Promise<CommandResult> {
  return runCommand('restore', args, async ({ flags }) => restore({ backup: str(flags, 'backup')!, yes: bool(flags, 'yes'), json: bool(flags, 'json') }, deps));
}

async function restore(values: { backup: string; yes: boolean; json: boolean }, deps: RestoreCommandDeps): Promise<CommandResult> {
  // A record's path names its folder and id.
  const byPath = values.backup.endsWith('.json') && values.backup.includes(path.sep);
  const id = byPath ? path.basename(values.backup, '.json') : values.backup;
  const dir = byPath ? path.dirname(path.resolve(values.backup)) : (deps.backupDir ?? defaultBackupDir(homeDirOf(deps.env)));
  if (!isBackupId(id)) throw new UsageError(`--backup: "${values.backup}" is not a backup id`);
  const backups = new BackupStore(dir);
  try {
    await backups.loadAny(id);
  } catch (err) {
    return failed(2, (err as Error).message);
  }
  const restoreDeps: RestoreDeps = { env: deps.env, backups, profiles: new ProfilesService(defaultProfilesDeps(deps.env)), ...(deps.cluster ? { cluster: deps.cluster } : {}) };
  try {
    if (!values.yes) {
      const p = await previewRestore(id, restoreDeps);
      const out = { ...p, restored: false, ...(p.problems.length ? {} : { next: 're-run with --yes to restore' }) };
      if (values.json) return { exitCode: 0, stdout: json(out), stderr: '' };
      const lines = [
        `Restore ${p.subject}:`,
        ...p.steps.map((s) => `  ${s.title}${s.command ? `\n    $ ${s.command}` : ''}`),
        ...(p.diff ? [p.diff.trimEnd()] : []),
        ...p.notes.map((n) => `note: ${n}`),
        ...p.problems.map((x) => `refused: ${x}`),
        ...(p.problems.length ? [] : ['re-run with --yes to restore']),
      ];
      return { exitCode: 0, stdout: lines.join('\n') + '\n', stderr: '' };
    }
    const r = await runRestore(id, restoreDeps);
    const stdout = values.json ? json(r) : `${r.message}\n`;
    if (!r.restored) return failed(1, r.problems.join('; ') || r.message, values.json ? stdout : '');
    return { exitCode: 0, stdout, stderr: '' };
  } catch (err) {
    const aws = awsErrorOf(err);
    return failed(1, `nothing was restored: ${aws.code && aws.code !== 'Error' ? `${aws.code}: ` : ''}${aws.message}`);
  }
}
