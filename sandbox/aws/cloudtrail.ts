// AWS CloudTrail LookupEvents (awsJson1.1): the 90-day management event history of the caller's
// account and region — a CreateCluster event per cluster (synthesized from who created it) plus
// the EKS writes made through the sandbox.
import { AwsError, json11Error, jsonResponse } from './errors.js';
import { authorize } from './iam-authorize.js';
import type { AwsRequest, AwsResponse, SignedContext, SignedServiceHandler } from './types.js';
import type { ClusterState, CloudTrailRecord } from '../world/types.js';
import type { World } from '../world/world.js';
import { stableHex, stableId } from '../world/ids.js';
import { eksEvent, identityOf } from './eks-trail.js';

// botocore sends the model's full targetPrefix; AWS SDK v3 sends the short service shape name.
const TARGETS = new Set(['com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents', 'CloudTrail_20131101.LookupEvents']);
const JSON11 = 'application/x-amz-json-1.1';
const HISTORY_MS = 90 * 86_400_000;
const LOOKUP_KEYS = ['EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'] as const;

function stableUuid(seed: string): string {
  const h = stableHex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The CreateCluster event of a cluster, as its creator's call would have been recorded. */
export function createClusterEvent(world: World, c: ClusterState): CloudTrailRecord | undefined {
  if (!c.creatorArn) return undefined;
  const isRole = c.creatorArn.includes(':role/');
  const name = c.creatorArn.split('/').pop()!;
  const existing = world.principals.get(c.creatorArn);
  const sessionName = isRole ? (c.creatorSessionArn?.split('/').pop() ?? 'creator-session') : undefined;
  const accessKeyId =
    !isRole && existing?.kind === 'user' && existing.accessKeys[0] ? existing.accessKeys[0].id : stableId(isRole ? 'ASIA' : 'AKIA', `${c.arn}#creator-key`, 16);
  const id = identityOf({
    kind: isRole ? 'role' : 'user',
    account: c.account,
    name,
    uniqueId: c.creatorPrincipalId ?? stableId(isRole ? 'AROA' : 'AIDA', c.creatorArn, 17),
    principalArn: c.creatorArn,
    callerArn: c.creatorSessionArn ?? c.creatorArn,
    accessKeyId,
    sessionName,
    sessionCreatedAt: c.createdAt - 60_000,
  });
  const eventId = stableUuid(`${c.arn}#CreateCluster`);
  const requestParameters = {
    name: c.name,
    version: c.version,
    roleArn: c.roleArn,
    resourcesVpcConfig: { endpointPublicAccess: c.endpointPublicAccess, endpointPrivateAccess: c.endpointPrivateAccess },
    accessConfig: { authenticationMode: c.authenticationMode, bootstrapClusterCreatorAdminPermissions: c.bootstrapClusterCreatorAdminPermissions },
    ...(Object.keys(c.tags).length ? { tags: c.tags } : {}),
  };
  const responseElements = {
    cluster: {
      name: c.name,
      arn: c.arn,
      createdAt: new Date(c.createdAt).toISOString(),
      version: c.version,
      roleArn: c.roleArn,
      status: 'CREATING',
      platformVersion: c.platformVersion,
      accessConfig: requestParameters.accessConfig,
      tags: c.tags,
    },
  };
  return {
    eventId,
    eventName: 'CreateCluster',
    eventTime: c.createdAt,
    eventSource: 'eks.amazonaws.com',
    account: c.account,
    region: c.region,
    readOnly: false,
    accessKeyId,
    username: id.username,
    resources: [{ type: 'AWS::EKS::Cluster', name: c.name }],
    event: eksEvent({
      id,
      account: c.account,
      region: c.region,
      eventName: 'CreateCluster',
      eventTime: c.createdAt,
      eventId,
      requestId: stableUuid(`${c.arn}#request`),
      requestParameters,
      responseElements,
    }),
  };
}

function attributeOf(r: CloudTrailRecord, key: (typeof LOOKUP_KEYS)[number]): string[] {
  switch (key) {
    case 'EventId':
      return [r.eventId];
    case 'EventName':
      return [r.eventName];
    case 'ReadOnly':
      return [String(r.readOnly)];
    case 'Username':
      return [r.username];
    case 'ResourceType':
      return r.resources.map((x) => x.type);
    case 'ResourceName':
      return r.resources.map((x) => x.name);
    case 'EventSource':
      return [r.eventSource];
    case 'AccessKeyId':
      return [r.accessKeyId];
  }
}

/** Epoch seconds (the JSON protocol's timestamps) to ms; ISO strings are accepted too. */
function timeArg(v: unknown, key: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v * 1000;
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return Date.parse(v);
  throw new AwsError(400, 'SerializationException', `${key} must be a timestamp.`);
}

function lookupEvents(body: Record<string, unknown>, ctx: SignedContext): AwsResponse {
  authorize(ctx, 'cloudtrail:LookupEvents', '*');
  const now = ctx.world.now();
  const attrs = body.LookupAttributes;
  if (attrs !== undefined && attrs !== null && !Array.isArray(attrs)) throw new AwsError(400, 'SerializationException', 'LookupAttributes must be a list.');
  const list = (attrs as Array<{ AttributeKey?: unknown; AttributeValue?: unknown }> | undefined) ?? [];
  if (list.length > 1) throw new AwsError(400, 'InvalidLookupAttributesException', 'You can only specify one lookup attribute.');
  const attr = list[0];
  if (list.length === 1 && (attr === null || typeof attr !== 'object')) throw new AwsError(400, 'SerializationException', 'LookupAttributes must hold objects.');
  if (attr && (!LOOKUP_KEYS.includes(attr.AttributeKey as never) || typeof attr.AttributeValue !== 'string' || attr.AttributeValue === '')) {
    throw new AwsError(400, 'InvalidLookupAttributesException', `Invalid lookup attribute ${String(attr.AttributeKey)}.`);
  }
  const start = timeArg(body.StartTime, 'StartTime') ?? now - HISTORY_MS;
  const end = timeArg(body.EndTime, 'EndTime') ?? now;
  if (start > end) throw new AwsError(400, 'InvalidTimeRangeException', 'Start time must be earlier than end time.');
  const max = body.MaxResults;
  if (max !== undefined && max !== null && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 50)) {
    throw new AwsError(400, 'InvalidMaxResultsException', 'MaxResults must be between 1 and 50.');
  }
  const limit = (max as number | undefined) ?? 50;

  const synthesized = ctx.world
    .clustersIn(ctx.caller.account, ctx.region)
    .map((c) => createClusterEvent(ctx.world, c))
    .filter((r): r is CloudTrailRecord => r !== undefined);
  const recorded = ctx.world.cloudTrailEvents.filter((r) => r.account === ctx.caller.account && r.region === ctx.region);
  const events = [...synthesized, ...recorded]
    .filter((r) => r.eventTime >= now - HISTORY_MS && r.eventTime >= start && r.eventTime <= end)
    .filter((r) => !attr || attributeOf(r, attr.AttributeKey as (typeof LOOKUP_KEYS)[number]).includes(attr.AttributeValue as string))
    .sort((a, b) => b.eventTime - a.eventTime || (a.eventId < b.eventId ? -1 : 1));

  let offset = 0;
  const token = body.NextToken;
  if (token !== undefined && token !== null) {
    const m = typeof token === 'string' ? /^ct1:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8')) : null;
    if (!m) throw new AwsError(400, 'InvalidNextTokenException', 'Invalid NextToken.');
    offset = Number(m[1]);
  }
  const page = events.slice(offset, offset + limit);
  const next = offset + page.length;
  return jsonResponse(
    {
      Events: page.map((r) => ({
        EventId: r.eventId,
        EventName: r.eventName,
        ReadOnly: String(r.readOnly),
        AccessKeyId: r.accessKeyId,
        EventTime: Math.floor(r.eventTime / 1000),
        EventSource: r.eventSource,
        Username: r.username,
        Resources: r.resources.map((x) => ({ ResourceType: x.type, ResourceName: x.name })),
        CloudTrailEvent: JSON.stringify(r.event),
      })),
      ...(next < events.length ? { NextToken: Buffer.from(`ct1:${next}`).toString('base64url') } : {}),
    },
    200,
    JSON11,
  );
}

export const cloudtrailService: SignedServiceHandler = (req: AwsRequest, ctx: SignedContext) => {
  try {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (!TARGETS.has(target)) throw new AwsError(400, 'UnknownOperationException', `Unknown operation ${target || '(no X-Amz-Target)'}.`);
    const text = req.body.toString('utf8').trim();
    let body: unknown = {};
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        throw new AwsError(400, 'SerializationException', 'Unable to parse the request body as JSON.');
      }
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new AwsError(400, 'SerializationException', 'The request body must be a JSON object.');
    return lookupEvents(body as Record<string, unknown>, ctx);
  } catch (err) {
    if (err instanceof AwsError) return json11Error(err, ctx.requestId);
    return json11Error(new AwsError(500, 'InternalFailure', 'The request processing has failed because of an unknown error.'), ctx.requestId);
  }
};
