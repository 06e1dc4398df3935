// Amazon CloudWatch Logs (awsJson1.1, X-Amz-Target Logs_20140328.<Op>): log groups and streams,
// FilterLogEvents / GetLogEvents, and Logs Insights queries over the authenticator lines the clusters write.
import { AwsError, json11Error } from './errors.js';
import { authorize } from './iam-authorize.js';
import type { AwsResponse, SignedContext, SignedServiceHandler } from './types.js';
import type { LogEvent, LogGroup } from '../world/types.js';
import { QuerySyntaxError } from './logs-insights-syntax.js';
import { getQueryResults, malformedQuery, startQuery, stopQuery } from './logs-insights-queries.js';
import { groupArn, identifierToName, invalidParameter, notFound, ok, parseBody, str, int, strList, type Body } from './logs-request.js';

const GROUP_NOT_FOUND = 'The specified log group does not exist.';

function encodeToken(kind: string, offset: number): string {
  return Buffer.from(JSON.stringify({ k: kind, o: offset })).toString('base64url');
}

function decodeToken(token: string | undefined, kind: string): number {
  if (!token) return 0;
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { k?: unknown; o?: unknown };
    if (v.k === kind && typeof v.o === 'number' && Number.isInteger(v.o) && v.o >= 0) return v.o;
  } catch {
    // fall through
  }
  throw invalidParameter('The specified nextToken is invalid.');
}

/** EKS creates /aws/eks/<cluster>/cluster once any control-plane log type is enabled. */
function ensureClusterGroups(ctx: SignedContext): void {
  for (const c of ctx.world.clustersIn(ctx.caller.account, ctx.region)) {
    if (c.logging.size === 0) continue;
    const name = `/aws/eks/${c.name}/cluster`;
    if (!ctx.world.logGroup(c.account, c.region, name)) ctx.world.logGroup(c.account, c.region, name, true)!.createdAt = c.createdAt;
  }
}

/** logGroupName, or logGroupIdentifier (a name or an ARN). */
function groupNameFrom(body: Body): string {
  const name = str(body, 'logGroupName');
  const ident = str(body, 'logGroupIdentifier');
  if (name && ident) throw invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  const raw = name ?? ident;
  if (!raw) throw invalidParameter('Either logGroupName or logGroupIdentifier must be specified.');
  return identifierToName(raw);
}

function requireGroup(ctx: SignedContext, name: string): LogGroup {
  const g = ctx.world.logGroup(ctx.caller.account, ctx.region, name);
  if (!g) throw notFound(GROUP_NOT_FOUND);
  return g;
}

function streamView(g: LogGroup, name: string, events: LogEvent[]): Record<string, unknown> {
  const first = events[0];
  const last = events[events.length - 1];
  return {
    logStreamName: name,
    creationTime: first?.ingestionTime ?? g.createdAt,
    ...(first ? { firstEventTimestamp: first.timestamp, lastEventTimestamp: last.timestamp, lastIngestionTime: last.ingestionTime } : {}),
    uploadSequenceToken: String(49_000_000_000_000_000_000_000n + BigInt(events.length)),
    arn: `arn:aws:logs:${g.region}:${g.account}:log-group:${g.name}:log-stream:${name}`,
    storedBytes: 0,
  };
}

function describeLogGroups(body: Body, ctx: SignedContext): AwsResponse {
  authorize(ctx, 'logs:DescribeLogGroups', `arn:aws:logs:${ctx.region}:${ctx.caller.account}:log-group::log-stream:`);
  const prefix = str(body, 'logGroupNamePrefix');
  const pattern = str(body, 'logGroupNamePattern');
  if (prefix && pattern) throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  const limit = int(body, 'limit', 1, 50) ?? 50;
  const groups = [...ctx.world.logGroups.values()]
    .filter((g) => g.account === ctx.caller.account && g.region === ctx.region)
    .filter((g) => !prefix || g.name.startsWith(prefix))
    .filter((g) => !pattern || g.name.toLowerCase().includes(pattern.toLowerCase()))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const offset = decodeToken(str(body, 'nextToken'), 'groups');
  const page = groups.slice(offset, offset + limit);
  return ok({
    logGroups: page.map((g) => ({
      logGroupName: g.name,
      creationTime: g.createdAt,
      metricFilterCount: 0,
      arn: g.arn,
      storedBytes: [...g.streams.values()].reduce((n, evs) => n + evs.reduce((m, e) => m + Buffer.byteLength(e.message), 0), 0),
      logGroupClass: 'STANDARD',
      logGroupArn: g.arn.replace(/:\*$/, ''),
    })),
    ...(offset + page.length < groups.length ? { nextToken: encodeToken('groups', offset + page.length) } : {}),
  });
}

