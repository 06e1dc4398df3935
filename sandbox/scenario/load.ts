// Reads and validates a scenario file. Every problem becomes one ScenarioError naming the file,
// the field path (clusters[2].authenticationMode), its line when known, and what was expected.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import type { z } from 'zod';
import { scenarioSchema, type Scenario } from './schema.js';

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly fieldPath: string,
    readonly expected: string,
    readonly line?: number,
  ) {
    const where = line ? `${file}:${line}` : file;
    super(`${where}: ${fieldPath ? `${fieldPath}: ` : ''}${expected}`);
    this.name = 'ScenarioError';
  }
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export function loadScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ScenarioError(file, '', `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return parseScenario(text, file);
}

export function parseScenario(text: string, file = '<scenario>'): Scenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line;
    throw new ScenarioError(file, '', `not valid YAML: ${e.message.split('\n')[0]}`, line);
  }
  const raw: unknown = doc.toJS();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ScenarioError(file, '', 'expected a YAML mapping with at least name and accounts');
  }
  const result = scenarioSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    // An unknown field's line is the line of that key, not of the object holding it.
    const linePath = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    const line = lineOf(doc.contents as Node | null, linePath, lineCounter);
    throw new ScenarioError(file, formatPath(issue.path), describeIssue(issue, raw), line);
  }
  const scenario = result.data;
  const crossRefProblem = checkReferences(scenario);
  if (crossRefProblem) {
    const [path, message] = crossRefProblem;
    throw new ScenarioError(file, formatPath(path), message, lineOf(doc.contents as Node | null, path, lineCounter));
  }
  return scenario;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const got = valueAt(raw, issue.path);
  const gotText = got === undefined ? 'nothing' : JSON.stringify(got)?.slice(0, 60);
  switch (issue.code) {
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => String(v)).join(' | ')} (got ${gotText})`;
    case 'invalid_type':
      return got === undefined ? `required: expected ${issue.expected}` : `expected ${issue.expected} (got ${gotText})`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_format':
      return `expected ${issue.message.replace(/^Invalid (string: must match pattern .*)?/, '') || issue.format} (got ${gotText})`;
    default:
      return `${issue.message} (got ${gotText})`;
  }
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function lineOf(node: Node | null, path: ReadonlyArray<PropertyKey>, counter: LineCounter): number | undefined {
  let cur: Node | null = node;
  let best = cur?.range ? counter.linePos(cur.range[0]).line : undefined;
  for (const key of path) {
    if (isMap(cur)) {
      const pair = cur.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      const keyNode = pair.key as Node;
      if (keyNode?.range) best = counter.linePos(keyNode.range[0]).line;
      cur = (pair.value as Node) ?? null;
    } else if (isSeq(cur) && typeof key === 'number') {
      cur = (cur.items[key] as Node) ?? null;
      if (cur?.range) best = counter.linePos(cur.range[0]).line;
    } else break;
  }
  return best;
}

/** References between sections: users, profiles, accounts and clusters named elsewhere must exist. */
function checkReferences(s: Scenario): [Array<string | number>, string] | undefined {
  const accountIds = new Set(s.accounts.map((a) => a.id));
  const seenAccounts = new Set<string>();
  for (const [i, a] of s.accounts.entries()) {
    if (seenAccounts.has(a.id)) return [['accounts', i, 'id'], `account ${a.id} is declared twice`];
    seenAccounts.add(a.id);
    const names = new Set<string>();
    for (const [j, u] of a.users.entries()) {
      if (names.has(u.name.toLowerCase())) return [['accounts', i, 'users', j, 'name'], `user ${u.name} is declared twice`];
      names.add(u.name.toLowerCase());
    }
    const roles = new Set<string>();
    for (const [j, r] of a.roles.entries()) {
      if (roles.has(r.name.toLowerCase())) return [['accounts', i, 'roles', j, 'name'], `role ${r.name} is declared twice`];
      roles.add(r.name.toLowerCase());
    }
  }
  const profileNames = new Set(s.profiles.map((p) => p.name));
  for (const [i, p] of s.profiles.entries()) {
    if (p.user) {
      const owners = s.accounts.filter((a) => (!p.account || a.id === p.account) && a.users.some((u) => u.name === p.user));
      if (owners.length === 0) return [['profiles', i, 'user'], `no user named ${p.user} in any account`];
      if (owners.length > 1) return [['profiles', i, 'account'], `user ${p.user} exists in several accounts: name the account`];
    }
    if (p.roleArn && !p.sourceProfile) return [['profiles', i, 'sourceProfile'], 'required with roleArn: the profile whose credentials assume the role'];
    if (p.sourceProfile && !profileNames.has(p.sourceProfile)) return [['profiles', i, 'sourceProfile'], `no profile named ${p.sourceProfile}`];
    if (p.sso && !accountIds.has(p.sso.accountId)) return [['profiles', i, 'sso', 'accountId'], `account ${p.sso.accountId} is not declared under accounts`];
    if (p.credentialProcess && !p.user) return [['profiles', i, 'user'], 'required with credentialProcess: whose keys the helper prints'];
    const sessionOf = p.sessionCredentials?.user ?? p.sessionCredentials?.roleArn;
    if (sessionOf && !s.accounts.some((a) => a.users.some((u) => u.name === sessionOf) || a.roles.some((r) => `arn:aws:iam::${a.id}:role${r.path}${r.name}` === sessionOf))) {
      return [['profiles', i, 'sessionCredentials'], `no user or role ${sessionOf} in any account`];
    }
  }
  for (const [i, a] of (s.identityCenter?.assignments ?? []).entries()) {
    if (!accountIds.has(a.account)) return [['identityCenter', 'assignments', i, 'account'], `account ${a.account} is not declared under accounts`];
  }
  const clusterKeys = new Set<string>();
  for (const [i, c] of s.clusters.entries()) {
    if (!accountIds.has(c.account)) return [['clusters', i, 'account'], `account ${c.account} is not declared under accounts`];
    const key = `${c.account}/${c.region}/${c.name}`;
    if (clusterKeys.has(key)) return [['clusters', i, 'name'], `cluster ${c.name} is declared twice in ${c.account} ${c.region}`];
    clusterKeys.add(key);
    if (c.authenticationMode === 'CONFIG_MAP' && !c.bootstrapClusterCreatorAdminPermissions) {
      return [['clusters', i, 'bootstrapClusterCreatorAdminPermissions'], 'false is invalid with authenticationMode CONFIG_MAP'];
    }
  }
  const clusterNames = new Set(s.clusters.map((c) => c.name));
  for (const [i, k] of s.kubeconfig.entries()) {
    if (!clusterNames.has(k.cluster)) return [['kubeconfig', i, 'cluster'], `no cluster named ${k.cluster}`];
    // A kubeconfig may name a profile this machine does not have (a context copied from a colleague).
  }
  for (const [i, e] of s.expect.entries()) {
    if (!clusterNames.has(e.cluster)) return [['expect', i, 'cluster'], `no cluster named ${e.cluster}`];
    if (e.profile && !profileNames.has(e.profile)) return [['expect', i, 'profile'], `no profile named ${e.profile}`];
    if (!e.profile && !s.kubeconfig.some((k) => k.cluster === e.cluster)) return [['expect', i, 'profile'], `required: the kubeconfig has no entry for ${e.cluster}`];
  }
  if (s.currentContext && !clusterNames.has(s.currentContext)) return [['currentContext'], `no cluster named ${s.currentContext}`];
  return undefined;
}
