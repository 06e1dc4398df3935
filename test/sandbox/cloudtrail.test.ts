// CloudTrail LookupEvents: synthesized CreateCluster events (90-day history), recorded EKS writes,
// lookup attributes, time range, pagination and errors.
import { describe, expect, it } from 'vitest';
import { cloudtrailService } from '../../sandbox/aws/cloudtrail.js';
import { eksService } from '../../sandbox/aws/eks.js';
import type { AwsResponse, SignedContext } from '../../sandbox/aws/types.js';
import { parseScenario } from '../../sandbox/scenario/load.js';
import { World } from '../../sandbox/world/world.js';

const ACCT = '111122223333';
const SCENARIO = `
name: trail-unit
accounts:
  - id: "${ACCT}"
    users:
      - name: alice
        accessKeys: [{id: AKIAALICE0000000001, secret: s1}]
      - name: auditor
        accessKeys: [{id: AKIAAUDITOR00000001, secret: s2}]
        allow: ["eks:*"]
    roles:
      - name: Platform
        path: /ops/
        trustedBy: [alice]
  - id: "444455556666"
    users:
      - name: eve
clusters:
  - name: by-alice
    account: "${ACCT}"
    region: us-east-1
    creator: alice
    createdDaysAgo: 30
  - name: by-role
    account: "${ACCT}"
    region: us-east-1
    creator: Platform
    createdDaysAgo: 10
  - name: by-ghost
    account: "${ACCT}"
    region: us-east-1
    creator: arn:aws:iam::${ACCT}:user/departed
    createdDaysAgo: 5
  - name: ancient
    account: "${ACCT}"
    region: us-east-1
    creator: alice
    createdDaysAgo: 120
  - name: elsewhere
    account: "${ACCT}"
    region: eu-west-1
    creator: alice
  - name: foreign
    account: "444455556666"
    region: us-east-1
    creator: eve
`;

function setup() {
  const world = new World(parseScenario(SCENARIO));
  return { world, ctx: ctxFor(world, 'AKIAALICE0000000001') };
}

function ctxFor(world: World, akid: string, region = 'us-east-1'): SignedContext {
  const k = world.lookupKey(akid);
  if (k.state !== 'active') throw new Error(`key ${akid} is ${k.state}`);
  return { world, caller: k.caller, region, requestId: 'req-trail' };
}

async function lookup(ctx: SignedContext, body: unknown, target = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents') {
  const res: AwsResponse = await cloudtrailService(
    {
      method: 'POST',
      path: '/',
      rawPath: '/',
      query: new URLSearchParams(),
      headers: { 'x-amz-target': target },
      body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    },
    ctx,
  );
  return { status: res.status, json: JSON.parse(String(res.body)) };
}

const CREATE = { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateCluster' }] };

describe('CreateCluster events', () => {
  it('has one per cluster of the account and region created within 90 days, newest first', async () => {
    const { ctx } = setup();
    const r = await lookup(ctx, CREATE);
    expect(r.status).toBe(200);
    expect(r.json.Events.map((e: { Resources: Array<{ ResourceName: string }> }) => e.Resources[0].ResourceName)).toEqual(['by-ghost', 'by-role', 'by-alice']);
  });

  it('names an IAM user creator with its identity', async () => {
    const { ctx, world } = setup();
    const r = await lookup(ctx, { LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'by-alice' }] });
    expect(r.json.Events).toHaveLength(1);
    const e = r.json.Events[0];
    const cluster = world.findCluster(ACCT, 'us-east-1', 'by-alice')!;
    expect(e).toMatchObject({ EventName: 'CreateCluster', EventSource: 'eks.amazonaws.com', Username: 'alice', ReadOnly: 'false', EventTime: Math.floor(cluster.createdAt / 1000) });
    const detail = JSON.parse(e.CloudTrailEvent);
    expect(detail).toMatchObject({
      eventName: 'CreateCluster',
      eventSource: 'eks.amazonaws.com',
      awsRegion: 'us-east-1',
      recipientAccountId: ACCT,
      userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCT}:user/alice`, accountId: ACCT, principalId: cluster.creatorPrincipalId, userName: 'alice' },
      requestParameters: { name: 'by-alice' },
      responseElements: { cluster: { name: 'by-alice', arn: cluster.arn } },
    });
    expect(detail.eventVersion).toMatch(/^1\.\d+$/);
    expect(detail.eventTime).toBe(new Date(cluster.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  });

  it('names a role creator by its session, with the session issuer', async () => {
    const { ctx, world } = setup();
    const r = await lookup(ctx, { LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'by-role' }] });
    const e = r.json.Events[0];
    const role = world.principals.get(`arn:aws:iam::${ACCT}:role/ops/Platform`)!;
    const detail = JSON.parse(e.CloudTrailEvent);
    expect(detail.userIdentity).toMatchObject({
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCT}:assumed-role/Platform/${e.Username}`,
      principalId: `${role.uniqueId}:${e.Username}`,
      sessionContext: { sessionIssuer: { type: 'Role', arn: role.arn, principalId: role.uniqueId, userName: 'Platform' } },
    });
    expect(e.AccessKeyId).toMatch(/^ASIA/);
  });

  it('still names a creator that no longer exists in IAM', async () => {
    const { ctx } = setup();
    const r = await lookup(ctx, { LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'departed' }] });
    expect(r.json.Events).toHaveLength(1);
    expect(JSON.parse(r.json.Events[0].CloudTrailEvent).userIdentity.arn).toBe(`arn:aws:iam::${ACCT}:user/departed`);
  });

  it('is scoped to the caller account and signing region', async () => {
    const { world } = setup();
    const eu = await lookup(ctxFor(world, 'AKIAALICE0000000001', 'eu-west-1'), CREATE);
    expect(eu.json.Events.map((e: { Resources: Array<{ ResourceName: string }> }) => e.Resources[0].ResourceName)).toEqual(['elsewhere']);
  });
});

