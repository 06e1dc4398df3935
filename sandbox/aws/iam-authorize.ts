// IAM's allow/deny decision for a signed call, with the AccessDenied message shapes AWS uses.
import { AwsError } from './errors.js';
import type { SignedContext } from './types.js';

/**
 * Throws unless the caller's principal may perform `action` on `resourceArn`.
 * `code` is the service's error code: 'AccessDenied' for STS, 'AccessDeniedException' for EKS, Logs and CloudTrail.
 */
export function authorize(ctx: SignedContext, action: string, resourceArn: string, code: 'AccessDenied' | 'AccessDeniedException' = 'AccessDeniedException'): void {
  if (ctx.world.isAllowed(ctx.caller.principal, action)) return;
  const message =
    code === 'AccessDenied'
      ? `User: ${ctx.caller.arn} is not authorized to perform: ${action} on resource: ${resourceArn}`
      : `User: ${ctx.caller.arn} is not authorized to perform: ${action} on resource: ${resourceArn} because no identity-based policy allows the ${action} action`;
  throw new AwsError(403, code, message);
}
