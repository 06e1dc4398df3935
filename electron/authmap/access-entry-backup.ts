// The backup of an access-entry grant and its restore. What the grant changed is known exactly — whether it
// created the entry, and the policy's scope before (none, or another) — so restore takes back only that: it
// deletes an entry the grant created, else disassociates the policy or puts its earlier scope back. It refuses,
// saying what can be done by hand, when the entry changed since in a way that restore would also undo.
import {
  AssociateAccessPolicyCommand, DeleteAccessEntryCommand, DisassociateAccessPolicyCommand, ListAssociatedAccessPoliciesCommand, type EKSClient,
} from '@aws-sdk/client-eks';
import { createScanAwsClients } from '../clusters/aws-clients.js';
import { awsErrorOf } from '../clusters/errors.js';
import type { Env } from '../profiles/deps.js';
import { associatePolicyCommand, deleteAccessEntryCommand, disassociatePolicyCommand } from './cli-commands.js';
import type { Writer } from './types.js';

export interface AccessScope {
  type: 'cluster' | 'namespace';
  namespaces?: string[];
}

export interface AccessEntryBackup {
  version: 1;
  kind: 'access-entry';
  id: string;
  cluster: { name: string; region: string; arn: string };
  time: string;
  /** The profile that made the grant (and makes the restore). */
  profile: string;
  principalArn: string;
  /** True when the grant created the entry (restore deletes it); false when it existed already. */
  createdEntry: boolean;
  policyArn: string;
  /** The policy's scope before the grant; null when it was not associated. */
  previousScope: AccessScope | null;
  writtenScope: AccessScope;
  /** The grant switched the cluster to API_AND_CONFIG_MAP: EKS allows no way back. */
  modeSwitched: boolean;
}

export interface AccessEntryRestorePlan {
  /** What restore does, in words, with the equivalent command. */
  steps: { title: string; command: string }[];
  notes: string[];
  /** Non-empty: restore is refused; each line says why and what can be done instead. */
  problems: string[];
}

type Associated = { policyArn?: string; accessScope?: { type?: string; namespaces?: string[] } };

const sameScope = (a: AccessScope | undefined, b: AccessScope) =>
  a?.type === b.type && [...(a.namespaces ?? [])].sort().join(',') === [...(b.namespaces ?? [])].sort().join(',');

const scopeText = (s: AccessScope) => (s.type === 'cluster' ? 'the whole cluster' : `namespaces ${(s.namespaces ?? []).join(', ')}`);

/** The policies associated with the principal's entry now; undefined when the entry does not exist. */
export async function associatedPolicies(eks: EKSClient, clusterName: string, principalArn: string): Promise<Associated[] | undefined> {
  const out: Associated[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await eks.send(new ListAssociatedAccessPoliciesCommand({ clusterName, principalArn, ...(nextToken ? { nextToken } : {}) }));
      out.push(...(page.associatedAccessPolicies ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (err) {
    if (awsErrorOf(err).code === 'ResourceNotFoundException') return undefined;
    throw err;
  }
  return out;
}

function planRestore(b: AccessEntryBackup, now: Associated[] | undefined): AccessEntryRestorePlan {
  const where = { name: b.cluster.name, region: b.cluster.region };
  const policy = b.policyArn.split('/').pop();
  const notes = b.modeSwitched ? ['the grant also switched the cluster to API_AND_CONFIG_MAP; EKS has no way back, so that stays'] : [];
  if (!now) return { steps: [], notes, problems: [`the access entry of ${b.principalArn} no longer exists on ${b.cluster.name}; there is nothing left to restore`] };
  const ours = now.find((p) => p.policyArn === b.policyArn);
  const byHand = (cmd: string) => `if you still want it undone, run by hand: ${cmd}`;
  if (!ours) {
    if (!b.createdEntry) return { steps: [], notes, problems: [`${policy} is no longer associated with ${b.principalArn}; the grant is already undone`] };
    const others = now.map((p) => p.policyArn?.split('/').pop()).join(', ');
    return { steps: [], notes, problems: [`${policy} was disassociated since the grant${others ? `, and the entry now holds ${others}` : ''}; deleting the entry would remove what was set since — ${byHand(deleteAccessEntryCommand(where, b.profile, b.principalArn))}`] };
  }
  if (!sameScope(ours.accessScope as AccessScope | undefined, b.writtenScope)) {
    return { steps: [], notes, problems: [`${policy} of ${b.principalArn} was changed since the grant (its scope is no longer ${scopeText(b.writtenScope)}); restoring would undo that change too — review it, and ${byHand(disassociatePolicyCommand(where, b.profile, { principalArn: b.principalArn, policyArn: b.policyArn }))}`] };
  }
  if (b.createdEntry) {
    const added = now.filter((p) => p.policyArn !== b.policyArn).map((p) => p.policyArn?.split('/').pop());
    if (added.length) {
      return { steps: [], notes, problems: [`the entry of ${b.principalArn} now also holds ${added.join(', ')}, added since the grant; deleting the entry would remove them too — to take back only this grant, run by hand: ${disassociatePolicyCommand(where, b.profile, { principalArn: b.principalArn, policyArn: b.policyArn })}`] };
    }
    return { steps: [{ title: `Delete the access entry of ${b.principalArn} (the grant created it)`, command: deleteAccessEntryCommand(where, b.profile, b.principalArn) }], notes, problems: [] };
  }
  if (!b.previousScope) {
    return { steps: [{ title: `Disassociate ${policy} from ${b.principalArn} (the entry stays, as it was before the grant)`, command: disassociatePolicyCommand(where, b.profile, { principalArn: b.principalArn, policyArn: b.policyArn }) }], notes, problems: [] };
  }
  const command = associatePolicyCommand(where, b.profile, { principalArn: b.principalArn, policyArn: b.policyArn, scope: b.previousScope.type, ...(b.previousScope.namespaces ? { namespaces: b.previousScope.namespaces } : {}) });
  return { steps: [{ title: `Put ${policy} back to ${scopeText(b.previousScope)}, its scope before the grant`, command }], notes, problems: [] };
}

/** What restore would do now (reads the entry; changes nothing). */
export async function previewAccessEntryRestore(b: AccessEntryBackup, writer: Writer, env: Env): Promise<AccessEntryRestorePlan> {
  const aws = createScanAwsClients(env, { maxAttempts: 3 });
  try {
    return planRestore(b, await associatedPolicies(aws.eks(b.cluster.region, writer.credentials), b.cluster.name, b.principalArn));
  } finally {
    aws.destroy();
  }
}

export async function restoreAccessEntry(b: AccessEntryBackup, writer: Writer, env: Env): Promise<AccessEntryRestorePlan & { ok: boolean }> {
  const aws = createScanAwsClients(env, { maxAttempts: 3 });
  try {
    const eks = aws.eks(b.cluster.region, writer.credentials);
    const plan = planRestore(b, await associatedPolicies(eks, b.cluster.name, b.principalArn));
    if (plan.problems.length) return { ...plan, ok: false };
    const key = { clusterName: b.cluster.name, principalArn: b.principalArn };
    if (b.createdEntry) await eks.send(new DeleteAccessEntryCommand(key));
    else if (!b.previousScope) await eks.send(new DisassociateAccessPolicyCommand({ ...key, policyArn: b.policyArn }));
    else await eks.send(new AssociateAccessPolicyCommand({ ...key, policyArn: b.policyArn, accessScope: b.previousScope }));
    return { ...plan, ok: true };
  } finally {
    aws.destroy();
  }
}
