// The app's own reader of aws-auth data with aws-iam-authenticator's rules (docs/aws-auth-parsing.md): each key a
// YAML string; a key whose text is not YAML, is not a list, or has an item that does not decode into the
// authenticator's types is malformed and ignored as a whole; an item that decodes but names no ARN is dropped while
// the rest applies; item keys case-insensitive; blank values skipped; for duplicate ARNs the last wins. Every item
// keeps its key and index, so plans can point at it.
import { isScalar, isSeq, parse, parseDocument, YAMLParseError } from 'yaml';
import type { AwsAuthKey } from './types.js';

export interface MappingItem {
  key: AwsAuthKey;
  index: number;
  arn: string;
  username: string;
  groups: string[];
  userid?: string;
}

export type AnyAwsAuthKey = AwsAuthKey | 'mapAccounts';

export interface BadItem {
  key: AnyAwsAuthKey;
  /** Index in its list, or -1 when the whole value is unusable. */
  index: number;
  reason: string;
  /** The item as YAML read it (no secrets live in aws-auth). */
  raw: unknown;
}

/** A key the authenticator ignores as a whole: none of its items maps anyone. */
export interface MalformedKey {
  key: AnyAwsAuthKey;
  /** What is wrong, with the line and column (1-based, in the key's text) where YAML reports one. */
  reason: string;
  line?: number;
  column?: number;
  /** The key's text as stored (for a text that does not parse, the only way to see whom it names). */
  text: string;
  /** Items of this key that would have mapped someone, had the key decoded. */
  ignored: MappingItem[];
}

export interface AwsAuthContent {
  /** Valid items in order (duplicates included; the last of an ARN wins when matching). */
  items: MappingItem[];
  accounts: string[];
  bad: BadItem[];
  malformed: MalformedKey[];
}

/** "mapRoles is not valid YAML at line 7, column 26: …" / "mapRoles does not decode (…)" — the key in a sentence. */
export function malformedKeyText(m: { key: string; reason: string }): string {
  return m.reason.startsWith('does not decode') ? `${m.key} ${m.reason}` : `${m.key} is ${m.reason}`;
}

/** The authenticator's isSkippable: blank, or an empty quoted string. */
export function isSkippable(text: string | undefined): boolean {
  const t = (text ?? '').trim();
  return t === '' || t === '""' || t === "''" || t === '``';
}

/** YAML as Go's yaml.v2 reads it: YAML 1.1 scalars, a repeated map key is not an error. */
export function parseAwsAuthYaml(text: string): unknown {
  return parse(text, { version: '1.1', uniqueKeys: false });
}

/**
 * "not valid YAML at line L, column C: …" from a parse error. An error found at the end of the text (an unclosed
 * bracket or quote) points at the last line with text, where the reader can see it.
 */
export function yamlErrorOf(err: unknown, text: string): { reason: string; line?: number; column?: number } {
  const first = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const pos = err instanceof YAMLParseError ? err.linePos?.[0] : undefined;
  if (!pos) return { reason: `not valid YAML: ${first}` };
  const lines = text.split('\n');
  let { line, col } = pos;
  if (!lines[line - 1]?.trim()) {
    while (line > 1 && !lines[line - 1]?.trim()) line--;
    col = (lines[line - 1] ?? '').length + 1;
  }
  return { reason: `not valid YAML at line ${line}, column ${col}: ${first}`, line, column: col };
}

type Fields = { arn?: string; username: string; groups: string[]; userid?: string };

/** Decodes one item the way encoding/json fills the authenticator's RoleMapping/UserMapping; a string is why not. */
function decodeItem(arnKey: 'rolearn' | 'userarn', item: unknown): Fields | string {
  // A null item decodes to an empty mapping (no ARN: dropped by validation, not a decode error).
  if (item === null) return { username: '', groups: [] };
  if (typeof item !== 'object' || Array.isArray(item)) return 'item is not a mapping';
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
    if (!Array.isArray(g) || g.some((x) => x !== null && typeof x !== 'string')) return 'groups must be a list of strings';
    groups = (g as (string | null)[]).filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  }
  return { ...(arn ? { arn: arn as string } : {}), username: (username as string | undefined) ?? '', groups, ...(userid ? { userid: userid as string } : {}) };
}

