// The authenticator's replay of a token's presigned GetCallerIdentity URL (docs/eks-authentication.md §2 step 12):
// STS's verdict on the URL when sent with x-k8s-aws-id: <the cluster's own name> and Accept: application/json.
import { randomUUID } from 'node:crypto';
import type { World } from '../world/world.js';
import type { Caller } from '../world/types.js';
import { AwsError, queryJsonError } from './errors.js';
import { verifySigV4 } from './sigv4.js';
import { authFailureError } from './sigv4-errors.js';

/** STS honours presigned GetCallerIdentity URLs for 15 minutes after X-Amz-Date, whatever X-Amz-Expires says. */
export const PRESIGNED_GCI_MAX_AGE_SECONDS = 900;

export interface StsReplayResult {
  /** HTTP status STS answered: 200, or 403 etc. */
  status: number;
  /** The body STS answered with `Accept: application/json` (success or {Error:{Code,Message}}). */
  body: string;
  /** Set when status is 200. */
  caller?: Caller;
}

function errorResult(err: AwsError, requestId: string): StsReplayResult {
  const r = queryJsonError(err, requestId);
  return { status: r.status, body: String(r.body) };
}

/** Replays `url` (the decoded token) with header x-k8s-aws-id: clusterName, as STS would judge it. */
export function replayGetCallerIdentity(world: World, url: URL, clusterName: string): StsReplayResult {
  const requestId = randomUUID();
  const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : url.search;
  const verified = verifySigV4(
    world,
    {
      method: 'GET',
      rawPath: url.pathname || '/',
      rawQuery,
      rawHeaders: ['Host', url.host, 'x-k8s-aws-id', clusterName, 'Accept', 'application/json'],
      body: Buffer.alloc(0),
    },
    { presignedMaxAgeSeconds: PRESIGNED_GCI_MAX_AGE_SECONDS },
  );
  if (!verified.ok) return errorResult(authFailureError('query', verified), requestId);
  if (verified.service !== 'sts') {
    return errorResult(new AwsError(403, 'SignatureDoesNotMatch', `Credential should be scoped to correct service: 'sts'. `), requestId);
  }
  const action = url.searchParams.get('Action');
  if (action !== 'GetCallerIdentity') {
    return errorResult(new AwsError(400, 'InvalidAction', `Could not find operation ${action ?? ''} for version ${url.searchParams.get('Version') ?? 'NO_VERSION_SPECIFIED'}`), requestId);
  }
  // No injected faults here: the scenario's throttling and 5xx are for the user's own AWS calls, and this call is EKS's.
  const c = verified.caller;
  const body = JSON.stringify({
    GetCallerIdentityResponse: {
      GetCallerIdentityResult: { Account: c.account, Arn: c.arn, UserId: c.userId },
      ResponseMetadata: { RequestId: requestId },
    },
  });
  return { status: 200, body, caller: c };
}
