// The profile names saved identities get: `<prefix><account name>-<role name>`, reduced to characters every tool
// accepts in a profile name; where two identities (or an identity and a profile the user wrote) would share a
// name, the account ID goes in: `<account name>-<account id>-<role name>`.
import type { Assignment } from './portal.js';

export function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|[-.]+$/g, '');
}

export const keyOf = (a: Pick<Assignment, 'accountId' | 'roleName'>) => `${a.accountId}/${a.roleName}`;

/**
 * A name per assignment (by keyOf). `taken` holds names already used by something else (profiles outside the
 * app's section); names the app itself wrote for the same identity may be reused.
 */
export function profileNames(assignments: Assignment[], taken: Set<string>, prefix = ''): Map<string, string> {
  const plain = (a: Assignment) => safeName(`${prefix}${a.accountName}-${a.roleName}`);
  const withId = (a: Assignment) => safeName(`${prefix}${a.accountName === a.accountId ? a.accountId : `${a.accountName}-${a.accountId}`}-${a.roleName}`);
  const count = new Map<string, number>();
  for (const a of assignments) count.set(plain(a).toLowerCase(), (count.get(plain(a).toLowerCase()) ?? 0) + 1);
  const takenLower = new Set([...taken].map((t) => t.toLowerCase()));
  const names = new Map<string, string>();
  for (const a of assignments) {
    const p = plain(a);
    names.set(keyOf(a), count.get(p.toLowerCase())! > 1 || takenLower.has(p.toLowerCase()) ? withId(a) : p);
  }
  return names;
}
