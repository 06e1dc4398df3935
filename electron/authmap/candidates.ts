// Existing aws-auth entries that look like a wrong attempt at mapping the target (docs/eks-authentication.md §3): a role
// path, a session ARN, another account, a typo, or the same ARN with other groups — to be fixed in place.
import { parsePrincipal } from '../../shared/arn.js';
import type { AwsAuthContent } from './aws-auth-read.js';
import type { AwsAuthKey } from './types.js';

export type CandidateProblem = 'path' | 'session-arn' | 'other-account' | 'near-miss' | 'same-arn';

export interface FixCandidate {
  key: AwsAuthKey;
  index: number;
  arn: string;
  username: string;
  groups: string[];
  problem: CandidateProblem;
  explanation: string;
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length]![b.length]!;
}

export function findFixCandidates(content: AwsAuthContent, key: AwsAuthKey, targetArn: string): FixCandidate[] {
  const t = parsePrincipal(targetArn);
  if (!t) return [];
  const out: FixCandidate[] = [];
  for (const item of content.items) {
    if (item.key !== key) continue;
    const p = parsePrincipal(item.arn);
    if (!p) continue;
    const base = { key, index: item.index, arn: item.arn, username: item.username, groups: item.groups };
    const sameName = p.name.toLowerCase() === t.name.toLowerCase();
    if (item.arn.toLowerCase() === targetArn.toLowerCase()) {
      out.push({ ...base, problem: 'same-arn', explanation: `already maps this ARN (username "${item.username}", groups [${item.groups.join(', ')}])` });
    } else if (p.kind === 'assumed-role' && sameName && p.account === t.account) {
      out.push({ ...base, problem: 'session-arn', explanation: 'names an assumed-role session ARN; the authenticator compares role ARNs, so it never matches' });
    } else if (p.path && sameName && p.account === t.account && p.kind === t.kind) {
      out.push({ ...base, problem: 'path', explanation: `names the role with the path ${p.path}; aws-auth ARNs must not include a path, so it never matches` });
    } else if (sameName && p.account !== t.account && p.kind === t.kind) {
      out.push({ ...base, problem: 'other-account', explanation: `names account ${p.account} instead of ${t.account}` });
    } else if (p.account === t.account && p.kind === t.kind && distance(p.name.toLowerCase(), t.name.toLowerCase()) <= 2) {
      out.push({ ...base, problem: 'near-miss', explanation: `names "${p.name}", almost "${t.name}" (a typo?)` });
    }
  }
  return out;
}
