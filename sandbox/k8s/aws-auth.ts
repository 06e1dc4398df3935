// Parses the aws-auth ConfigMap as aws-iam-authenticator's ParseMap does (docs/aws-auth-parsing.md): YAML strings in
// data.mapRoles/mapUsers/mapAccounts; a key whose text is not YAML, is not a list, or has an item that does not decode
// into the authenticator's types maps nobody at all (the key is malformed as a whole); an item that decodes but names
// no ARN is dropped while the rest applies; item keys case-insensitive; blank values skipped; the last of duplicate
// ARNs wins. Whatever is dropped is kept with a reason for diagnosis.
import { isScalar, isSeq, parse, parseDocument, YAMLParseError } from 'yaml';

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
  /** Keys ignored as a whole, with why (line and column in the key's text where YAML gives them). */
  malformed: { key: DroppedItem['key']; reason: string }[];
}

function isSkippable(text: string | undefined): boolean {
  const t = (text ?? '').trim();
  return t === '' || t === '""' || t === "''" || t === '``';
}

function parseList(key: DroppedItem['key'], text: string | undefined, out: AwsAuthMappings): unknown[] {
  if (isSkippable(text)) return [];
  let value: unknown;
  try {
    // Go's yaml.v2: YAML 1.1 scalars (yes/no/on/off are booleans), a repeated map key is no error.
    value = parse(text!, { version: '1.1', uniqueKeys: false });
  } catch (err) {
    const pos = err instanceof YAMLParseError ? err.linePos?.[0] : undefined;
    const why = `${(err as Error).message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`;
    const reason = `${key} is not valid YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}: ${why}`;
    out.dropped.push({ key, index: -1, reason, raw: text });
    out.malformed.push({ key, reason });
    return [];
  }
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    out.dropped.push({ key, index: -1, reason: `${key} must be a YAML list`, raw: value });
    out.malformed.push({ key, reason: `${key} must be a YAML list` });
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

type Fields = { arn?: string; username: string; groups: string[]; userid?: string };

/** The item as encoding/json fills RoleMapping/UserMapping; a string says why it does not decode. */
function readItem(arnKey: 'rolearn' | 'userarn', item: unknown): Fields | string {
  if (item === null) return { username: '', groups: [] };
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
    if (!Array.isArray(g) || g.some((x) => x !== null && typeof x !== 'string')) return 'groups must be a list of strings';
    groups = (g as (string | null)[]).filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  }
  return { ...(arn ? { arn: arn as string } : {}), username: (username as string | undefined) ?? '', groups, ...(userid ? { userid: userid as string } : {}) };
}

/** One of mapRoles/mapUsers: every item decodes, or the key maps nobody. */
function readKey(key: 'mapRoles' | 'mapUsers', text: string | undefined, out: AwsAuthMappings): (Fields & { arn: string })[] {
  const arnKey = key === 'mapRoles' ? 'rolearn' : 'userarn';
  const list = parseList(key, text, out);
  const valid: (Fields & { arn: string })[] = [];
  const undecoded: string[] = [];
  list.forEach((item, index) => {
    const f = readItem(arnKey, item);
    if (typeof f === 'string') {
      out.dropped.push({ key, index, reason: f, raw: item });
      undecoded.push(`item #${index + 1}: ${f}`);
    } else if (!f.arn) out.dropped.push({ key, index, reason: `${arnKey} is missing`, raw: item });
    else valid.push(f as Fields & { arn: string });
  });
  if (undecoded.length === 0) return valid;
  out.malformed.push({ key, reason: `${key} does not decode (${undecoded.join('; ')})` });
  return [];
}

export function parseAwsAuth(data: Record<string, string> | undefined): AwsAuthMappings {
  const result: AwsAuthMappings = { roles: new Map(), users: new Map(), accounts: new Set(), dropped: [], malformed: [] };
  if (!data) return result;
  for (const f of readKey('mapRoles', data.mapRoles, result)) {
    result.roles.set(f.arn.toLowerCase(), { rolearn: f.arn, username: f.username, groups: f.groups, userid: f.userid });
  }
  for (const f of readKey('mapUsers', data.mapUsers, result)) {
    result.users.set(f.arn.toLowerCase(), { userarn: f.arn, username: f.username, groups: f.groups, userid: f.userid });
  }
  const accounts: string[] = [];
  const undecoded: string[] = [];
  const accountList = parseList('mapAccounts', data.mapAccounts, result);
  const doc = accountList.length ? parseDocument(data.mapAccounts!, { version: '1.1', uniqueKeys: false }) : undefined;
  const written = (index: number, item: unknown): string => {
    const node = isSeq(doc?.contents) ? doc!.contents.items[index] : undefined;
    return isScalar(node) && typeof node.source === 'string' ? node.source : String(item);
  };
  accountList.forEach((item, index) => {
    // yaml.v2 writes any scalar into a string; a mapping or a list does not decode.
    if (item !== null && typeof item === 'object') {
      result.dropped.push({ key: 'mapAccounts', index, reason: 'account must be a string', raw: item });
      undecoded.push(`item #${index + 1}: account must be a string`);
    } else if (item !== null && written(index, item).trim() !== '') accounts.push(written(index, item).trim());
  });
  if (undecoded.length > 0) result.malformed.push({ key: 'mapAccounts', reason: `mapAccounts does not decode (${undecoded.join('; ')})` });
  else for (const a of accounts) result.accounts.add(a);
  return result;
}
