// Re-creating an access entry that EKS bound to a deleted earlier principal of the same ARN (a role or user deleted
// and re-created): DeleteAccessEntry, then CreateAccessEntry with the same username, Kubernetes groups and type, and
// AssociateAccessPolicy for every policy with its scope. The entry as it was is read first and kept as a backup;
// restore puts back whatever of it is missing (the binding to the deleted principal itself can never come back).
import {
  AssociateAccessPolicyCommand, CreateAccessEntryCommand, DeleteAccessEntryCommand, DescribeAccessEntryCommand, type EKSClient,
} from '@aws-sdk/client-eks';
import { createScanAwsClients } from '../clusters/aws-clients.js';
import { awsErrorOf } from '../clusters/errors.js';
import type { Env } from '../profiles/deps.js';
import { associatedPolicies, type AccessScope } from './access-entry-backup.js';
import { newBackupId } from './backup-id.js';
import { associatePolicyArgv, createAccessEntryArgv, deleteAccessEntryArgv } from './cli-commands.js';
import { commandLine } from '../../shared/shell-arg.js';
import { parsePrincipal } from '../../shared/arn.js';
import type { ClusterTarget, Writer } from './types.js';

/** An access entry as EKS lists it: what re-creating it must keep. */
export interface EntrySettings {
  principalArn: string;
  /** Absent: EKS's default for the principal (set again by default). */
  username?: string;
  kubernetesGroups: string[];
  type: string;
  policies: { policyArn: string; accessScope: AccessScope }[];
}

export interface RecreateBackup {
  version: 1;
  kind: 'access-entry-recreate';
  id: string;
  cluster: { name: string; region: string; arn: string };
  time: string;
  profile: string;
  /** The entry before the fix deleted it. */
  previous: EntrySettings;
}

export interface RecreateStep {
  title: string;
  command: string;
}

/** EKS's own username for an entry that was given none: the user ARN, or the role's session template. */
export function defaultUsernameOf(principalArn: string): string {
  const p = parsePrincipal(principalArn);
  return p?.kind === 'role' ? `arn:${p.partition}:sts::${p.account}:assumed-role/${p.name}/{{SessionName}}` : principalArn;
}

/** The commands that create the entry again as it was, then (first) the one that deletes it, as argument lists. */
export function recreateArgvSteps(cluster: Pick<ClusterTarget, 'name' | 'region'>, profile: string, s: EntrySettings, withDelete = true): Array<{ title: string; argv: string[] }> {
  const steps: Array<{ title: string; argv: string[] }> = [];
  if (withDelete) steps.push({ title: `Delete the access entry of ${s.principalArn} (it belongs to the deleted earlier principal)`, argv: deleteAccessEntryArgv(cluster, profile, s.principalArn) });
  const groups = s.kubernetesGroups.length ? `, groups ${s.kubernetesGroups.join(', ')}` : '';
  steps.push({
    title: `Create it again for the current ${/:role\//.test(s.principalArn) ? 'role' : 'user'}${s.username ? ` with username ${s.username}` : ''}${groups}`,
    argv: createAccessEntryArgv(cluster, profile, { principalArn: s.principalArn, ...(s.username ? { username: s.username } : {}), groups: s.kubernetesGroups, type: s.type }),
  });
  for (const p of s.policies) {
    steps.push({
      title: `Associate ${p.policyArn.split('/').pop()} again (${p.accessScope.type === 'cluster' ? 'whole cluster' : `namespaces ${(p.accessScope.namespaces ?? []).join(', ')}`})`,
      argv: associatePolicyArgv(cluster, profile, { principalArn: s.principalArn, policyArn: p.policyArn, scope: p.accessScope.type, ...(p.accessScope.namespaces?.length ? { namespaces: p.accessScope.namespaces } : {}) }),
    });
  }
  return steps;
}

