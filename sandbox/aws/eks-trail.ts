// CloudTrail records for EKS writes: the userIdentity block CloudTrail builds from the signer, and
// appending an event to the World so LookupEvents finds it.
import { randomUUID } from 'node:crypto';
import type { Caller, CloudTrailRecord } from '../world/types.js';
import type { SignedContext } from './types.js';

/** CloudTrail's eventTime format: ISO 8601 to the second. */
export function trailTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface TrailIdentity {
  userIdentity: Record<string, unknown>;
  /** LookupEvents' Username: the user name, or the role session name. */
  username: string;
}

/** CloudTrail's userIdentity for an IAM principal, called directly or through a role session. */
export function identityOf(p: {
  kind: 'user' | 'role';
  account: string;
  name: string;
  uniqueId: string;
  principalArn: string;
  /** The ARN the call was made with (sts assumed-role ARN for roles). */
  callerArn: string;
  accessKeyId: string;
  sessionName?: string;
  sessionCreatedAt?: number;
  mfa?: boolean;
}): TrailIdentity {
  if (p.kind === 'role') {
    const session = p.sessionName ?? 'session';
    return {
      username: session,
      userIdentity: {
        type: 'AssumedRole',
        principalId: `${p.uniqueId}:${session}`,
        arn: p.callerArn,
        accountId: p.account,
        accessKeyId: p.accessKeyId,
        sessionContext: {
          sessionIssuer: { type: 'Role', principalId: p.uniqueId, arn: p.principalArn, accountId: p.account, userName: p.name },
          attributes: { creationDate: trailTime(p.sessionCreatedAt ?? Date.now()), mfaAuthenticated: String(Boolean(p.mfa)) },
        },
      },
    };
  }
  return {
    username: p.name,
    userIdentity: { type: 'IAMUser', principalId: p.uniqueId, arn: p.principalArn, accountId: p.account, accessKeyId: p.accessKeyId, userName: p.name },
  };
}

export function callerIdentity(caller: Caller, now: number): TrailIdentity {
  const pr = caller.principal;
  return identityOf({
    kind: pr.kind,
    account: pr.account,
    name: pr.name,
    uniqueId: pr.uniqueId,
    principalArn: pr.arn,
    callerArn: caller.arn,
    accessKeyId: caller.accessKeyId,
    sessionName: caller.sessionName,
    // Sessions do not keep their issue time; one hour before expiry is the STS default lifetime.
    sessionCreatedAt: caller.session ? Math.min(now, caller.session.expiresAt - 3600_000) : now,
    mfa: caller.session?.mfaAuthenticated,
  });
}

/** Builds the full CloudTrail event JSON of an EKS API call. */
export function eksEvent(opts: {
  id: TrailIdentity;
  account: string;
  region: string;
  eventName: string;
  eventTime: number;
  eventId: string;
  requestId: string;
  requestParameters: unknown;
  responseElements: unknown;
}): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: opts.id.userIdentity,
    eventTime: trailTime(opts.eventTime),
    eventSource: 'eks.amazonaws.com',
    eventName: opts.eventName,
    awsRegion: opts.region,
    sourceIPAddress: '127.0.0.1',
    userAgent: 'aws-cli',
    requestParameters: opts.requestParameters,
    responseElements: opts.responseElements,
    requestID: opts.requestId,
    eventID: opts.eventId,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: opts.account,
    eventCategory: 'Management',
  };
}

/** Appends a CloudTrail event for a successful EKS write made by the signer of `ctx`. */
export function recordEksWrite(ctx: SignedContext, eventName: string, clusterName: string, requestParameters: unknown, responseElements: unknown): void {
  const now = ctx.world.now();
  const id = callerIdentity(ctx.caller, now);
  const eventId = randomUUID();
  const record: CloudTrailRecord = {
    eventId,
    eventName,
    eventTime: now,
    eventSource: 'eks.amazonaws.com',
    account: ctx.caller.account,
    region: ctx.region,
    readOnly: false,
    accessKeyId: ctx.caller.accessKeyId,
    username: id.username,
    resources: [{ type: 'AWS::EKS::Cluster', name: clusterName }],
    event: eksEvent({
      id,
      account: ctx.caller.account,
      region: ctx.region,
      eventName,
      eventTime: now,
      eventId,
      requestId: ctx.requestId,
      requestParameters,
      responseElements,
    }),
  };
  ctx.world.cloudTrailEvents.push(record);
}