function describeLogStreams(body: Body, ctx: SignedContext): AwsResponse {
  const name = groupNameFrom(body);
  authorize(ctx, 'logs:DescribeLogStreams', groupArn(ctx, name));
  const g = requireGroup(ctx, name);
  const prefix = str(body, 'logStreamNamePrefix');
  const orderBy = str(body, 'orderBy') ?? 'LogStreamName';
  if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') throw invalidParameter(`Invalid orderBy: ${orderBy}`);
  if (prefix && orderBy === 'LastEventTime') throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
  const descending = body.descending === true;
  const limit = int(body, 'limit', 1, 50) ?? 50;
  const streams = [...g.streams.entries()]
    .filter(([n]) => !prefix || n.startsWith(prefix))
    .sort(([an, ae], [bn, be]) =>
      orderBy === 'LastEventTime' ? (ae[ae.length - 1]?.timestamp ?? 0) - (be[be.length - 1]?.timestamp ?? 0) : an < bn ? -1 : an > bn ? 1 : 0,
    );
  if (descending) streams.reverse();
  const offset = decodeToken(str(body, 'nextToken'), 'streams');
  const page = streams.slice(offset, offset + limit);
  return ok({
    logStreams: page.map(([n, evs]) => streamView(g, n, evs)),
    ...(offset + page.length < streams.length ? { nextToken: encodeToken('streams', offset + page.length) } : {}),
  });
}

/**
 * A term filter pattern: plain or "quoted" terms must all appear, ?terms need at least one match,
 * -terms must not appear; %regex% matches a regular expression. Matching is case-sensitive.
 */
export function compileFilterPattern(pattern: string | undefined): (message: string) => boolean {
  const p = (pattern ?? '').trim();
  if (!p) return () => true;
  if (p.startsWith('{') || p.startsWith('[')) throw invalidParameter('Invalid filter pattern: JSON and space-delimited filter patterns are not supported by the sandbox.');
  if (p.length > 1 && p.startsWith('%') && p.endsWith('%')) {
    let re: RegExp;
    try {
      re = new RegExp(p.slice(1, -1));
    } catch {
      throw invalidParameter('Invalid filter pattern: the regular expression does not compile.');
    }
    return (m) => re.test(m);
  }
  const required: string[] = [];
  const optional: string[] = [];
  const excluded: string[] = [];
  const tokenRe = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const m of p.matchAll(tokenRe)) {
    const term = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
    if (m[2] === undefined && m[3].includes('"')) throw invalidParameter('Invalid filter pattern: unbalanced quotes.');
    (m[1] === '?' ? optional : m[1] === '-' ? excluded : required).push(term);
  }
  return (msg) =>
    required.every((t) => msg.includes(t)) && !excluded.some((t) => msg.includes(t)) && (optional.length === 0 || optional.some((t) => msg.includes(t)));
}

