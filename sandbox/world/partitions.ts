// Which partition (aws, aws-cn, aws-us-gov) each account of a scenario lives in: its ARNs' prefix and the regions its
// keys work in.
import { partitionOfRegion } from '../k8s/sts-hosts.js';
import type { Scenario } from '../scenario/schema.js';

/**
 * Each account's partition: as declared; else the partition an ARN of the scenario's profiles names it in; else
 * that of its clusters' regions; else that of the region of a profile signing as one of its users; else aws.
 */
export function accountPartitions(scenario: Scenario): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of scenario.accounts) if (a.partition) out.set(a.id, a.partition);
  const learn = (account: string | undefined, partition: string) => {
    if (account && !out.has(account)) out.set(account, partition);
  };
  for (const p of scenario.profiles) {
    for (const arn of [p.roleArn, p.webIdentity?.roleArn, p.sessionCredentials?.roleArn, p.mfaSerial]) {
      const m = /^arn:(aws[\w-]*):\w+::(\d{12}):/.exec(arn ?? '');
      if (m) learn(m[2], m[1]!);
    }
  }
  for (const c of scenario.clusters) learn(c.account, partitionOfRegion(c.region));
  for (const p of scenario.profiles) {
    const user = p.user ?? p.sessionCredentials?.user;
    learn(p.account ?? scenario.accounts.find((a) => a.users.some((u) => u.name === user))?.id, partitionOfRegion(p.region));
    if (p.sso) learn(p.sso.accountId, partitionOfRegion(p.region));
  }
  return out;
}

/** An EKS access policy's ARN in a partition: arn:<partition>:eks::aws:cluster-access-policy/<name>. */
export function accessPolicyArn(partition: string, name: string): string {
  return `arn:${partition}:eks::aws:cluster-access-policy/${name}`;
}
