// `sso-accounts --session NAME [--json]`: every account × role the signed-in user may use, and the profile that
// already uses each. Exit 0 done, 2 bad arguments (no such session), 1 anything else (not signed in…).
import { withDeadline } from '../common/deadline.js';
import { discoverIdentities, type Identity } from '../identity-center/identities.js';
import { identityDeps, loadSession } from '../identity-center/load-session.js';
import { SessionArgumentError, type SsoSession } from '../identity-center/session.js';
import type { Env } from '../profiles/deps.js';
import { awsErrorOf } from '../clusters/errors.js';
import { contractFields } from './contract-request.js';
import { bool, runCommand, str, UsageError, type CommandResult } from './result.js';
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

export function accountsJson(session: SsoSession, identities: Identity[]) {
  return {
    session: session.name,
    startUrl: session.startUrl,
    accounts: identities.map((i) => ({ accountId: i.accountId, accountName: i.accountName, roleName: i.roleName, profile: i.profile })),
  };
}

export async function runSsoAccounts(args: string[], deps: { env: Env }): Promise<CommandResult> {
  return runCommand('sso-accounts', args, async ({ flags }) => {
    const name = str(flags, 'session')!;
    contractFields('identityCenter.identities', { session: name });
    try {
      const { session, identities } = await sessionIdentities(deps.env, name);
      if (bool(flags, 'json')) return { exitCode: 0, stdout: JSON.stringify(accountsJson(session, identities), null, 2) + '\n', stderr: '' };
      const rows = identities.map((i) => [i.accountName, i.accountId, i.roleName, i.profile ?? `(none — would be saved as ${i.suggestedName})`]);
      const head = `${identities.length} account × role${identities.length === 1 ? '' : 's'} for ${session.startUrl} (session ${session.name})\n`;
      return { exitCode: 0, stdout: head + textTable(['ACCOUNT', 'ACCOUNT ID', 'ROLE', 'PROFILE'], rows), stderr: '' };
    } catch (err) {
      return commandFailure(err);
    }
  });
}
