import type { IdentityView } from '../../shared/profile-types.js';

/** Identity from GetCallerIdentity, with the canonical ARN EKS maps (assumed-role → role, no path). */
export function identityFromCaller(arn: string, account: string, userId: string): IdentityView {
  const m = /^arn:([^:]+):(sts|iam)::(\d{12}):(.+)$/.exec(arn);
  if (!m) return { arn, account, userId, kind: 'other', canonicalArn: arn };
  const [, partition, service, acct, resource] = m;
  if (service === 'sts' && resource!.startsWith('assumed-role/')) {
    const role = resource!.split('/')[1];
    return { arn, account, userId, kind: 'assumed-role', canonicalArn: `arn:${partition}:iam::${acct}:role/${role}` };
  }
  if (service === 'sts' && resource!.startsWith('federated-user/')) return { arn, account, userId, kind: 'federated-user', canonicalArn: arn };
  if (service === 'iam' && resource === 'root') return { arn, account, userId, kind: 'root', canonicalArn: arn };
  if (service === 'iam' && resource!.startsWith('user/')) return { arn, account, userId, kind: 'user', canonicalArn: arn };
  return { arn, account, userId, kind: 'other', canonicalArn: arn };
}
