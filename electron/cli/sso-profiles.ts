// `sso-profiles --session NAME [--prefix P] [--only ACCOUNT/ROLE,…] [--yes] [--json]`: the sign-in's account × roles
// saved as profiles in the app's block of the AWS config file; without --yes only the preview. Exit 0 done,
// 2 bad arguments, 1 anything else.
import { BackupStore, defaultBackupDir } from '../authmap/backup.js';
import type { Identity } from '../identity-center/identities.js';
import { safeName } from '../identity-center/names.js';
import { applySavePlan, planSaveProfiles } from '../identity-center/save-profiles.js';
import { homeDirOf, type Env } from '../profiles/deps.js';
import { contractFields } from './contract-request.js';
import { runCommand, UsageError, type CommandResult } from './result.js';
import { commandFailure, sessionIdentities } from './sso-accounts.js';

export interface SsoProfilesDeps {
  env: Env;
  now?: () => Date;
  backupDir?: string;
}

/** `--only a/b,c/d`: an identity matches by account ID or account name, and role name. */
function pick(identities: Identity[], only: string | undefined): Identity[] {
  if (only === undefined) return identities;
  const wanted = only.split(',').map((s) => s.trim()).filter(Boolean);
  if (!wanted.length) throw new UsageError('--only: expected ACCOUNT/ROLE pairs separated by commas');
  return wanted.map((w) => {
    const [account, role] = w.split('/');
    const found = identities.find((i) => (i.accountId === account || i.accountName === account) && i.roleName === role);
    if (!found) throw new UsageError(`--only: the sign-in has no role "${role ?? ''}" in account "${account}" (see sso-accounts)`);
    return found;
  });
}

export async function runSsoProfiles(args: string[], deps: SsoProfilesDeps): Promise<CommandResult> {
  return runCommand('sso-profiles', args, async ({ flags }) => {
    const values = flags as { session: string; prefix?: string; only?: string; yes?: boolean; json?: boolean };
    contractFields('identityCenter.save', { session: values.session });
    try {
      return await saveProfiles(values, deps);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      return commandFailure(err);
    }
  });
}

async function saveProfiles(values: { session: string; prefix?: string; only?: string; yes?: boolean; json?: boolean }, deps: SsoProfilesDeps): Promise<CommandResult> {
  const prefix = values.prefix ?? '';
  if (prefix && safeName(`${prefix}x`) !== `${prefix}x`) throw new UsageError(`--prefix: "${prefix}" may hold only letters, digits, ".", "_" and "-"`);
  const { loaded, session, identities } = await sessionIdentities(deps.env, values.session, prefix);
  const plan = await planSaveProfiles(loaded, session, pick(identities, values.only));
  const applied = values.yes ? await applySavePlan(plan, new BackupStore(deps.backupDir ?? defaultBackupDir(homeDirOf(deps.env))), deps.now) : undefined;
  const out = {
    file: plan.target,
    written: Boolean(applied),
    backup: applied?.backupPath ?? null,
    ...(applied ? { backupId: applied.record.id } : {}),
    profiles: plan.profiles.map((p) => ({ name: p.name, accountId: p.accountId, roleName: p.roleName, ...(p.existing ? { existing: true } : {}) })),
    ...(!values.yes ? { preview: true, diff: plan.diff } : {}),
  };
  if (values.json) return { exitCode: 0, stdout: JSON.stringify(out, null, 2) + '\n', stderr: '' };
  if (!values.yes) return { exitCode: 0, stdout: `${plan.diff || plan.message + '\n'}(preview: run again with --yes to write ${plan.target})\n`, stderr: '' };
  const lines = [plan.message, ...plan.profiles.map((p) => `  ${p.name}  ${p.accountId}  ${p.roleName}${p.existing ? '  (already a profile, left as it is)' : ''}`)];
  if (applied?.backupPath) lines.push(`Backup of the previous file: ${applied.backupPath}`);
  if (applied) lines.push(`Undo: restore --backup ${applied.record.id}`);
  return { exitCode: 0, stdout: lines.join('\n') + '\n', stderr: '' };
}
