// Plans one aws-auth grant: reads kube-system/aws-auth with the writer's credentials, computes the edit (add like
// `eksctl create iamidentitymapping --no-duplicate-arns`, or fix an entry in place), and shows the diff, the
// notes (path/session removed and why), the warnings, the malformed items, and what the guard would refuse.
// Nothing is written here.
import { stringify } from 'yaml';
import { normaliseForAwsAuth } from './arn.js';
import { applyAwsAuthEdit, type AwsAuthEdit, type InvalidItemsChoice } from './aws-auth-edit.js';
import { isSkippable, readAwsAuth, type AnyAwsAuthKey, type BadItem } from './aws-auth-read.js';
import { salvageKey, type LostItem } from './aws-auth-salvage.js';
import { findFixCandidates, type FixCandidate } from './candidates.js';
import { awsAuthCommands } from './cli-commands.js';
import { dataDiff } from './diff.js';
import { guardAwsAuthChange } from './guard.js';
import { createAwsAuthClient, kubeErrorOf, type AwsAuthClient } from './kube-client.js';
import type { Env } from '../profiles/deps.js';
import type { AwsAuthKey, ClusterTarget, Writer } from './types.js';
import { identifyWriter, type WriterIdentity } from './writer-identity.js';

export interface AwsAuthGrantRequest {
  /** The identity that needs access, as its profile's STS GetCallerIdentity reports it (session ARNs welcome). */
  identityArn: string;
  /** Default: `<role>:{{SessionName}}` for roles, the user's name for users. */
  username?: string;
  groups: string[];
  /** Fix this existing entry in place (pick from a plan's `candidates`). */
  fixEntry?: { key: AwsAuthKey; index: number; arn: string };
  /** Consent to drop or repair malformed items (default 'keep': they are reported and the write is refused). */
  invalidItems?: InvalidItemsChoice;
}

export interface AwsAuthPlan {
  kind: 'aws-auth';
  cluster: { name: string; region: string; arn: string; authenticationMode: string };
  writerProfile: string;
  writer: Pick<WriterIdentity, 'arn' | 'canonicalArn' | 'username' | 'source'>;
  /** aws-auth as read: absent (it will be created) or its resourceVersion. */
  exists: boolean;
  resourceVersion?: string;
  target: { identityArn: string; arn: string; key: AwsAuthKey; username: string; groups: string[] };
  change: 'added' | 'fixed' | 'created' | 'none';
  /** True when nothing needs writing (the identical mapping is there). */
  noop: boolean;
  notes: string[];
  warnings: string[];
  badItems: BadItem[];
  /** Keys the authenticator ignores as a whole (nothing in them maps anyone until they are repaired). */
  malformedKeys: { key: AnyAwsAuthKey; reason: string; line?: number; column?: number }[];
  /** Items of the target's key that cannot be read at all: a repair takes them out (the target's own is mapped again). */
  lostItems: LostItem[];
  candidates: FixCandidate[];
  /** Non-empty: apply refuses. */
  problems: string[];
  /** Internal: the one of the problems that only the consent to repair malformed items lifts. */
  repairConsentProblem?: string;
  /** Unified diff of the data strings. */
  diff: string;
  dataYamlBefore: string;
  dataYamlAfter: string;
  commands: string[];
  /** Internal: what apply re-applies after a 409 and what it checks against. */
  edit: AwsAuthEdit;
  before: Record<string, string>;
  after: Record<string, string>;
}

export interface AwsAuthDeps {
  env: Env;
  /** Made from the writer's credentials when absent (tests may pass one with a hook). */
  client?: AwsAuthClient;
}

const MASTERS_WARNING =
  'system:masters gives unrestricted admin rights that no RBAC rule can take back. Prefer a narrower group bound by a (Cluster)RoleBinding, or an access entry with an access policy (AmazonEKSEditPolicy / AmazonEKSViewPolicy).';

