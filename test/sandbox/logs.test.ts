// CloudWatch Logs handler behaviour: groups, streams, FilterLogEvents, GetLogEvents and Insights queries,
// over authenticator lines written the way the cluster side writes them.
import { describe, expect, it } from 'vitest';
import { compileFilterPattern, logsService } from '../../sandbox/aws/logs.js';
import type { AwsResponse, SignedContext } from '../../sandbox/aws/types.js';
import { parseScenario } from '../../sandbox/scenario/load.js';
import { World } from '../../sandbox/world/world.js';

const ACCT = '111122223333';
const SCENARIO = `
name: logs-unit
accounts:
  - id: "${ACCT}"
    users:
      - name: alice
        accessKeys: [{id: AKIAALICE0000000001, secret: s1}]
      - name: nologs
        accessKeys: [{id: AKIANOLOGS000000001, secret: s2}]
        allow: ["eks:*"]
  - id: "444455556666"
    users:
      - name: eve
        accessKeys: [{id: AKIAEVE000000000001, secret: s3}]
clusters:
  - name: prod
    account: "${ACCT}"
    region: us-east-1
    logging: [authenticator]
  - name: quiet
    account: "${ACCT}"
    region: us-east-1
    logging: [api]
  - name: dark
    account: "${ACCT}"
    region: us-east-1
`;
const GROUP = '/aws/eks/prod/cluster';

function setup() {
  const world = new World(parseScenario(SCENARIO));
  const prod = world.findCluster(ACCT, 'us-east-1', 'prod')!;
  const t0 = world.now() - 3_600_000;
  const lines = [
    'level=info msg="access granted" arn="arn:aws:iam::111122223333:user/alice" username=kubernetes-admin',
    'level=warning msg="access denied" arn="arn:aws:iam::111122223333:user/bob" error="ARN is not mapped"',
    'level=info msg="access granted" arn="arn:aws:iam::111122223333:role/Viewer" username=viewer',
    'level=warning msg="access denied" error="sts getCallerIdentity failed: error from AWS (expected 200, got 403)."',
  ];
  lines.forEach((l, i) => world.appendLog(ACCT, 'us-east-1', GROUP, prod.authenticatorStream, l, t0 + i * 60_000));
  world.appendLog(ACCT, 'us-east-1', GROUP, 'kube-apiserver-0001', 'I1101 GET /api username=kubernetes-admin', t0 + 30_000);
  return { world, prod, t0, ctx: ctxFor(world, 'AKIAALICE0000000001') };
}

function ctxFor(world: World, akid: string, region = 'us-east-1'): SignedContext {
  const k = world.lookupKey(akid);
  if (k.state !== 'active') throw new Error(`key ${akid} is ${k.state}`);
  return { world, caller: k.caller, region, requestId: 'req-logs' };
}

async function call(ctx: SignedContext, op: string, body: unknown): Promise<{ status: number; json: any; res: AwsResponse }> {
  const res = await logsService(
    {
      method: 'POST',
      path: '/',
      rawPath: '/',
      query: new URLSearchParams(),
      headers: { 'x-amz-target': `Logs_20140328.${op}`, 'content-type': 'application/x-amz-json-1.1' },
      body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    },
    ctx,
  );
  return { status: res.status, json: JSON.parse(String(res.body)), res };
}

