// How the authenticator would (not) map an identity: exact aws-auth and access-entry matches, and the ways an
// entry can almost match — a role path, a session ARN, another account, a typo, a dropped malformed item.
import { parsePrincipal, roleOfSession, roleWithoutPath, type Principal } from '../../shared/arn.js';
import type { MalformedKey } from '../authmap/aws-auth-read.js';
import type { AwsAuthMappings, DroppedItem } from './aws-auth-mappings.js';
import type { AccessEntryFacts } from './types.js';

export interface AwsAuthEntry {
  key: 'mapRoles' | 'mapUsers';
  arn: string;
  username: string;
  groups: string[];
}

export interface NearMiss {
  entry: AwsAuthEntry;
  why: string;
}

export interface MappingAnalysis {
  /** The entry the authenticator uses for this identity (exact match, case-insensitive). */
  exact?: AwsAuthEntry;
  /** mapAccounts lists the identity's account. */
  account?: string;
  /** A role entry that names the role with its IAM path. */
  withPath?: AwsAuthEntry;
  /** An entry holding an assumed-role session ARN of the role. */
  sessionArn?: AwsAuthEntry;
  nearMisses: NearMiss[];
  /** Malformed items, dropped by the authenticator, that name this identity. */
  dropped: DroppedItem[];
  /** Keys ignored as a whole that name this identity (or its account, for mapAccounts): where, and how. */
  malformedNaming: MalformedNaming[];
}

export interface MalformedNaming {
  malformed: MalformedKey;
  /** 1-based line of the key's text that names the identity. */
  line: number;
  /** That line, trimmed. */
  text: string;
}

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

function entriesOf(m: AwsAuthMappings): AwsAuthEntry[] {
  return [
    ...[...m.roles.values()].map((r) => ({ key: 'mapRoles' as const, arn: r.rolearn, username: r.username, groups: r.groups })),
    ...[...m.users.values()].map((u) => ({ key: 'mapUsers' as const, arn: u.userarn, username: u.username, groups: u.groups })),
  ];
}

function nearMiss(canonical: Principal, entry: AwsAuthEntry): string | undefined {
  const e = parsePrincipal(entry.arn);
  if (!e || e.service !== 'iam' || e.kind !== canonical.kind) return undefined;
  const sameName = e.name.toLowerCase() === canonical.name.toLowerCase();
  if (sameName && e.account !== canonical.account) return `names account ${e.account} instead of ${canonical.account}`;
  if (e.account === canonical.account && !sameName && e.path.length === 0) {
    const d = editDistance(e.name.toLowerCase(), canonical.name.toLowerCase());
    if (d <= 2) return `names ${e.kind} "${e.name}" — ${d} character${d === 1 ? '' : 's'} away from "${canonical.name}"`;
  }
  return undefined;
}

function droppedArn(item: DroppedItem): string | undefined {
  if (!item.raw || typeof item.raw !== 'object' || Array.isArray(item.raw)) return undefined;
  for (const [k, v] of Object.entries(item.raw as Record<string, unknown>)) {
    if ((k.toLowerCase() === 'rolearn' || k.toLowerCase() === 'userarn') && typeof v === 'string') return v;
  }
  return undefined;
}

/** What aws-auth holds for the identity whose canonical ARN (no role path, no session) is given. */
export function analyseAwsAuth(canonicalArn: string, mappings: AwsAuthMappings): MappingAnalysis {
  const lower = canonicalArn.toLowerCase();
  const parts = parsePrincipal(canonicalArn);
  const entries = entriesOf(mappings);
  const result: MappingAnalysis = { nearMisses: [], dropped: [], malformedNaming: [] };
  const role = mappings.roles.get(lower);
  const user = mappings.users.get(lower);
  if (role) result.exact = { key: 'mapRoles', arn: role.rolearn, username: role.username, groups: role.groups };
  else if (user) result.exact = { key: 'mapUsers', arn: user.userarn, username: user.username, groups: user.groups };
  else if (parts && mappings.accounts.has(parts.account)) result.account = parts.account;
  for (const entry of entries) {
    if (entry.arn.toLowerCase() === lower) continue;
    if (entry.key === 'mapRoles' && parsePrincipal(entry.arn)?.path.length && roleWithoutPath(entry.arn)?.toLowerCase() === lower) result.withPath ??= entry;
    else if (roleOfSession(entry.arn)?.toLowerCase() === lower) result.sessionArn ??= entry;
    else if (parts) {
      const why = nearMiss(parts, entry);
      if (why) result.nearMisses.push({ entry, why });
    }
  }
  for (const item of mappings.dropped) {
    const arn = droppedArn(item);
    if (!arn) continue;
    const a = arn.toLowerCase();
    if (a === lower || roleWithoutPath(arn)?.toLowerCase() === lower || roleOfSession(arn)?.toLowerCase() === lower) result.dropped.push(item);
  }
  for (const m of mappings.malformed) {
    const hit = namingLine(m, canonicalArn, parts);
    if (hit) result.malformedNaming.push({ malformed: m, ...hit });
  }
  return result;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The line of a malformed key that names the identity. The text may not parse, so this reads it as text: the
 * canonical ARN, the role with an IAM path or as a session ARN (case-insensitive), or for mapAccounts the account.
 */
function namingLine(m: MalformedKey, canonicalArn: string, parts: Principal | undefined): { line: number; text: string } | undefined {
  let pattern: RegExp;
  if (m.key === 'mapAccounts') {
    if (!parts) return undefined;
    pattern = new RegExp(`(^|[^0-9])${parts.account}([^0-9]|$)`);
  } else if (parts?.kind === 'role') {
    pattern = new RegExp(`arn:${escapeRegExp(parts.partition)}:(iam::${parts.account}:role/([^\\s"':]*/)?|sts::${parts.account}:assumed-role/)${escapeRegExp(parts.name)}(?![\\w+=,.@-])`, 'i');
  } else pattern = new RegExp(`${escapeRegExp(canonicalArn)}(?![\\w+=,.@/-])`, 'i');
  const lines = m.text.split('\n');
  const i = lines.findIndex((l) => pattern.test(l));
  return i < 0 ? undefined : { line: i + 1, text: lines[i]!.trim() };
}

/** Whether aws-auth maps the identity in any way the authenticator would honour. */
export function isMapped(a: MappingAnalysis): boolean {
  return Boolean(a.exact || a.account);
}

/** The access entry for the identity: principal ARNs of roles may carry a path (EKS resolves them by role ID). */
export function accessEntryFor(canonicalArn: string, entries: AccessEntryFacts[]): AccessEntryFacts | undefined {
  const lower = canonicalArn.toLowerCase();
  return entries.find((e) => e.principalArn.toLowerCase() === lower || roleWithoutPath(e.principalArn)?.toLowerCase() === lower);
}

/** Node roles (system:node:… / system:nodes) are not people: they do not count as someone with access. */
export function isNodeMapping(entry: AwsAuthEntry): boolean {
  return entry.username.startsWith('system:node:') || entry.groups.includes('system:nodes');
}

export function humanMappings(mappings: AwsAuthMappings): AwsAuthEntry[] {
  return entriesOf(mappings).filter((e) => !isNodeMapping(e));
}
