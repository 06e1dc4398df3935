// Runs an access-entry plan with the writer's credentials — exactly its steps: the mode switch (waited for),
// CreateAccessEntry when planned, AssociateAccessPolicy. An entry made after the preview stops the grant; one whose
// existence the preview could not check (409 ResourceInUse) is used as it is. Before the policy changes,
// a backup records what the grant changed (entry created or not, the policy's earlier scope), for restore.
import { AssociateAccessPolicyCommand, CreateAccessEntryCommand, DescribeAccessEntryCommand, DescribeClusterCommand, UpdateClusterConfigCommand, type EKSClient } from '@aws-sdk/client-eks';
import { createScanAwsClients } from '../clusters/aws-clients.js';
import { awsErrorOf } from '../clusters/errors.js';
import type { Env } from '../profiles/deps.js';
import { associatedPolicies, type AccessEntryBackup, type AccessScope } from './access-entry-backup.js';
import type { AccessEntryPlan, AccessEntryStepId } from './access-entry-plan.js';
import { newBackupId } from './backup-id.js';
import type { ClusterTarget, Writer } from './types.js';

export interface AccessEntryStepResult {
  id: AccessEntryStepId;
  ok: boolean;
  message: string;
}

export interface AccessEntryApplyResult {
  ok: boolean;
  steps: AccessEntryStepResult[];
  problems: string[];
  /** The backup `restore --backup ID` takes (set once the grant changed something). */
  backupId?: string;
}

export interface AccessEntryDeps {
  env: Env;
  /** Waiting for the mode switch: polls of DescribeCluster and the pause between them. */
  modePolls?: number;
  pollMs?: number;
  /** Where the grant's backup goes (the app's BackupStore). */
  backups?: { save(b: AccessEntryBackup): Promise<unknown>; remove(id: string): Promise<void> };
  now?: () => Date;
}

