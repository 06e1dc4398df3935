// An account as the AWS console shows it: "acme-prod (111122223333)" once its alias is known, else the ID alone.
// The Profiles service reads each account's alias once (where a profile may) and sends it with the profile rows;
// every view of an account — the matrix's headers and cell panel too — finds it here by account ID.
import { createContext, useContext } from 'react';
import type { ProfileView } from '../../../shared/profile-types.js';

/** Account ID → alias, from the profile rows that carry one. */
export function aliasesOf(profiles: readonly ProfileView[] | undefined): ReadonlyMap<string, string> {
  const aliases = new Map<string, string>();
  for (const p of profiles ?? []) if (p.identity?.account && p.accountAlias) aliases.set(p.identity.account, p.accountAlias);
  return aliases;
}

export function accountLabel(account: string, alias: string | undefined): string {
  return alias ? `${alias} (${account})` : account;
}

export const AccountAliasesContext = createContext<ReadonlyMap<string, string>>(new Map());

/** "acme-prod (111122223333)" for any account ID, with the aliases the app knows so far. */
export function useAccountLabel(): (account: string) => string {
  const aliases = useContext(AccountAliasesContext);
  return (account) => accountLabel(account, aliases.get(account));
}
