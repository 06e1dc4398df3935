// `sso-accounts --session NAME [--json]`: every account × role the signed-in user may use, and the profile that
// already uses each — the Profiles page's identityCenter.identities, through dispatch on that room alone.
// Exit 0 done, 2 bad arguments (no such session), 1 anything else (not signed in…).
import { withDeadline } from '../common/deadline.js';
import type { IdentitiesResult } from '../../shared/identity-center-types.js';
import { identityCenterHandlers } from '../identity-center/handlers.js';
import { discoverIdentities } from '../identity-center/identities.js';
import { identityDeps, loadSession } from '../identity-center/load-session.js';
import { IdentityCenterService } from '../identity-center/service.js';
import { SessionArgumentError } from '../identity-center/session.js';
import type { Env } from '../profiles/deps.js';
import { awsErrorOf } from '../clusters/errors.js';
import { callContract, contractRequest } from './contract-request.js';
import { bool, CommandFailure, runCommand, str, UsageError, type CommandResult } from './result.js';
import { textTable } from './text-table.js';

export const DISCOVERY_DEADLINE_MS = 120_000;

/** The session's identities within the deadline; the errors the identity-center commands share. */
export async function sessionIdentities(env: Env, name: string, prefix = '') {
  const ctx = await loadSession(env, { session: name });
  const deps = identityDeps(env);
  const identities = await withDeadline(
    DISCOVERY_DEADLINE_MS,
    () => new Error(`IAM Identity Center did not list the accounts of session "${name}" within ${DISCOVERY_DEADLINE_MS / 1000} s`),
    (signal) => discoverIdentities(ctx.session, ctx.loaded, ctx.configText, deps, prefix, signal),
  );
  return { ...ctx, identities, deps };
}

export function commandFailure(err: unknown): CommandResult {
  if (err instanceof UsageError || err instanceof SessionArgumentError) return { exitCode: 2, stdout: '', stderr: `error: ${err.message}\n` };
  const e = awsErrorOf(err);
  // AWS errors carry their code; the app's own errors are a sentence already.
  const text = typeof err === 'object' && err !== null && '$metadata' in err ? `${e.code}: ${e.message}` : e.message;
  return { exitCode: 1, stdout: '', stderr: `error: ${text.split('\n')[0]}\n` };
}

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
      return { exitCode: 0, stdout: JSON.stringify({ session: session.name, startUrl: session.startUrl, accounts }, null, 2) + '\n', stderr: '' };
    }
    const rows = identities.map((i) => [i.accountName, i.accountId, i.roleName, i.profile ?? `(none — would be saved as ${i.suggestedName})`]);
    const head = `${identities.length} account × role${identities.length === 1 ? '' : 's'} for ${session.startUrl} (session ${session.name})\n`;
    return { exitCode: 0, stdout: head + textTable(['ACCOUNT', 'ACCOUNT ID', 'ROLE', 'PROFILE'], rows), stderr: '' };
  });
}