describe('log groups and streams', () => {
  it('lists the groups of clusters with logging enabled, by prefix and with pagination', async () => {
    const { ctx } = setup();
    const all = await call(ctx, 'DescribeLogGroups', {});
    expect(all.status).toBe(200);
    expect(all.json.logGroups.map((g: { logGroupName: string }) => g.logGroupName)).toEqual(['/aws/eks/prod/cluster', '/aws/eks/quiet/cluster']);
    expect(all.json.logGroups[0]).toMatchObject({ arn: `arn:aws:logs:us-east-1:${ACCT}:log-group:${GROUP}:*`, logGroupArn: `arn:aws:logs:us-east-1:${ACCT}:log-group:${GROUP}` });
    const pref = await call(ctx, 'DescribeLogGroups', { logGroupNamePrefix: '/aws/eks/q' });
    expect(pref.json.logGroups).toHaveLength(1);
    const p1 = await call(ctx, 'DescribeLogGroups', { limit: 1 });
    expect(p1.json.logGroups).toHaveLength(1);
    const p2 = await call(ctx, 'DescribeLogGroups', { limit: 1, nextToken: p1.json.nextToken });
    expect(p2.json.logGroups[0].logGroupName).toBe('/aws/eks/quiet/cluster');
    expect(p2.json.nextToken).toBeUndefined();
    const other = await call(ctxFor(ctx.world, 'AKIAEVE000000000001'), 'DescribeLogGroups', {});
    expect(other.json.logGroups).toEqual([]);
    const bad = await call(ctx, 'DescribeLogGroups', { limit: 51 });
    expect(bad.json.__type).toBe('InvalidParameterException');
  });

  it('describes streams with first/last event times', async () => {
    const { ctx, prod, t0 } = setup();
    const r = await call(ctx, 'DescribeLogStreams', { logGroupName: GROUP, logStreamNamePrefix: 'authenticator-' });
    expect(r.json.logStreams).toHaveLength(1);
    expect(r.json.logStreams[0]).toMatchObject({ logStreamName: prod.authenticatorStream, firstEventTimestamp: t0, lastEventTimestamp: t0 + 180_000 });
    const byTime = await call(ctx, 'DescribeLogStreams', { logGroupName: GROUP, orderBy: 'LastEventTime', descending: true });
    expect(byTime.json.logStreams[0].logStreamName).toBe(prod.authenticatorStream);
    const conflict = await call(ctx, 'DescribeLogStreams', { logGroupName: GROUP, orderBy: 'LastEventTime', logStreamNamePrefix: 'a' });
    expect(conflict.json.__type).toBe('InvalidParameterException');
  });

  it('answers ResourceNotFoundException for an unknown group', async () => {
    const { ctx } = setup();
    for (const op of ['DescribeLogStreams', 'FilterLogEvents']) {
      const r = await call(ctx, op, { logGroupName: '/aws/eks/dark/cluster' });
      expect(r.status).toBe(400);
      expect(r.json).toEqual({ __type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });
    }
  });
});

describe('FilterLogEvents', () => {
  it('filters by quoted and plain terms, across streams, oldest first', async () => {
    const { ctx, prod } = setup();
    const r = await call(ctx, 'FilterLogEvents', { logGroupName: GROUP, filterPattern: '"username=kubernetes-admin"' });
    expect(r.json.events.map((e: { logStreamName: string }) => e.logStreamName)).toEqual([prod.authenticatorStream, 'kube-apiserver-0001']);
    const terms = await call(ctx, 'FilterLogEvents', { logGroupName: GROUP, filterPattern: 'access denied' });
    expect(terms.json.events).toHaveLength(2);
    const stream = await call(ctx, 'FilterLogEvents', { logGroupName: GROUP, logStreamNamePrefix: 'authenticator', filterPattern: '"username=kubernetes-admin"' });
    expect(stream.json.events).toHaveLength(1);
    expect(stream.json.events[0]).toMatchObject({ message: expect.stringContaining('user/alice'), eventId: expect.any(String), ingestionTime: expect.any(Number) });
    const named = await call(ctx, 'FilterLogEvents', { logGroupName: GROUP, logStreamNames: ['kube-apiserver-0001'] });
    expect(named.json.events).toHaveLength(1);
  });

  it('applies the time window and paginates with nextToken', async () => {
    const { ctx, t0 } = setup();
    const win = await call(ctx, 'FilterLogEvents', { logGroupName: GROUP, startTime: t0 + 60_000, endTime: t0 + 120_000 });
    expect(win.json.events).toHaveLength(2);
    const messages: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i++) {
      const r = await call(ctx, 'FilterLogEvents', { logGroupName: GROUP, limit: 2, ...(token ? { nextToken: token } : {}) });
      messages.push(...r.json.events.map((e: { message: string }) => e.message));
      token = r.json.nextToken;
      if (!token) break;
    }
    expect(messages).toHaveLength(5);
    const bad = await call(ctx, 'FilterLogEvents', { logGroupName: GROUP, nextToken: 'forged' });
    expect(bad.json.__type).toBe('InvalidParameterException');
  });

  it('keeps events with equal timestamps in written order (FilterLogEvents) and newest-written first (Insights)', async () => {
    const { ctx, world } = setup();
    const ts = world.now() - 1000;
    for (const n of ['first', 'second', 'third']) world.appendLog(ACCT, 'us-east-1', GROUP, 'tie-stream', `tie ${n}`, ts);
    const r = await call(ctx, 'FilterLogEvents', { logGroupName: GROUP, logStreamNames: ['tie-stream'] });
    expect(r.json.events.map((e: { message: string }) => e.message)).toEqual(['tie first', 'tie second', 'tie third']);
    const now = Math.floor(world.now() / 1000);
    const q = await call(ctx, 'StartQuery', { logGroupName: GROUP, startTime: now - 60, endTime: now, queryString: 'filter @message like "tie" | sort @timestamp desc | display @message' });
    const res = await call(ctx, 'GetQueryResults', { queryId: q.json.queryId });
    expect(res.json.results.map((row: Array<{ value: string }>) => row[0].value)).toEqual(['tie third', 'tie second', 'tie first']);
  });

  it('compiles term patterns: ?any, -exclude, %regex%', () => {
    const m = (p: string, s: string) => compileFilterPattern(p)(s);
    expect(m('', 'anything')).toBe(true);
    expect(m('ERROR timeout', 'ERROR: request timeout')).toBe(true);
    expect(m('ERROR timeout', 'ERROR: request failed')).toBe(false);
    expect(m('?ERROR ?WARN', 'WARN disk')).toBe(true);
    expect(m('?ERROR ?WARN', 'INFO ok')).toBe(false);
    expect(m('access -granted', 'access denied')).toBe(true);
    expect(m('access -granted', 'access granted')).toBe(false);
    expect(m('"access denied"', 'access   denied')).toBe(false);
    expect(m('%user/b.b%', 'arn:aws:iam::1:user/bob')).toBe(true);
    expect(() => compileFilterPattern('{ $.level = "x" }')).toThrow(/not supported/);
  });
});