function filterLogEvents(body: Body, ctx: SignedContext): AwsResponse {
  const name = groupNameFrom(body);
  authorize(ctx, 'logs:FilterLogEvents', groupArn(ctx, name));
  const g = requireGroup(ctx, name);
  const names = strList(body, 'logStreamNames');
  const prefix = str(body, 'logStreamNamePrefix');
  if (names && prefix) throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  const start = int(body, 'startTime', 0, Number.MAX_SAFE_INTEGER);
  const end = int(body, 'endTime', 0, Number.MAX_SAFE_INTEGER);
  const limit = int(body, 'limit', 1, 10000) ?? 10000;
  const match = compileFilterPattern(str(body, 'filterPattern'));
  const events: Array<LogEvent & { logStreamName: string }> = [];
  for (const [stream, evs] of g.streams) {
    if (names && !names.includes(stream)) continue;
    if (prefix && !stream.startsWith(prefix)) continue;
    for (const e of evs) {
      if (start !== undefined && e.timestamp < start) continue;
      if (end !== undefined && e.timestamp > end) continue;
      if (match(e.message)) events.push({ ...e, logStreamName: stream });
    }
  }
  // Stable: events with the same timestamp stay in the order they were written.
  events.sort((a, b) => a.timestamp - b.timestamp);
  const offset = decodeToken(str(body, 'nextToken'), 'filter');
  const page = events.slice(offset, offset + limit);
  return ok({
    events: page.map((e) => ({ logStreamName: e.logStreamName, timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime, eventId: e.eventId })),
    searchedLogStreams: [],
    ...(offset + page.length < events.length ? { nextToken: encodeToken('filter', offset + page.length) } : {}),
  });
}

function getLogEvents(body: Body, ctx: SignedContext): AwsResponse {
  const name = groupNameFrom(body);
  authorize(ctx, 'logs:GetLogEvents', groupArn(ctx, name));
  const g = requireGroup(ctx, name);
  const streamName = str(body, 'logStreamName');
  if (!streamName) throw invalidParameter('logStreamName is required.');
  const stream = g.streams.get(streamName);
  if (!stream) throw notFound('The specified log stream does not exist.');
  const start = int(body, 'startTime', 0, Number.MAX_SAFE_INTEGER);
  const end = int(body, 'endTime', 0, Number.MAX_SAFE_INTEGER);
  const limit = int(body, 'limit', 1, 10000) ?? 10000;
  const events = stream.filter((e) => (start === undefined || e.timestamp >= start) && (end === undefined || e.timestamp < end));
  const token = str(body, 'nextToken');
  let from: number;
  let to: number;
  if (token) {
    const m = /^([fb])\/(\d+)$/.exec(token);
    if (!m) throw invalidParameter('The specified nextToken is invalid.');
    const at = Math.min(Number(m[2]), events.length);
    [from, to] = m[1] === 'f' ? [at, Math.min(events.length, at + limit)] : [Math.max(0, at - limit), at];
  } else if (body.startFromHead === true) {
    [from, to] = [0, Math.min(events.length, limit)];
  } else {
    [from, to] = [Math.max(0, events.length - limit), events.length];
  }
  const pad = (n: number) => String(n).padStart(56, '0');
  return ok({
    events: events.slice(from, to).map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
    nextForwardToken: `f/${pad(to)}`,
    nextBackwardToken: `b/${pad(from)}`,
  });
}

const OPERATIONS: Record<string, (body: Body, ctx: SignedContext) => AwsResponse> = {
  DescribeLogGroups: describeLogGroups,
  DescribeLogStreams: describeLogStreams,
  FilterLogEvents: filterLogEvents,
  GetLogEvents: getLogEvents,
  StartQuery: startQuery,
  GetQueryResults: getQueryResults,
  StopQuery: stopQuery,
};

export const logsService: SignedServiceHandler = (req, ctx) => {
  try {
    const target = String(req.headers['x-amz-target'] ?? '');
    const [prefix, op] = target.split('.');
    const handler = prefix === 'Logs_20140328' && Object.hasOwn(OPERATIONS, op) ? OPERATIONS[op] : undefined;
    if (!handler) throw new AwsError(400, 'UnknownOperationException', `Unknown operation ${target || '(no X-Amz-Target)'}.`);
    ensureClusterGroups(ctx);
    return handler(parseBody(req), ctx);
  } catch (err) {
    if (err instanceof QuerySyntaxError) return malformedQuery(err, ctx.requestId);
    if (err instanceof AwsError) return json11Error(err, ctx.requestId);
    return json11Error(new AwsError(500, 'ServiceUnavailableException', 'The service cannot complete the request.'), ctx.requestId);
  }
};