async function waitForMode(eks: EKSClient, name: string, polls: number, pollMs: number): Promise<boolean> {
  for (let i = 0; i < polls; i++) {
    const out = await eks.send(new DescribeClusterCommand({ name }));
    if (out.cluster?.accessConfig?.authenticationMode !== 'CONFIG_MAP') return true;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return false;
}

export async function applyAccessEntryPlan(plan: AccessEntryPlan, cluster: ClusterTarget, writer: Writer, deps: AccessEntryDeps): Promise<AccessEntryApplyResult> {
  if (plan.problems.length > 0) return { ok: false, steps: [], problems: plan.problems };
  const aws = createScanAwsClients(deps.env, { maxAttempts: 4 });
  const eks = aws.eks(cluster.region, writer.credentials);
  const steps: AccessEntryStepResult[] = [];
  const fail = (id: AccessEntryStepId, err: unknown, hint = ''): AccessEntryApplyResult => {
    const e = awsErrorOf(err);
    const message = `${e.code}: ${e.message}${hint}`;
    steps.push({ id, ok: false, message });
    return { ok: false, steps, problems: [message] };
  };
  try {
    let modeSwitched = false;
    if (plan.steps.some((s) => s.id === 'update-mode')) {
      try {
        await eks.send(new UpdateClusterConfigCommand({ name: cluster.name, accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' } }));
      } catch (err) {
        return fail('update-mode', err);
      }
      if (!(await waitForMode(eks, cluster.name, deps.modePolls ?? 60, deps.pollMs ?? 5000))) {
        steps.push({ id: 'update-mode', ok: false, message: 'the switch was accepted but is not done yet; try the next steps again later' });
        return { ok: false, steps, problems: ['authentication mode switch still in progress'] };
      }
      modeSwitched = true;
      steps.push({ id: 'update-mode', ok: true, message: 'authentication mode is now API_AND_CONFIG_MAP' });
    }
    let createdEntry = false;
    if (plan.steps.some((s) => s.id === 'create-entry')) {
      try {
        await eks.send(
          new CreateAccessEntryCommand({
            clusterName: cluster.name,
            principalArn: plan.principalArn,
            ...(plan.username ? { username: plan.username } : {}),
            ...(plan.groups ? { kubernetesGroups: plan.groups } : {}),
          }),
        );
        createdEntry = true;
        steps.push({ id: 'create-entry', ok: true, message: `access entry created for ${plan.principalArn}` });
      } catch (err) {
        const e = awsErrorOf(err);
        if (e.code === 'ResourceInUseException' && plan.entryExists === false) {
          return fail('create-entry', err, ' — an access entry for it was created after the preview; make a new preview');
        } else if (e.code === 'ResourceInUseException') {
          steps.push({ id: 'create-entry', ok: true, message: `an access entry for ${plan.principalArn} exists already; the policy is associated with it` });
        } else {
          const hint =
            e.code === 'InvalidParameterException' && plan.pathUnknown
              ? ` — the role ARN was derived from a session ARN, which shows no IAM path. If the role has a path, its full ARN (arn:…:role/<path>/<name>, from the IAM console or \`aws iam get-role\`) is needed.`
              : '';
          return fail('create-entry', err, hint);
        }
      }
    }
    let backupId: string | undefined;
    try {
      backupId = await saveBackup(eks, plan, cluster, writer, deps, { createdEntry, modeSwitched });
    } catch (err) {
      return fail('associate-policy', err, ' — the policy was not associated, because what it would replace could not be backed up');
    }
    try {
      await eks.send(new AssociateAccessPolicyCommand({ clusterName: cluster.name, principalArn: plan.principalArn, policyArn: plan.policyArn, accessScope: plan.accessScope }));
      steps.push({ id: 'associate-policy', ok: true, message: `${plan.policyArn.split('/').pop()} associated (${plan.accessScope.type} scope)` });
    } catch (err) {
      // Nothing changed unless the entry was created here; the backup then still undoes that.
      if (backupId && !createdEntry && !modeSwitched) await deps.backups?.remove(backupId).catch(() => undefined);
      return { ...fail('associate-policy', err), ...(backupId && (createdEntry || modeSwitched) ? { backupId } : {}) };
    }
    return { ok: true, steps, problems: [], ...(backupId ? { backupId } : {}) };
  } finally {
    aws.destroy();
  }
}

async function saveBackup(
  eks: EKSClient,
  plan: AccessEntryPlan,
  cluster: ClusterTarget,
  writer: Writer,
  deps: AccessEntryDeps,
  done: { createdEntry: boolean; modeSwitched: boolean },
): Promise<string | undefined> {
  if (!deps.backups) return undefined;
  let previousScope: AccessScope | null = null;
  if (!done.createdEntry) {
    const before = (await associatedPolicies(eks, cluster.name, plan.principalArn))?.find((p) => p.policyArn === plan.policyArn);
    if (before?.accessScope?.type) previousScope = { type: before.accessScope.type as AccessScope['type'], ...(before.accessScope.namespaces?.length ? { namespaces: before.accessScope.namespaces } : {}) };
  }
  const now = (deps.now ?? (() => new Date()))();
  const backup: AccessEntryBackup = {
    version: 1,
    kind: 'access-entry',
    id: newBackupId(cluster, now),
    cluster: { name: cluster.name, region: cluster.region, arn: cluster.arn },
    time: now.toISOString(),
    profile: writer.profile,
    principalArn: plan.principalArn,
    ...done,
    policyArn: plan.policyArn,
    previousScope,
    writtenScope: plan.accessScope,
  };
  await deps.backups.save(backup);
  return backup.id;
}

/** Whether the principal has an access entry, asked with the writer's credentials; undefined when it cannot tell. */
export async function accessEntryExists(cluster: ClusterTarget, writer: Writer, principalArn: string, env: Env): Promise<boolean | undefined> {
  if (cluster.authenticationMode === 'CONFIG_MAP') return false;
  const aws = createScanAwsClients(env, { maxAttempts: 2 });
  try {
    await aws.eks(cluster.region, writer.credentials).send(new DescribeAccessEntryCommand({ clusterName: cluster.name, principalArn }));
    return true;
  } catch (err) {
    return awsErrorOf(err).code === 'ResourceNotFoundException' ? false : undefined;
  } finally {
    aws.destroy();
  }
}