/** The same steps with their command lines. */
export function recreateSteps(cluster: Pick<ClusterTarget, 'name' | 'region'>, profile: string, s: EntrySettings, withDelete = true): RecreateStep[] {
  return recreateArgvSteps(cluster, profile, s, withDelete).map((x) => ({ title: x.title, command: commandLine(x.argv) }));
}

/** The entry now, or undefined when there is none. */
export async function readEntry(eks: EKSClient, clusterName: string, principalArn: string): Promise<EntrySettings | undefined> {
  let entry;
  try {
    entry = (await eks.send(new DescribeAccessEntryCommand({ clusterName, principalArn }))).accessEntry;
  } catch (err) {
    if (awsErrorOf(err).code === 'ResourceNotFoundException') return undefined;
    throw err;
  }
  if (!entry) return undefined;
  const policies = (await associatedPolicies(eks, clusterName, principalArn)) ?? [];
  const username = entry.username && entry.username !== defaultUsernameOf(principalArn) ? entry.username : undefined;
  return {
    principalArn: entry.principalArn ?? principalArn,
    ...(username ? { username } : {}),
    kubernetesGroups: [...(entry.kubernetesGroups ?? [])].sort(),
    type: entry.type ?? 'STANDARD',
    policies: policies
      .filter((p) => p.policyArn)
      .map((p) => ({ policyArn: p.policyArn!, accessScope: { type: (p.accessScope?.type ?? 'cluster') as AccessScope['type'], ...(p.accessScope?.namespaces?.length ? { namespaces: [...p.accessScope.namespaces].sort() } : {}) } }))
      .sort((a, b) => a.policyArn.localeCompare(b.policyArn)),
  };
}

const same = (a: EntrySettings, b: EntrySettings) => JSON.stringify(a) === JSON.stringify(b);

async function createAsBefore(eks: EKSClient, clusterName: string, s: EntrySettings, from: EntrySettings | undefined, done: (title: string) => void): Promise<void> {
  if (!from) {
    await eks.send(new CreateAccessEntryCommand({ clusterName, principalArn: s.principalArn, ...(s.username ? { username: s.username } : {}), ...(s.kubernetesGroups.length ? { kubernetesGroups: s.kubernetesGroups } : {}), ...(s.type !== 'STANDARD' ? { type: s.type } : {}) }));
    done('entry created');
  }
  for (const p of s.policies) {
    if (from?.policies.some((q) => JSON.stringify(q) === JSON.stringify(p))) continue;
    await eks.send(new AssociateAccessPolicyCommand({ clusterName, principalArn: s.principalArn, policyArn: p.policyArn, accessScope: p.accessScope }));
    done(`${p.policyArn.split('/').pop()} associated`);
  }
}

export interface RecreateResult {
  ok: boolean;
  steps: { title: string; ok: boolean; message: string }[];
  problems: string[];
  backupId?: string;
}

/**
 * Deletes and re-creates the entry, when it is still as previewed (`expected`); refuses when it changed since.
 * The backup is saved before anything is deleted.
 */
