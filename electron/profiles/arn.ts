import { canonicalize } from '../../shared/arn.js';
import type { IdentityView } from '../../shared/profile-types.js';

/** Identity from GetCallerIdentity, with the canonical ARN EKS maps (an assumed-role session becomes its role). */
export function identityFromCaller(arn: string, account: string, userId: string): IdentityView {
  try {
    const c = canonicalize(arn);
    return { arn, account, userId, kind: c.kind === 'role' ? 'other' : c.kind, canonicalArn: c.arn };
  } catch {
    return { arn, account, userId, kind: 'other', canonicalArn: arn };
  }
}
