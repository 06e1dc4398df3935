// Who created the cluster: CloudTrail's CreateCluster event (90-day history), else the authenticator's
// `username=kubernetes-admin` lines, else (API modes) the bootstrap access entry made with the cluster.
import { LookupEventsCommand, type CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { awsErrorOf } from '../clusters/errors.js';
import { arnOfLogLine } from './gather-logs.js';
import type { AccessEntryFacts, CreatorFacts, Gathered, LogFacts } from './types.js';

// In any partition: arn:aws:…, arn:aws-cn:…, arn:aws-us-gov:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy.
const ADMIN_POLICY = /^arn:[\w-]+:eks::aws:cluster-access-policy\/AmazonEKSClusterAdminPolicy$/;

/** The creator's IAM ARN from a CreateCluster event for this cluster, or undefined. */
export async function creatorFromCloudTrail(trail: CloudTrailClient, clusterName: string): Promise<Gathered<string | undefined>> {
  try {
    const out = await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateCluster' }], MaxResults: 50 }));
    for (const e of out.Events ?? []) {
      let record: { userIdentity?: { type?: string; arn?: string; sessionContext?: { sessionIssuer?: { arn?: string } } }; requestParameters?: { name?: string } } = {};
      try {
        record = JSON.parse(e.CloudTrailEvent ?? '{}');
      } catch {
        continue;
      }
      const name = record.requestParameters?.name ?? e.Resources?.find((r) => r.ResourceType?.includes('Cluster'))?.ResourceName;
      if (name !== clusterName) continue;
      const id = record.userIdentity;
      const arn = id?.type === 'AssumedRole' ? (id.sessionContext?.sessionIssuer?.arn ?? id.arn) : id?.arn;
      return { ok: true, value: arn };
    }
    return { ok: true, value: undefined };
  } catch (err) {
    const { code, message } = awsErrorOf(err);
    return { ok: false, failure: { code, message } };
  }
}

export function decideCreator(
  createdAt: string | undefined,
  authMode: string | undefined,
  trail: Gathered<string | undefined> | undefined,
  logs: Gathered<LogFacts> | undefined,
  entries: Gathered<AccessEntryFacts[]> | undefined,
  now = new Date(),
): CreatorFacts {
  const notes: string[] = [];
  const base = createdAt ? { createdAt } : {};
  const ageDays = createdAt ? Math.floor((now.getTime() - new Date(createdAt).getTime()) / 86_400_000) : undefined;
  if (trail?.ok && trail.value) return { ...base, arn: trail.value, source: 'cloudtrail', notes: [`CloudTrail CreateCluster event: created by ${trail.value}`] };
  if (trail?.ok) notes.push(`CloudTrail has no CreateCluster event for the cluster${ageDays !== undefined && ageDays > 90 ? ` (created ${ageDays} days ago, beyond CloudTrail's 90-day history)` : ''}`);
  else if (trail) notes.push(`CloudTrail LookupEvents failed: ${trail.failure.code}`);
  if (logs?.ok) {
    const arn = logs.value.creatorLines.map(arnOfLogLine).find(Boolean);
    if (arn) return { ...base, arn, source: 'authenticator-log', notes: [...notes, `authenticator log: ${arn} signed in as kubernetes-admin (the creator's mapping)`] };
    notes.push('authenticator log: no sign-in as username=kubernetes-admin in the last 7 days');
  }
  if (authMode && authMode !== 'CONFIG_MAP' && entries?.ok && createdAt) {
    // The bootstrap entry is made with the cluster; entries added later are not the creator's.
    const made = new Date(createdAt).getTime();
    const candidates = entries.value.filter((e) => e.createdAt && Math.abs(new Date(e.createdAt).getTime() - made) <= 300_000 && e.policies.some((p) => ADMIN_POLICY.test(p.policyArn)));
    if (candidates.length === 1) {
      const arn = candidates[0]!.principalArn;
      return { ...base, arn, source: 'access-entry', notes: [...notes, `access entry made with the cluster (bootstrap admin): ${arn}`] };
    }
    if (candidates.length > 1) notes.push(`access entries made with the cluster, with AmazonEKSClusterAdminPolicy: ${candidates.map((c) => c.principalArn).join(', ')} — one of them is the creator`);
  }
  return { ...base, notes };
}
