// `sso-profiles --session NAME [--prefix P] [--only ACCOUNT/ROLE,…] [--yes] [--json]`: the sign-in's account × roles
// saved as profiles in the app's block of the AWS config file; without --yes only the preview. The Profiles page's
// identityCenter.identities, then identityCenter.preview or identityCenter.save, through dispatch on that room alone.
// Exit 0 done, 2 bad arguments, 1 anything else.
import type { IdentityView } from '../../shared/identity-center-types.js';
import type { Env } from '../profiles/deps.js';
import { callContract, contractFields, contractRequest } from './contract-request.js';
import { bool, CommandFailure, jsonText, runCommand, str, UsageError, type CommandResult } from './result.js';
import { identityCenterRoom, listIdentities } from './sso-accounts.js';

export interface SsoProfilesDeps {
  env: Env;
  backupDir?: string;
}

/** `--only a/b,c/d`: an identity matches by account ID or account name, and role name. */
function pick(identities: IdentityView[], only: string | undefined): IdentityView[] {
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
    const session = str(flags, 'session')!;
    const prefix = str(flags, 'prefix');
    const yes = bool(flags, 'yes');
    contractFields('identityCenter.save', { session, prefix });
    const room = identityCenterRoom(deps.env, deps.backupDir);
    const { identities } = await listIdentities(room, session);
    const picked = pick(identities, str(flags, 'only'));
    if (!picked.length) throw new CommandFailure('UNKNOWN_IDENTITY', `the sign-in of session "${session}" has no account × role to save`);
    const request = { session, identities: picked.map((i) => i.key), ...(prefix ? { prefix } : {}) };
    const plan = yes
      ? await callContract(room, 'identityCenter.save', contractRequest('identityCenter.save', request))
      : { ...(await callContract(room, 'identityCenter.preview', contractRequest('identityCenter.preview', request))), written: false, backup: null };
    const out = {
      file: plan.file,
      written: plan.written,
      backup: plan.backup,
      ...('backupId' in plan && plan.backupId ? { backupId: plan.backupId } : {}),
      profiles: plan.profiles.map((p) => ({ name: p.name, accountId: p.accountId, roleName: p.roleName, ...(p.existing ? { existing: true } : {}) })),
      ...(!yes ? { preview: true, diff: plan.diff } : {}),
    };
    if (bool(flags, 'json')) return { exitCode: 0, stdout: jsonText(out), stderr: '' };
    if (!yes) return { exitCode: 0, stdout: `${plan.diff || plan.message + '\n'}(preview: run again with --yes to write ${plan.file})\n`, stderr: '' };
    const lines = [plan.message, ...plan.profiles.map((p) => `  ${p.name}  ${p.accountId}  ${p.roleName}${p.existing ? '  (already a profile, left as it is)' : ''}`)];
    if (plan.backup) lines.push(`Backup of the previous file: ${plan.backup}`);
    if ('backupId' in plan && plan.backupId) lines.push(`Undo: restore --backup ${plan.backupId}`);
    return { exitCode: 0, stdout: lines.join('\n') + '\n', stderr: '' };
  });
}