export async function planAwsAuthGrant(cluster: ClusterTarget, writer: Writer, req: AwsAuthGrantRequest, deps: AwsAuthDeps): Promise<AwsAuthPlan> {
  const client = deps.client ?? (await createAwsAuthClient(cluster, writer, deps.env));
  let read: Awaited<ReturnType<AwsAuthClient['read']>>;
  let content: ReturnType<typeof readAwsAuth>;
  let who: WriterIdentity;
  try {
    read = await client.read();
    content = readAwsAuth(read.data);
    who = await identifyWriter(client, content, cluster.authenticationMode);
  } catch (err) {
    throw writerFailure(writer.profile, cluster.name, err);
  }
  const principal = normaliseForAwsAuth(req.identityArn);
  const key: AwsAuthKey = principal.kind === 'role' ? 'mapRoles' : 'mapUsers';
  const fixed = req.fixEntry ? content.items.find((i) => i.key === req.fixEntry!.key && i.arn === req.fixEntry!.arn) : undefined;
  // A malformed entry for this ARN that the user lets us repair keeps its username.
  const badSame = content.bad.find((b) => b.key === key && typeof (b.raw as Record<string, unknown> | null)?.[key === 'mapRoles' ? 'rolearn' : 'userarn'] === 'string' && String((b.raw as Record<string, unknown>)[key === 'mapRoles' ? 'rolearn' : 'userarn']).toLowerCase() === principal.arn.toLowerCase());
  const salvage = read.data[key] !== undefined && !isSkippable(read.data[key]) ? salvageKey(key, read.data[key]!) : undefined;
  const lostItems = salvage?.ok ? salvage.lost : [];
  const lostSame = lostItems.find((l) => l.arn?.toLowerCase() === principal.arn.toLowerCase());
  const badUsername =
    req.invalidItems === 'repair'
      ? typeof (badSame?.raw as Record<string, unknown> | undefined)?.username === 'string'
        ? String((badSame!.raw as Record<string, unknown>).username)
        : lostSame?.username
      : undefined;
  const username = req.username ?? (fixed?.username ? fixed.username : badUsername ? badUsername : principal.kind === 'role' ? `${principal.name}:{{SessionName}}` : principal.name);
  const groups = req.groups;
  const notes = [...principal.notes];
  const warnings: string[] = [];
  const problems: string[] = [];
  if (groups.includes('system:masters')) warnings.push(MASTERS_WARNING);
  if (groups.length === 0) warnings.push('No groups: the identity will be signed in but may do nothing until RBAC binds its username.');
  if (cluster.authenticationMode === 'API') problems.push('The cluster\'s authentication mode is API: aws-auth is ignored. Grant access with an access entry instead.');
  if (req.fixEntry && req.fixEntry.key !== key) problems.push(`the entry to fix is in ${req.fixEntry.key}, but a ${principal.kind} is mapped in ${key}`);
  if (req.fixEntry && !fixed) problems.push(`aws-auth has no valid entry ${req.fixEntry.key} ${req.fixEntry.arn} to fix`);

  const edit: AwsAuthEdit = {
    key,
    arn: principal.arn,
    username,
    groups,
    ...(req.fixEntry ? { replace: { index: req.fixEntry.index, arn: req.fixEntry.arn } } : {}),
    invalidItems: req.invalidItems ?? 'keep',
  };
  const candidates = findFixCandidates(content, key, principal.arn).filter((c) => !(req.fixEntry && c.arn === req.fixEntry.arn));
  if (!req.fixEntry && candidates.length > 0) {
    warnings.push(`aws-auth already has ${candidates.length === 1 ? 'an entry that looks' : 'entries that look'} like a wrong mapping of this identity (${candidates.map((c) => `${c.key}[${c.index}] ${c.arn}: ${c.explanation}`).join('; ')}). Choose it as the entry to fix, to change it in place rather than add a duplicate.`);
  }
  for (const m of content.malformed) notes.push(`aws-auth ${m.key} is ignored as a whole by the authenticator (${m.reason}): none of its entries maps anyone until it is repaired`);
  for (const b of content.bad) if (!content.malformed.some((m) => m.key === b.key)) notes.push(`aws-auth item ${b.key}[${b.index}] is dropped by the authenticator: ${b.reason}`);

  const result = applyAwsAuthEdit(read.data, edit);
  let after = read.data;
  let change: AwsAuthPlan['change'] = 'none';
  const repairConsentProblem = !result.ok && result.needsRepairConsent ? result.reason : undefined;
  if (!result.ok) problems.push(result.reason);
  else {
    after = result.data;
    change = !read.object && result.change !== 'none' ? 'created' : result.change;
    notes.push(...result.notes);
  }
  const noop = result.ok && result.change === 'none' && result.notes.length === 0;
  if (result.ok && !noop) {
    problems.push(
      ...guardAwsAuthChange(read.data, after, {
        writer: { arn: who.canonicalArn, viaAwsAuth: who.source === 'aws-auth' },
        target: { arn: principal.arn, username, groups },
        invalidItemsConsent: (req.invalidItems ?? 'keep') !== 'keep',
      }),
    );
  }
  return {
    kind: 'aws-auth',
    cluster: { name: cluster.name, region: cluster.region, arn: cluster.arn, authenticationMode: cluster.authenticationMode },
    writerProfile: writer.profile,
    writer: { arn: who.arn, canonicalArn: who.canonicalArn, ...(who.username ? { username: who.username } : {}), source: who.source },
    exists: Boolean(read.object),
    ...(read.resourceVersion ? { resourceVersion: read.resourceVersion } : {}),
    target: { identityArn: req.identityArn, arn: principal.arn, key, username, groups },
    change,
    noop,
    notes,
    warnings,
    badItems: content.bad,
    malformedKeys: content.malformed.map(({ key: k, reason, line, column }) => ({ key: k, reason, ...(line ? { line } : {}), ...(column ? { column } : {}) })),
    lostItems,
    candidates,
    problems,
    ...(repairConsentProblem ? { repairConsentProblem } : {}),
    diff: dataDiff(read.data, after),
    dataYamlBefore: stringify(read.data),
    dataYamlAfter: stringify(after),
    commands: awsAuthCommands(cluster, writer.profile, { arn: principal.arn, username, groups, ...(req.fixEntry ? { replacing: req.fixEntry.arn } : {}) }, { before: read.data, after, exists: Boolean(read.object), ...(read.resourceVersion ? { resourceVersion: read.resourceVersion } : {}) }),
    edit,
    before: read.data,
    after,
  };
}

/** Why the writer could not even read aws-auth, in words that say what to do. */
export class WriterCannotReadError extends Error {
  constructor(readonly status: number | undefined, message: string) {
    super(message);
    this.name = 'WriterCannotReadError';
  }
}

function writerFailure(profile: string, clusterName: string, err: unknown): WriterCannotReadError {
  const e = kubeErrorOf(err);
  if (e.status === 401) return new WriterCannotReadError(401, `profile "${profile}" cannot sign in to ${clusterName} (401 Unauthorized): choose an admin profile that reaches the cluster`);
  if (e.status === 403) return new WriterCannotReadError(403, `profile "${profile}" may not read kube-system/aws-auth on ${clusterName} (403 Forbidden): choose an admin profile`);
  return new WriterCannotReadError(e.status, `reading aws-auth on ${clusterName} as "${profile}" failed: ${e.message}`);
}
