// Amazon CloudWatch Logs Insights: StartQuery, GetQueryResults and StopQuery over the events of the
// queried log groups. A query runs to the end as it starts, so it is always Complete when asked.
import { randomUUID } from 'node:crypto';
import { authorize } from './iam-authorize.js';
import type { AwsResponse, SignedContext } from './types.js';
import type { LogGroup } from '../world/types.js';
import type { World } from '../world/world.js';
import { parseQuery } from './logs-insights-parser.js';
import { runQuery, type QueryOutput } from './logs-insights-evaluator.js';
import type { QuerySyntaxError, InsightsRecord } from './logs-insights-syntax.js';
import { JSON11, groupArn, identifierToName, int, invalidParameter, notFound, ok, str, strList, type Body } from './logs-request.js';

interface StoredQuery {
  id: string;
  account: string;
  region: string;
  status: 'Complete' | 'Cancelled';
  output: QueryOutput;
}

const queriesByWorld = new WeakMap<World, Map<string, StoredQuery>>();

function queries(world: World): Map<string, StoredQuery> {
  let m = queriesByWorld.get(world);
  if (!m) queriesByWorld.set(world, (m = new Map()));
  return m;
}

/** The events of the queried groups in the time window as Insights records, newest first. */
function insightsRecords(ctx: SignedContext, groups: LogGroup[], startMs: number, endMs: number): InsightsRecord[] {
  const out: InsightsRecord[] = [];
  for (const g of groups) {
    for (const [stream, evs] of g.streams) {
      for (const e of evs) {
        if (e.timestamp < startMs || e.timestamp > endMs) continue;
        const rec: InsightsRecord = {
          ...discoveredJsonFields(e.message),
          '@timestamp': new Date(e.timestamp),
          '@message': e.message,
          '@logStream': stream,
          '@log': `${g.account}:${g.name}`,
          '@ingestionTime': new Date(e.ingestionTime),
          '@ptr': Buffer.from(`${g.account}:${g.region}:${g.name}:${stream}:${e.eventId}`).toString('base64'),
        };
        out.push(rec);
      }
    }
  }
  // Newest first; among equal timestamps the later-written event first.
  return out.reverse().sort((a, b) => (b['@timestamp'] as Date).getTime() - (a['@timestamp'] as Date).getTime());
}

/** Insights discovers the fields of JSON events (nested keys joined with '.'). */
function discoveredJsonFields(message: string): InsightsRecord {
  if (!message.trimStart().startsWith('{')) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return {};
  }
  const out: InsightsRecord = {};
  const walk = (v: unknown, prefix: string) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v)) walk(x, prefix ? `${prefix}.${k}` : k);
    } else if (prefix) {
      out[prefix] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
    }
  };
  walk(parsed, '');
  return out;
}

export function startQuery(body: Body, ctx: SignedContext): AwsResponse {
  const single = str(body, 'logGroupName');
  const names = [
    ...(single ? [single] : []),
    ...(strList(body, 'logGroupNames') ?? []),
    ...(strList(body, 'logGroupIdentifiers') ?? []).map(identifierToName),
  ];
  if (names.length === 0) throw invalidParameter('Either logGroupName, logGroupNames or logGroupIdentifiers must be specified.');
  for (const n of names) authorize(ctx, 'logs:StartQuery', groupArn(ctx, n));
  const startTime = int(body, 'startTime', 0, Number.MAX_SAFE_INTEGER);
  const endTime = int(body, 'endTime', 0, Number.MAX_SAFE_INTEGER);
  if (startTime === undefined || endTime === undefined) throw invalidParameter('startTime and endTime are required.');
  if (endTime < startTime) throw invalidParameter('endTime must be greater than or equal to startTime.');
  const queryString = str(body, 'queryString');
  if (queryString === undefined) throw invalidParameter('queryString is required.');
  if (queryString.length > 10000) throw invalidParameter('queryString must be at most 10000 characters long.');
  const limit = int(body, 'limit', 1, 10000);
  const groups = names.map((n) => {
    const g = ctx.world.logGroup(ctx.caller.account, ctx.region, n);
    if (!g) throw notFound(`Log group '${n}' does not exist for account ID '${ctx.caller.account}'`);
    return g;
  });
  const parsed = parseQuery(queryString);
  const output = runQuery(parsed, insightsRecords(ctx, groups, startTime * 1000, endTime * 1000 + 999), { limit });
  const id = randomUUID();
  queries(ctx.world).set(id, { id, account: ctx.caller.account, region: ctx.region, status: 'Complete', output });
  return ok({ queryId: id });
}

function requireQuery(body: Body, ctx: SignedContext): StoredQuery {
  const id = str(body, 'queryId');
  if (!id) throw invalidParameter('queryId is required.');
  const q = queries(ctx.world).get(id);
  if (!q || q.account !== ctx.caller.account || q.region !== ctx.region) throw notFound(`Query ${id} does not exist.`);
  return q;
}

export function getQueryResults(body: Body, ctx: SignedContext): AwsResponse {
  authorize(ctx, 'logs:GetQueryResults', `arn:aws:logs:${ctx.region}:${ctx.caller.account}:log-group:*`);
  const q = requireQuery(body, ctx);
  return ok({
    queryLanguage: 'CWLI',
    results: q.status === 'Complete' ? q.output.rows : [],
    statistics: { recordsMatched: q.output.recordsMatched, recordsScanned: q.output.recordsScanned, bytesScanned: q.output.bytesScanned },
    status: q.status,
  });
}

export function stopQuery(body: Body, ctx: SignedContext): AwsResponse {
  authorize(ctx, 'logs:StopQuery', `arn:aws:logs:${ctx.region}:${ctx.caller.account}:log-group:*`);
  requireQuery(body, ctx);
  // Queries finish as they start here, so there is never a running one to stop.
  return ok({ success: false });
}

export function malformedQuery(err: QuerySyntaxError, requestId: string): AwsResponse {
  return {
    status: 400,
    headers: { 'content-type': JSON11, 'x-amzn-requestid': requestId },
    body: JSON.stringify({
      __type: 'MalformedQueryException',
      message: err.message,
      queryCompileError: { location: { startCharOffset: err.start, endCharOffset: err.end }, message: err.message },
    }),
  };
}