describe('GetLogEvents', () => {
  it('reads a stream from the head or the tail with forward and backward tokens', async () => {
    const { ctx, prod } = setup();
    const head = await call(ctx, 'GetLogEvents', { logGroupName: GROUP, logStreamName: prod.authenticatorStream, startFromHead: true, limit: 3 });
    expect(head.json.events).toHaveLength(3);
    expect(head.json.events[0].message).toContain('user/alice');
    const next = await call(ctx, 'GetLogEvents', { logGroupName: GROUP, logStreamName: prod.authenticatorStream, nextToken: head.json.nextForwardToken, limit: 3 });
    expect(next.json.events).toHaveLength(1);
    const end = await call(ctx, 'GetLogEvents', { logGroupName: GROUP, logStreamName: prod.authenticatorStream, nextToken: next.json.nextForwardToken });
    expect(end.json.events).toHaveLength(0);
    expect(end.json.nextForwardToken).toBe(next.json.nextForwardToken);
    const tail = await call(ctx, 'GetLogEvents', { logGroupName: GROUP, logStreamName: prod.authenticatorStream, limit: 1 });
    expect(tail.json.events[0].message).toContain('sts getCallerIdentity failed');
    const missing = await call(ctx, 'GetLogEvents', { logGroupName: GROUP, logStreamName: 'nope' });
    expect(missing.json.__type).toBe('ResourceNotFoundException');
  });
});

describe('Logs Insights', () => {
  const ARTICLE =
    'fields @logstream, @timestamp, @message | sort @timestamp desc | filter @logStream like /authenticator/ | filter @message like "username=kubernetes-admin" | limit 50';

  it('runs the troubleshooting query and returns Complete results with @ptr and statistics', async () => {
    const { ctx, prod } = setup();
    const now = Math.floor(ctx.world.now() / 1000);
    const start = await call(ctx, 'StartQuery', { logGroupName: GROUP, startTime: now - 86_400, endTime: now, queryString: ARTICLE });
    expect(start.status).toBe(200);
    expect(start.json.queryId).toMatch(/^[0-9a-f-]{36}$/);
    const r = await call(ctx, 'GetQueryResults', { queryId: start.json.queryId });
    expect(r.json.status).toBe('Complete');
    expect(r.json.results).toHaveLength(1);
    const row = r.json.results[0] as Array<{ field: string; value: string }>;
    expect(row.map((f) => f.field)).toEqual(['@logstream', '@timestamp', '@message', '@ptr']);
    expect(row[0].value).toBe(prod.authenticatorStream);
    expect(row[1].value).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    expect(row[2].value).toContain('arn="arn:aws:iam::111122223333:user/alice"');
    expect(r.json.statistics).toMatchObject({ recordsMatched: 1, recordsScanned: 5 });
    const stop = await call(ctx, 'StopQuery', { queryId: start.json.queryId });
    expect(stop.json).toEqual({ success: false });
  });

  it('respects the time window in epoch seconds and logGroupNames', async () => {
    const { ctx, t0 } = setup();
    const s = Math.floor(t0 / 1000);
    const start = await call(ctx, 'StartQuery', { logGroupNames: [GROUP], startTime: s + 90, endTime: s + 150, queryString: 'stats count(*) as n' });
    const r = await call(ctx, 'GetQueryResults', { queryId: start.json.queryId });
    expect(r.json.results).toEqual([[{ field: 'n', value: '1' }]]);
  });

  it('answers MalformedQueryException with the position', async () => {
    const { ctx } = setup();
    const r = await call(ctx, 'StartQuery', { logGroupName: GROUP, startTime: 0, endTime: 10, queryString: 'fields @message | | limit 1' });
    expect(r.status).toBe(400);
    expect(r.json.__type).toBe('MalformedQueryException');
    expect(r.json.message).toBe('unexpected symbol found | at line 1 and position 18');
    expect(r.json.queryCompileError.location).toEqual({ startCharOffset: 18, endCharOffset: 19 });
  });

  it('validates groups, times and query ids, and checks IAM', async () => {
    const { ctx, world } = setup();
    const missing = await call(ctx, 'StartQuery', { logGroupName: '/aws/eks/dark/cluster', startTime: 0, endTime: 10, queryString: 'fields @message' });
    expect(missing.json).toEqual({ __type: 'ResourceNotFoundException', message: `Log group '/aws/eks/dark/cluster' does not exist for account ID '${ACCT}'` });
    const backwards = await call(ctx, 'StartQuery', { logGroupName: GROUP, startTime: 10, endTime: 0, queryString: 'fields @message' });
    expect(backwards.json.__type).toBe('InvalidParameterException');
    const noGroup = await call(ctx, 'StartQuery', { startTime: 0, endTime: 10, queryString: 'fields @message' });
    expect(noGroup.json.__type).toBe('InvalidParameterException');
    const unknownId = await call(ctx, 'GetQueryResults', { queryId: '00000000-0000-0000-0000-000000000000' });
    expect(unknownId.json.__type).toBe('ResourceNotFoundException');
    const denied = await call(ctxFor(world, 'AKIANOLOGS000000001'), 'StartQuery', { logGroupName: GROUP, startTime: 0, endTime: 10, queryString: 'fields @message' });
    expect(denied.status).toBe(403);
    expect(denied.json.__type).toBe('AccessDeniedException');
    expect(denied.json.message).toContain(`is not authorized to perform: logs:StartQuery on resource: arn:aws:logs:us-east-1:${ACCT}:log-group:${GROUP}:*`);
  });
});

