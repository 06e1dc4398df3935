// The app's own reader of aws-auth data with aws-iam-authenticator's rules (EKS-AUTH-REFERENCE §3): each key a
// YAML string; item keys case-insensitive; blank values skipped; an invalid item dropped (with the reason) while
// the rest applies; for duplicate ARNs the last wins. Every item keeps its key and index, so plans can point at it.
import { parse } from 'yaml';
import type { AwsAuthKey } from './types.js';

export interface MappingItem {
  key: AwsAuthKey;
  index: number;
  arn: string;
  username: string;
  groups: string[];
  userid?: string;
}

export interface BadItem {
  key: AwsAuthKey | 'mapAccounts';
  /** Index in its list, or -1 when the whole value is unusable. */
  index: number;
  reason: string;
  /** The item as YAML read it (no secrets live in aws-auth). */
  raw: unknown;
}

export interface AwsAuthContent {
  /** Valid items in order (duplicates included; the last of an ARN wins when matching). */
  items: MappingItem[];
  accounts: string[];
  bad: BadItem[];
}

function parseList(key: BadItem['key'], text: string | undefined, bad: BadItem[]): unknown[] {
  if (text === undefined || text.trim() === '') return [];
  let value: unknown;
  try {
    value = parse(text);
  } catch (err) {
    bad.push({ key, index: -1, reason: `${key} is not valid YAML: ${(err as Error).message.split('\n')[0]}`, raw: text });
    return [];
  }
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    bad.push({ key, index: -1, reason: `${key} must be a YAML list`, raw: value });
    return [];
  }
  return value;
}

type Fields = { arn: string; username: string; groups: string[]; userid?: string };

function readItem(arnKey: 'rolearn' | 'userarn', item: unknown): Fields | string {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return 'item is not a mapping';
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) o[k.toLowerCase()] = v;
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
  return { arn: arn as string, username: (username as string | undefined) ?? '', groups, ...(userid ? { userid: userid as string } : {}) };
}

export function readAwsAuth(data: Record<string, string> | undefined): AwsAuthContent {
  const out: AwsAuthContent = { items: [], accounts: [], bad: [] };
  if (!data) return out;
  for (const [key, arnKey] of [['mapRoles', 'rolearn'], ['mapUsers', 'userarn']] as const) {
    parseList(key, data[key], out.bad).forEach((item, index) => {
      const f = readItem(arnKey, item);
      if (typeof f === 'string') out.bad.push({ key, index, reason: f, raw: item });
      else out.items.push({ key, index, ...f });
    });
  }
  parseList('mapAccounts', data.mapAccounts, out.bad).forEach((item, index) => {
    const id = typeof item === 'number' ? String(item) : item;
    if (typeof id !== 'string' || id.trim() === '') out.bad.push({ key: 'mapAccounts', index, reason: 'account must be a string', raw: item });
    else out.accounts.push(id.trim());
  });
  return out;
}
