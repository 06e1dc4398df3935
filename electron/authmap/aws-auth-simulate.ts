// Who aws-auth maps, as the authenticator decides (docs/eks-authentication.md §3): the lower-cased canonical ARN against
// mapRoles, then mapUsers (the last duplicate wins), else mapAccounts (username = the ARN, no groups).
import { canonicalArnOf, parsePrincipal } from '../../shared/arn.js';
import type { AwsAuthContent, MappingItem } from './aws-auth-read.js';

export interface SimulatedMapping {
  via: 'mapRoles' | 'mapUsers' | 'mapAccounts';
  /** Username template as written (not rendered). */
  username: string;
  groups: string[];
  item?: MappingItem;
}

export function simulateMapping(content: AwsAuthContent, arn: string): SimulatedMapping | undefined {
  const canonical = canonicalArnOf(arn).toLowerCase();
  for (const key of ['mapRoles', 'mapUsers'] as const) {
    let found: MappingItem | undefined;
    for (const item of content.items) if (item.key === key && item.arn.toLowerCase() === canonical) found = item;
    if (found) return { via: key, username: found.username, groups: [...found.groups], item: found };
  }
  const account = parsePrincipal(arn)?.account;
  if (account && content.accounts.includes(account)) return { via: 'mapAccounts', username: canonicalArnOf(arn), groups: [] };
  return undefined;
}

/** The ARNs whose effective mapping has system:masters (the last duplicate decides). */
export function adminArns(content: AwsAuthContent): string[] {
  const effective = new Map<string, MappingItem>();
  for (const item of content.items) effective.set(`${item.key}|${item.arn.toLowerCase()}`, item);
  return [...effective.values()].filter((i) => i.groups.includes('system:masters')).map((i) => i.arn);
}
