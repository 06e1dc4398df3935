// `sso-accounts --session NAME [--json]`: every account × role the signed-in user may use, and the profile that
// already uses each — the Profiles page's identityCenter.identities, through dispatch on that room alone.
// Exit 0 done, 2 bad arguments (no such session), 1 anything else (not signed in…).
import { withDeadline } from '../common/deadline.js';
import type { IdentitiesResult } from '../../shared/identity-center-types.js';
import { identityCenterHandlers } from '../identity-center/handlers.js';
import { identityDeps } from '../identity-center/load-session.js';
import { IdentityCenterService } from '../identity-center/service.js';
import type { Env } from '../profiles/deps.js';
import { callContract, contractRequest } from './contract-request.js';
import { bool, CommandFailure, jsonText, runCommand, str, type CommandResult } from './result.js';
import { textTable } from './text-table.js';

export const DISCOVERY_DEADLINE_MS = 120_000;

/** The identity-center room alone, as the CLI's commands call it through dispatch. */
export function identityCenterRoom(env: Env, backupDir?: string) {
  return identityCenterHandlers(new IdentityCenterService({ profiles: identityDeps(env), ...(backupDir ? { backupDir } : {}) }));
}

/** identityCenter.identities within the deadline; a sign-in that is not cached is a failure here (exit 1). */
export async function listIdentities(handlers: ReturnType<typeof identityCenterRoom>, session: string): Promise<IdentitiesResult> {
  const request = contractRequest('identityCenter.identities', { session });
  const result = await withDeadline(
    DISCOVERY_DEADLINE_MS,
    () => new Error(`IAM Identity Center did not list the accounts of session "${session}" within ${DISCOVERY_DEADLINE_MS / 1000} s`),
    () => callContract(handlers, 'identityCenter.identities', request),
  );
  if (!result.signedIn) throw new CommandFailure('SSO_SIGN_IN_NEEDED', result.message ?? `not signed in to session "${session}"`);
  return result;
}

export async function runSsoAccounts(args: string[], deps: { env: Env }): Promise<CommandResult> {
  return runCommand('sso-accounts', args, async ({ flags }) => {
    const { session, identities } = await listIdentities(identityCenterRoom(deps.env), str(flags, 'session')!);
    if (bool(flags, 'json')) {
      const accounts = identities.map((i) => ({ accountId: i.accountId, accountName: i.accountName, roleName: i.roleName, profile: i.profile }));
      return { exitCode: 0, stdout: jsonText({ session: session.name, startUrl: session.startUrl, accounts }), stderr: '' };
    }
    const rows = identities.map((i) => [i.accountName, i.accountId, i.roleName, i.profile ?? `(none — would be saved as ${i.suggestedName})`]);
    const head = `${identities.length} account × role${identities.length === 1 ? '' : 's'} for ${session.startUrl} (session ${session.name})\n`;
    return { exitCode: 0, stdout: head + textTable(['ACCOUNT', 'ACCOUNT ID', 'ROLE', 'PROFILE'], rows), stderr: '' };
  });
}