function listOf(key: AnyAwsAuthKey, text: string, out: AwsAuthContent): unknown[] | undefined {
  let value: unknown;
  try {
    value = parseAwsAuthYaml(text);
  } catch (err) {
    const e = yamlErrorOf(err, text);
    out.bad.push({ key, index: -1, reason: `${key} is ${e.reason}`, raw: text });
    out.malformed.push({ key, ...e, text, ignored: [] });
    return undefined;
  }
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    out.bad.push({ key, index: -1, reason: `${key} must be a YAML list`, raw: value });
    out.malformed.push({ key, reason: 'not a YAML list', text, ignored: [] });
    return undefined;
  }
  return value;
}

/** The 1-based line where item `index` of a YAML list starts. */
function lineOfItem(text: string, index: number): number | undefined {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false });
  const start = isSeq(doc.contents) ? doc.contents.items[index]?.range?.[0] : undefined;
  return start === undefined ? undefined : text.slice(0, start).split('\n').length;
}

function readMappings(key: AwsAuthKey, text: string, out: AwsAuthContent): void {
  const list = listOf(key, text, out);
  if (!list) return;
  const arnKey = key === 'mapRoles' ? 'rolearn' : 'userarn';
  const decoded = list.map((item) => decodeItem(arnKey, item));
  const valid: MappingItem[] = [];
  const undecoded: string[] = [];
  decoded.forEach((f, index) => {
    if (typeof f === 'string') {
      out.bad.push({ key, index, reason: f, raw: list[index] });
      undecoded.push(`item #${index + 1}: ${f}`);
    } else if (!f.arn) out.bad.push({ key, index, reason: `${arnKey} is missing`, raw: list[index] });
    else valid.push({ key, index, arn: f.arn, username: f.username, groups: f.groups, ...(f.userid ? { userid: f.userid } : {}) });
  });
  if (undecoded.length > 0) {
    const first = out.bad.find((b) => b.key === key && b.index >= 0 && undecoded[0]!.startsWith(`item #${b.index + 1}:`));
    const line = first ? lineOfItem(text, first.index) : undefined;
    out.malformed.push({ key, reason: `does not decode (${undecoded.join('; ')})`, ...(line ? { line } : {}), text, ignored: valid });
  } else out.items.push(...valid);
}

function readAccounts(text: string, out: AwsAuthContent): void {
  const list = listOf('mapAccounts', text, out);
  if (!list) return;
  // yaml.v2 writes a scalar's text as written into a string (012345678912 keeps its zero); a mapping or a list does not decode.
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false });
  const nodes = isSeq(doc.contents) ? doc.contents.items : [];
  const accounts: string[] = [];
  const undecoded: string[] = [];
  list.forEach((item, index) => {
    if (item !== null && typeof item === 'object') {
      out.bad.push({ key: 'mapAccounts', index, reason: 'account must be a string', raw: item });
      undecoded.push(`item #${index + 1}: account must be a string`);
      return;
    }
    const node = nodes[index];
    const written = isScalar(node) && typeof node.source === 'string' ? node.source : item === null ? '' : String(item);
    if (written.trim() !== '') accounts.push(written.trim());
  });
  if (undecoded.length > 0) out.malformed.push({ key: 'mapAccounts', reason: `does not decode (${undecoded.join('; ')})`, text, ignored: [] });
  else out.accounts.push(...accounts);
}

export function readAwsAuth(data: Record<string, string> | undefined): AwsAuthContent {
  const out: AwsAuthContent = { items: [], accounts: [], bad: [], malformed: [] };
  if (!data) return out;
  for (const key of ['mapRoles', 'mapUsers'] as const) if (!isSkippable(data[key])) readMappings(key, data[key]!, out);
  if (!isSkippable(data.mapAccounts)) readAccounts(data.mapAccounts!, out);
  return out;
}
