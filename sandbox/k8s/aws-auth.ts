// Parses the aws-auth ConfigMap as aws-iam-authenticator does (EKS-AUTH-REFERENCE §3): YAML strings in
// data.mapRoles/mapUsers/mapAccounts, item keys case-insensitive, blank values skipped, a bad item dropped
// while the rest applies, the last of duplicate ARNs wins. Dropped items are kept with a reason for diagnosis.
import { parse } from 'yaml';

export interface RoleMapping {
  rolearn: string;
  username: string;
  groups: string[];
  userid?: string;
}

export interface UserMapping {
  userarn: string;
  username: string;
  groups: string[];
  userid?: string;
}

export interface DroppedItem {
  key: 'mapRoles' | 'mapUsers' | 'mapAccounts';
  /** Index of the item in its list, or -1 when the whole value failed to parse. */
  index: number;
  reason: string;
  raw: unknown;
}

export interface AwsAuthMappings {
  /** By lower-cased rolearn; the last duplicate wins. */
  roles: Map<string, RoleMapping>;
  users: Map<string, UserMapping>;
  accounts: Set<string>;
  dropped: DroppedItem[];
}

function parseList(key: DroppedItem['key'], text: string | undefined, dropped: DroppedItem[]): unknown[] {
  if (text === undefined || text.trim() === '') return [];
  let value: unknown;
  try {
    value = parse(text);
  } catch (err) {
    dropped.push({ key, index: -1, reason: `${key} is not valid YAML: ${(err as Error).message.split('\n')[0]}`, raw: text });
    return [];
  }
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    dropped.push({ key, index: -1, reason: `${key} must be a YAML list`, raw: value });
    return [];
  }
  return value;
}

/** The item's keys lower-cased, as Go's encoding/json matches field names. */
function lowerKeys(item: unknown): Record<string, unknown> | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) out[k.toLowerCase()] = v;
  return out;
}

type Fields = { arn: string; username: string; groups: string[]; userid?: string };

function readItem(arnKey: 'rolearn' | 'userarn', item: unknown): Fields | string {
  const o = lowerKeys(item);
  if (!o) return 'item is not a mapping';
  const str = (k: string): string | undefined | Error => {
    const v = o[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v.trim() === '' ? undefined : v;
    if (typeof v === 'number' || typeof v === 'boolean') return new Error(`${k} must be a string (got ${JSON.stringify(v)})`);
    return new Error(`${k} must be a string`);
  };
  const arn = str(arnKey);
  const username = str('username');
  const userid = str('userid');
  for (const v of [arn, username, userid]) if (v instanceof Error) return v.message;
  let groups: string[] = [];
  const g = o.groups;
  if (g !== undefined && g !== null) {
    if (!Array.isArray(g) || g.some((x) => typeof x !== 'string')) return 'groups must be a list of strings';
    groups = (g as string[]).filter((x) => x.trim() !== '');
  }
  if (!arn) return `${arnKey} is missing`;
  return { arn: arn as string, username: (username as string | undefined) ?? '', groups, userid: userid as string | undefined };
}

export function parseAwsAuth(data: Record<string, string> | undefined): AwsAuthMappings {
  const result: AwsAuthMappings = { roles: new Map(), users: new Map(), accounts: new Set(), dropped: [] };
  if (!data) return result;
  parseList('mapRoles', data.mapRoles, result.dropped).forEach((item, index) => {
    const f = readItem('rolearn', item);
    if (typeof f === 'string') return void result.dropped.push({ key: 'mapRoles', index, reason: f, raw: item });
    result.roles.set(f.arn.toLowerCase(), { rolearn: f.arn, username: f.username, groups: f.groups, userid: f.userid });
  });
  parseList('mapUsers', data.mapUsers, result.dropped).forEach((item, index) => {
    const f = readItem('userarn', item);
    if (typeof f === 'string') return void result.dropped.push({ key: 'mapUsers', index, reason: f, raw: item });
    result.users.set(f.arn.toLowerCase(), { userarn: f.arn, username: f.username, groups: f.groups, userid: f.userid });
  });
  parseList('mapAccounts', data.mapAccounts, result.dropped).forEach((item, index) => {
    const id = typeof item === 'number' ? String(item) : item;
    if (typeof id !== 'string' || id.trim() === '') {
      return void result.dropped.push({ key: 'mapAccounts', index, reason: 'account must be a string', raw: item });
    }
    result.accounts.add(id.trim());
  });
  return result;
}