describe('lookup parameters', () => {
  it('filters by a time range in epoch seconds', async () => {
    const { ctx, world } = setup();
    const now = world.now() / 1000;
    const r = await lookup(ctx, { ...CREATE, StartTime: now - 15 * 86_400, EndTime: now - 7 * 86_400 });
    expect(r.json.Events.map((e: { Resources: Array<{ ResourceName: string }> }) => e.Resources[0].ResourceName)).toEqual(['by-role']);
    const bad = await lookup(ctx, { StartTime: now, EndTime: now - 10 });
    expect(bad.json.__type).toBe('InvalidTimeRangeException');
    const old = await lookup(ctx, { ...CREATE, StartTime: now - 200 * 86_400, EndTime: now - 100 * 86_400 });
    expect(old.json.Events).toEqual([]);
  });

  it('paginates with MaxResults and NextToken', async () => {
    const { ctx } = setup();
    const names: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i++) {
      const r = await lookup(ctx, { ...CREATE, MaxResults: 2, ...(token ? { NextToken: token } : {}) });
      expect(r.json.Events.length).toBeLessThanOrEqual(2);
      names.push(...r.json.Events.map((e: { Resources: Array<{ ResourceName: string }> }) => e.Resources[0].ResourceName));
      token = r.json.NextToken;
      if (!token) break;
    }
    expect(names).toEqual(['by-ghost', 'by-role', 'by-alice']);
  });

  it('rejects bad attributes, MaxResults and tokens', async () => {
    const { ctx } = setup();
    expect((await lookup(ctx, { LookupAttributes: [...CREATE.LookupAttributes, { AttributeKey: 'Username', AttributeValue: 'alice' }] })).json.__type).toBe(
      'InvalidLookupAttributesException',
    );
    expect((await lookup(ctx, { LookupAttributes: [{ AttributeKey: 'Colour', AttributeValue: 'red' }] })).json.__type).toBe('InvalidLookupAttributesException');
    expect((await lookup(ctx, { MaxResults: 51 })).json.__type).toBe('InvalidMaxResultsException');
    expect((await lookup(ctx, { NextToken: 'forged' })).json.__type).toBe('InvalidNextTokenException');
    expect((await lookup(ctx, '{bad')).json.__type).toBe('SerializationException');
    expect((await lookup(ctx, {}, 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.CreateTrail')).json.__type).toBe('UnknownOperationException');
  });

  it('denies a caller without cloudtrail:LookupEvents', async () => {
    const { world } = setup();
    const r = await lookup(ctxFor(world, 'AKIAAUDITOR00000001'), CREATE);
    expect(r.status).toBe(403);
    expect(r.json.__type).toBe('AccessDeniedException');
    expect(r.json.message).toContain('cloudtrail:LookupEvents');
  });
});

describe('recorded EKS writes', () => {
  it('returns an UpdateClusterConfig made through the EKS API', async () => {
    const { ctx } = setup();
    const res = await eksService(
      {
        method: 'POST',
        path: '/clusters/by-alice/update-config',
        rawPath: '/clusters/by-alice/update-config',
        query: new URLSearchParams(),
        headers: {},
        body: Buffer.from(JSON.stringify({ logging: { clusterLogging: [{ types: ['authenticator'], enabled: true }] } })),
      },
      ctx,
    );
    expect(res.status).toBe(200);
    const r = await lookup(ctx, { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'UpdateClusterConfig' }] });
    expect(r.json.Events).toHaveLength(1);
    expect(r.json.Events[0]).toMatchObject({ Username: 'alice', AccessKeyId: 'AKIAALICE0000000001', Resources: [{ ResourceType: 'AWS::EKS::Cluster', ResourceName: 'by-alice' }] });
    const all = await lookup(ctx, { LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'by-alice' }] });
    expect(all.json.Events.map((e: { EventName: string }) => e.EventName)).toEqual(['UpdateClusterConfig', 'CreateCluster']);
  });
});

describe('malformed input', () => {
  it('never answers 5xx to odd bodies', async () => {
    const { ctx } = setup();
    for (const body of [
      { LookupAttributes: [null] },
      { LookupAttributes: 'x' },
      { LookupAttributes: [{}] },
      { StartTime: 'yesterday' },
      { EndTime: {} },
      { MaxResults: 1.5 },
      { NextToken: 5 },
      [],
      'null',
      '',
    ]) {
      const r = await lookup(ctx, body);
      expect(r.status, JSON.stringify(body)).toBeLessThan(500);
    }
  });
});
