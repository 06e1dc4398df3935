// Runs an access-entry plan with the writer's credentials: the mode switch (waited for), CreateAccessEntry
// (an existing entry — 409 ResourceInUse — is used as it is), AssociateAccessPolicy.
import { AssociateAccessPolicyCommand, CreateAccessEntryCommand, DescribeClusterCommand, UpdateClusterConfigCommand, type EKSClient } from '@aws-sdk/client-eks';
import { createScanAwsClients } from '../clusters/aws-clients.js';
import { awsErrorOf } from '../clusters/errors.js';
import type { Env } from '../profiles/deps.js';
import type { AccessEntryPlan, AccessEntryStepId } from './access-entry-plan.js';
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
}

export interface AccessEntryDeps {
  env: Env;
  /** Waiting for the mode switch: polls of DescribeCluster and the pause between them. */
  modePolls?: number;
  pollMs?: number;
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
      steps.push({ id: 'update-mode', ok: true, message: 'authentication mode is now API_AND_CONFIG_MAP' });
    }
    try {
      await eks.send(
        new CreateAccessEntryCommand({
          clusterName: cluster.name,
          principalArn: plan.principalArn,
          ...(plan.username ? { username: plan.username } : {}),
          ...(plan.groups ? { kubernetesGroups: plan.groups } : {}),
        }),
      );
      steps.push({ id: 'create-entry', ok: true, message: `access entry created for ${plan.principalArn}` });
    } catch (err) {
      const e = awsErrorOf(err);
      if (e.code === 'ResourceInUseException') {
        steps.push({ id: 'create-entry', ok: true, message: `an access entry for ${plan.principalArn} exists already; the policy is associated with it` });
      } else {
        const hint =
          e.code === 'InvalidParameterException' && plan.pathUnknown
            ? ` — the role ARN was derived from a session ARN, which shows no IAM path. If the role has a path, its full ARN (arn:…:role/<path>/<name>, from the IAM console or \`aws iam get-role\`) is needed.`
            : '';
        return fail('create-entry', err, hint);
      }
    }
    try {
      await eks.send(new AssociateAccessPolicyCommand({ clusterName: cluster.name, principalArn: plan.principalArn, policyArn: plan.policyArn, accessScope: plan.accessScope }));
      steps.push({ id: 'associate-policy', ok: true, message: `${plan.policyArn.split('/').pop()} associated (${plan.accessScope.type} scope)` });
    } catch (err) {
      return fail('associate-policy', err);
    }
    return { ok: true, steps, problems: [] };
  } finally {
    aws.destroy();
  }
}
