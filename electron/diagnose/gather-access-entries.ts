// The cluster's access entries and their access policies (EKS API), for the API authentication modes.
import {
  DescribeAccessEntryCommand,
  ListAccessEntriesCommand,
  ListAssociatedAccessPoliciesCommand,
  type EKSClient,
} from '@aws-sdk/client-eks';
import { awsErrorOf } from '../clusters/errors.js';
import type { AccessEntryFacts, Gathered } from './types.js';

const MAX_PAGES = 50;

export async function gatherAccessEntries(eks: EKSClient, clusterName: string, via: string): Promise<Gathered<AccessEntryFacts[]>> {
  try {
    const arns: string[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await eks.send(new ListAccessEntriesCommand({ clusterName, ...(nextToken ? { nextToken } : {}) }));
      arns.push(...(out.accessEntries ?? []));
      nextToken = out.nextToken || undefined;
      if (!nextToken) break;
    }
    const entries = await Promise.all(
      arns.map(async (principalArn): Promise<AccessEntryFacts> => {
        const [d, p] = await Promise.all([
          eks.send(new DescribeAccessEntryCommand({ clusterName, principalArn })),
          eks.send(new ListAssociatedAccessPoliciesCommand({ clusterName, principalArn })),
        ]);
        const e = d.accessEntry;
        return {
          principalArn,
          ...(e?.username ? { username: e.username } : {}),
          kubernetesGroups: e?.kubernetesGroups ?? [],
          ...(e?.type ? { type: e.type } : {}),
          ...(e?.createdAt ? { createdAt: new Date(e.createdAt).toISOString() } : {}),
          policies: (p.associatedAccessPolicies ?? []).map((a) => ({
            policyArn: a.policyArn ?? '',
            scope: a.accessScope?.type ?? 'cluster',
            namespaces: a.accessScope?.namespaces ?? [],
          })),
        };
      }),
    );
    return { ok: true, value: entries, via };
  } catch (err) {
    const { code, message } = awsErrorOf(err);
    return { ok: false, failure: { code, message }, via };
  }
}
