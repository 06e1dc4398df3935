// One Logs Insights query, start to results, with bounded polling; returns the raw rows and what the CLI needs to
// repeat it (query id, time window).
import { GetQueryResultsCommand, StartQueryCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ContractError } from '../../shared/contract-kit.js';

export interface InsightsRun {
  queryId: string;
  startTime: number;
  endTime: number;
  /** One record per row: field name → value. */
  rows: Array<Record<string, string>>;
}

export interface InsightsOptions {
  now?: Date;
  windowSeconds?: number;
  pollMs?: number;
  maxPolls?: number;
}

/** Which call failed, so the caller can name the missing permission. */
export class InsightsCallError extends Error {
  constructor(readonly step: 'start' | 'results', readonly cause: unknown) {
    super(String((cause as Error)?.message ?? cause));
  }
}

export async function runInsightsQuery(logs: CloudWatchLogsClient, logGroup: string, queryString: string, opts: InsightsOptions = {}): Promise<InsightsRun> {
  const now = opts.now ?? new Date();
  // An hour past now tolerates a clock that runs behind AWS's.
  const endTime = Math.floor(now.getTime() / 1000) + 3600;
  const startTime = endTime - 3600 - (opts.windowSeconds ?? 7 * 86_400);
  const pollMs = opts.pollMs ?? 500;
  const maxPolls = opts.maxPolls ?? 60;
  let queryId: string | undefined;
  try {
    queryId = (await logs.send(new StartQueryCommand({ logGroupName: logGroup, queryString, startTime, endTime }))).queryId;
  } catch (err) {
    throw new InsightsCallError('start', err);
  }
  if (!queryId) throw new ContractError('QUERY_FAILED', 'Logs Insights returned no query id');
  for (let i = 0; i < maxPolls; i++) {
    let out;
    try {
      out = await logs.send(new GetQueryResultsCommand({ queryId }));
    } catch (err) {
      throw new InsightsCallError('results', err);
    }
    if (out.status === 'Complete') {
      const rows = (out.results ?? []).map((fields) => Object.fromEntries(fields.filter((f) => f.field).map((f) => [f.field!, f.value ?? ''])));
      return { queryId, startTime, endTime, rows };
    }
    if (out.status === 'Failed' || out.status === 'Cancelled' || out.status === 'Timeout') {
      throw new ContractError('QUERY_FAILED', `The Logs Insights query ${queryId} ended ${out.status}.`);
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new ContractError('QUERY_TIMEOUT', `The Logs Insights query ${queryId} did not complete within ${Math.round((pollMs * maxPolls) / 1000)} s: run it again.`);
}

/** A field of a result row, matched case-insensitively (the article's query asks for @logstream). */
export function fieldOf(row: Record<string, string>, name: string): string | undefined {
  if (name in row) return row[name];
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(row)) if (k.toLowerCase() === lower) return v;
  return undefined;
}