describe('robustness', () => {
  it('answers unknown targets and malformed bodies with JSON errors', async () => {
    const { ctx } = setup();
    const unknown = await call(ctx, 'PutLogEvents', {});
    expect(unknown.json.__type).toBe('UnknownOperationException');
    const junk = await call(ctx, 'FilterLogEvents', '{oops');
    expect(junk.json.__type).toBe('SerializationException');
    const wrongType = await call(ctx, 'FilterLogEvents', { logGroupName: GROUP, limit: 'ten' });
    expect(wrongType.status).toBe(400);
    const arr = await call(ctx, 'DescribeLogGroups', '[]');
    expect(arr.status).toBe(400);
  });
});

describe('malformed input (fuzz)', () => {
  it('never answers 5xx to random bodies or queries (bounded, seeded)', async () => {
    let seed = 777;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pick = <T>(xs: T[]): T => xs[rnd(xs.length)];
    const ops = ['DescribeLogGroups', 'DescribeLogStreams', 'FilterLogEvents', 'GetLogEvents', 'StartQuery', 'GetQueryResults', 'StopQuery'];
    const keys = ['logGroupName', 'logGroupNames', 'logGroupIdentifier', 'logStreamName', 'logStreamNames', 'logStreamNamePrefix', 'startTime', 'endTime', 'limit', 'nextToken', 'filterPattern', 'queryString', 'queryId', 'orderBy', 'descending', 'startFromHead'];
    const values: unknown[] = [null, 0, -5, 1e15, 2.5, '', GROUP, 'f/1', 'b/99', '"x', '?a -b', '%(%', '{', [], [GROUP], {}, true];
    const fragments = ['fields', '@message', '|', 'filter', 'like', '/a/', '"s"', '(', ')', 'and', 'not', 'stats', 'count(*)', 'by', 'sort', 'desc', 'limit', '5', 'parse', 'as', ',', '=', 'bin(1m)', 'in', '[', ']'];
    const { ctx } = setup();
    for (let i = 0; i < 400; i++) {
      const body: Record<string, unknown> = {};
      for (let k = rnd(5); k > 0; k--) body[pick(keys)] = pick(values);
      if (rnd(2) === 0) {
        body.queryString = Array.from({ length: rnd(12) }, () => pick(fragments)).join(' ');
        body.logGroupName = GROUP;
        body.startTime = 0;
        body.endTime = 2_000_000_000;
      }
      const res = await call(ctx, pick(ops), rnd(12) === 0 ? '{"cut' : body);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
    }
    const deep = await call(ctx, 'StartQuery', { logGroupName: GROUP, startTime: 0, endTime: 1, queryString: `filter ${'('.repeat(3000)}1${')'.repeat(3000)}` });
    expect(deep.json.__type).toBe('MalformedQueryException');
  });
});