export async function applyRecreate(
  cluster: ClusterTarget,
  writer: Writer,
  expected: EntrySettings,
  deps: { env: Env; backups?: { save(b: RecreateBackup): Promise<unknown> }; now?: () => Date },
): Promise<RecreateResult> {
  const aws = createScanAwsClients(deps.env, { maxAttempts: 4 });
  const eks = aws.eks(cluster.region, writer.credentials);
  const titles = recreateSteps(cluster, writer.profile, expected).map((s) => s.title);
  const steps: RecreateResult['steps'] = [];
  try {
    const now = await readEntry(eks, cluster.name, expected.principalArn);
    if (!now || !same(now, expected)) {
      return { ok: false, steps, problems: [`the access entry of ${expected.principalArn} changed since the preview${now ? '' : ' (it no longer exists)'}; nothing was changed — run the diagnosis again`] };
    }
    const at = (deps.now ?? (() => new Date()))();
    const backup: RecreateBackup = { version: 1, kind: 'access-entry-recreate', id: newBackupId(cluster, at), cluster: { name: cluster.name, region: cluster.region, arn: cluster.arn }, time: at.toISOString(), profile: writer.profile, previous: expected };
    await deps.backups?.save(backup);
    const backupId = deps.backups ? backup.id : undefined;
    let i = 0;
    const done = (message: string) => steps.push({ title: titles[i++] ?? message, ok: true, message });
    try {
      await eks.send(new DeleteAccessEntryCommand({ clusterName: cluster.name, principalArn: expected.principalArn }));
      done('entry deleted');
      await createAsBefore(eks, cluster.name, expected, undefined, done);
    } catch (err) {
      const e = awsErrorOf(err);
      const message = `${e.code}: ${e.message}`;
      steps.push({ title: titles[i] ?? 'step', ok: false, message });
      return { ok: false, steps, problems: [`${message} — restore --backup ${backup.id} puts back what is missing`], ...(backupId ? { backupId } : {}) };
    }
    return { ok: true, steps, problems: [], ...(backupId ? { backupId } : {}) };
  } finally {
    aws.destroy();
  }
}

export interface RecreateRestorePlan {
  steps: RecreateStep[];
  notes: string[];
  problems: string[];
}

const NOTE = 'the tie to the deleted earlier principal cannot come back (it no longer exists); restore puts back only settings of the entry that are missing';

export function planRecreateRestore(b: RecreateBackup, now: EntrySettings | undefined): RecreateRestorePlan {
  const where = { name: b.cluster.name, region: b.cluster.region };
  const before = b.previous;
  if (!now) return { steps: recreateSteps(where, b.profile, before, false), notes: [NOTE], problems: [] };
  const settingsDiffer = now.username !== before.username || now.type !== before.type || now.kubernetesGroups.join(',') !== before.kubernetesGroups.join(',');
  const extra = now.policies.filter((p) => !before.policies.some((q) => JSON.stringify(q) === JSON.stringify(p)));
  if (settingsDiffer || extra.length) {
    return { steps: [], notes: [NOTE], problems: [`the access entry of ${before.principalArn} was changed since the fix (${settingsDiffer ? 'its username, type or groups' : `it now also holds ${extra.map((p) => p.policyArn.split('/').pop()).join(', ')}`}); restoring would undo that too — to set it as before by hand: ${recreateSteps(where, b.profile, before).map((s) => s.command).join(' && ')}`] };
  }
  const missing = before.policies.filter((p) => !now.policies.some((q) => JSON.stringify(q) === JSON.stringify(p)));
  if (!missing.length) return { steps: [], notes: [NOTE], problems: [`the access entry of ${before.principalArn} holds the same username, groups and policies as before the fix; there is nothing to restore`] };
  return { steps: recreateSteps(where, b.profile, { ...before, policies: missing }, false).slice(1), notes: [NOTE], problems: [] };
}

export async function previewRecreateRestore(b: RecreateBackup, writer: Writer, env: Env): Promise<RecreateRestorePlan> {
  const aws = createScanAwsClients(env, { maxAttempts: 3 });
  try {
    return planRecreateRestore(b, await readEntry(aws.eks(b.cluster.region, writer.credentials), b.cluster.name, b.previous.principalArn));
  } finally {
    aws.destroy();
  }
}

export async function restoreRecreate(b: RecreateBackup, writer: Writer, env: Env): Promise<RecreateRestorePlan & { ok: boolean }> {
  const aws = createScanAwsClients(env, { maxAttempts: 3 });
  try {
    const eks = aws.eks(b.cluster.region, writer.credentials);
    const now = await readEntry(eks, b.cluster.name, b.previous.principalArn);
    const plan = planRecreateRestore(b, now);
    if (plan.problems.length) return { ...plan, ok: false };
    await createAsBefore(eks, b.cluster.name, b.previous, now, () => undefined);
    return { ...plan, ok: true };
  } finally {
    aws.destroy();
  }
}
