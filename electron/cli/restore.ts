// `restore --backup ID [--yes] [--json]`
// Undoes one write of the app from its backup record — an aws-auth edit, an access-entry grant or a kubeconfig
// write. Without --yes it previews what would change (or why it will not, and what can be done instead).
// ID is the id `fix` / `update-kubeconfig` printed, or the path of the record file: the CLI turns a path into the
// record's folder (the host's, as the app's backup folder is) and its id, the only thing the channels take.
// Exit 0 done (or previewed), 2 bad arguments or no such backup, 1 refused or failed — one line on stderr.
import path from 'node:path';
import type { RestorePreview } from '../../shared/backup-types.js';
import type { Env } from '../profiles/deps.js';
import { callContract, contractRequest } from './contract-request.js';
import { bool, failed, jsonText, runCommand, str, type CommandResult } from './result.js';

export interface RestoreCommandDeps {
  env: Env;
  /** Where backup records are (default ~/.eks-access-doctor/backups/ under the env's HOME). */
  backupDir?: string;
}

export async function runRestoreCommand(args: string[], deps: RestoreCommandDeps): Promise<CommandResult> {
  return runCommand('restore', args, async ({ flags }) => restore({ backup: str(flags, 'backup')!, yes: bool(flags, 'yes'), json: bool(flags, 'json') }, deps));
}

function previewText(p: RestorePreview): string {
  const lines = [
    `Restore ${p.subject}:`,
    ...p.steps.map((s) => `  ${s.title}${s.command ? `\n    $ ${s.command}` : ''}`),
    ...(p.diff ? [p.diff.trimEnd()] : []),
    ...p.notes.map((n) => `note: ${n}`),
    ...p.problems.map((x) => `refused: ${x}`),
    ...(p.problems.length ? [] : ['re-run with --yes to restore']),
  ];
  return lines.join('\n') + '\n';
}

async function restore(values: { backup: string; yes: boolean; json: boolean }, deps: RestoreCommandDeps): Promise<CommandResult> {
  // A record's path names its folder and id.
  const byPath = values.backup.endsWith('.json') && values.backup.includes(path.sep);
  const request = contractRequest('backups.preview', { backupId: byPath ? path.basename(values.backup, '.json') : values.backup }, { backupId: 'backup' });
  const backupDir = byPath ? path.dirname(path.resolve(values.backup)) : deps.backupDir;
  const { createAppContext } = await import('../app-context.js');
  const app = createAppContext({ env: deps.env, mode: 'cli', ...(backupDir ? { wizard: { backupDir } } : {}) });
  try {
    if (!values.yes) {
      const p = await callContract(app.handlers, 'backups.preview', request);
      if (values.json) return { exitCode: 0, stdout: jsonText({ ...p, restored: false, ...(p.problems.length ? {} : { next: 're-run with --yes to restore' }) }), stderr: '' };
      return { exitCode: 0, stdout: previewText(p), stderr: '' };
    }
    const r = await callContract(app.handlers, 'backups.restore', request);
    const stdout = values.json ? jsonText(r) : `${r.message}\n`;
    if (!r.restored) return failed(1, r.problems.join('; ') || r.message, values.json ? stdout : '');
    return { exitCode: 0, stdout, stderr: '' };
  } finally {
    app.close();
  }
}
