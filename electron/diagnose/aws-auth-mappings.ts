// aws-auth as the authenticator matches it: by lower-cased ARN (the last duplicate wins), plus mapAccounts, the
// items it drops and the keys it ignores as a whole. Built on the app's reader (electron/authmap/aws-auth-read.ts), so diagnosis and grants read alike.
import { readAwsAuth, type BadItem, type MalformedKey } from '../authmap/aws-auth-read.js';

export interface RoleMapping {
  rolearn: string;
  username: string;
  groups: string[];
}

export interface UserMapping {
  userarn: string;
  username: string;
  groups: string[];
}

export type DroppedItem = BadItem;

export interface AwsAuthMappings {
  roles: Map<string, RoleMapping>;
  users: Map<string, UserMapping>;
  accounts: Set<string>;
  dropped: DroppedItem[];
  /** Keys the authenticator ignores as a whole. */
  malformed: MalformedKey[];
}

export function parseAwsAuth(data: Record<string, string> | undefined): AwsAuthMappings {
  const content = readAwsAuth(data);
  const out: AwsAuthMappings = { roles: new Map(), users: new Map(), accounts: new Set(content.accounts), dropped: content.bad, malformed: content.malformed };
  for (const item of content.items) {
    if (item.key === 'mapRoles') out.roles.set(item.arn.toLowerCase(), { rolearn: item.arn, username: item.username, groups: item.groups });
    else out.users.set(item.arn.toLowerCase(), { userarn: item.arn, username: item.username, groups: item.groups });
  }
  return out;
}
