// The authenticator's log lines (CloudWatch Logs Insights), when the cluster logs them: the lines for the
// diagnosed identity, and the article's query for the creator (`username=kubernetes-admin`).
import { GetQueryResultsCommand, StartQueryCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { awsErrorOf } from '../clusters/errors.js';
import type { Gathered, LogFacts } from './types.js';

const POLL_MS = 200;
const MAX_POLLS = 50;
const WINDOW_SECONDS = 7 * 86_400;

export const CREATOR_QUERY =
  'fields @logstream, @timestamp, @message | sort @timestamp desc | filter @logStream like /authenticator/ | filter @message like "username=kubernetes-admin" | limit 50';

export function identityQuery(arn: string): string {
  return `fields @logstream, @timestamp, @message | sort @timestamp desc | filter @logStream like /authenticator/ | filter @message like "${arn.replace(/["\\]/g, '')}" | limit 20`;
}

async function runQuery(logs: CloudWatchLogsClient, group: string, query: string, now: Date): Promise<string[]> {
  const end = Math.floor(now.getTime() / 1000) + 3600;
  const started = await logs.send(new StartQueryCommand({ logGroupName: group, queryString: query, startTime: end - WINDOW_SECONDS - 3600, endTime: end }));
  for (let i = 0; i < MAX_POLLS; i++) {
    const out = await logs.send(new GetQueryResultsCommand({ queryId: started.queryId }));
    if (out.status === 'Complete') {
      return (out.results ?? []).map((row) => row.find((f) => f.field === '@message')?.value ?? '').filter(Boolean);
    }
    if (out.status === 'Failed' || out.status === 'Cancelled' || out.status === 'Timeout') throw Object.assign(new Error(`the query ended ${out.status}`), { name: `Query${out.status}` });
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw Object.assign(new Error('the query did not complete in time'), { name: 'QueryTimeout' });
}

export async function gatherLogs(logs: CloudWatchLogsClient, clusterName: string, identityArn: string | undefined, via: string, now = new Date()): Promise<Gathered<LogFacts>> {
  const group = `/aws/eks/${clusterName}/cluster`;
  try {
    const [identityLines, creatorLines] = await Promise.all([
      identityArn ? runQuery(logs, group, identityQuery(identityArn), now) : Promise.resolve([]),
      runQuery(logs, group, CREATOR_QUERY, now),
    ]);
    // `like` matches substrings (user/maria also finds user/maria-admin): keep the lines about exactly this ARN.
    const exact = identityArn?.toLowerCase();
    return { ok: true, value: { identityLines: identityLines.filter((l) => arnOfLogLine(l)?.toLowerCase() === exact), creatorLines }, via };
  } catch (err) {
    const { code, message } = awsErrorOf(err);
    return { ok: false, failure: { code, message }, via };
  }
}

/** The `arn="…"` of a logfmt line. */
export function arnOfLogLine(line: string): string | undefined {
  return /\barn="([^"]+)"/.exec(line)?.[1];
}
