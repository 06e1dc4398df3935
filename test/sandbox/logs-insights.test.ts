// Logs Insights parser and evaluator: the EKS troubleshooting queries, the operators, and parse errors with positions.
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../sandbox/aws/logs-insights-parser.js';
import { runQuery } from '../../sandbox/aws/logs-insights-evaluator.js';
import { QuerySyntaxError, type InsightsRecord } from '../../sandbox/aws/logs-insights-syntax.js';

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const AUTH = 'authenticator-0123abcd';

function rec(i: number, stream: string, message: string): InsightsRecord {
  return {
    '@timestamp': new Date(T0 + i * 60_000),
    '@message': message,
    '@logStream': stream,
    '@log': '111122223333:/aws/eks/prod/cluster',
    '@ptr': `ptr-${i}`,
  };
}

const granted = (user: string, arn: string) =>
  `time="2026-11-01T12:00:00Z" level=info msg="access granted" arn="${arn}" client="127.0.0.1:57586" groups="[system:masters]" method=POST path=/authenticate uid="aws-iam-authenticator:111122223333:AIDAX" username=${user}`;
const denied = (arn: string) =>
  `time="2026-11-01T12:00:00Z" level=warning msg="access denied" arn="${arn}" client="127.0.0.1:57586" error="ARN is not mapped" method=POST path=/authenticate`;

// Oldest first here; runQuery receives them newest first, as the service feeds it.
const RECORDS: InsightsRecord[] = [
  rec(0, AUTH, granted('kubernetes-admin', 'arn:aws:iam::111122223333:user/alice')),
  rec(1, AUTH, denied('arn:aws:iam::111122223333:user/bob')),
  rec(2, 'kube-apiserver-abc', 'I1101 request username=kubernetes-admin GET /api'),
  rec(3, AUTH, granted('kubernetes-admin', 'arn:aws:iam::111122223333:user/alice')),
  rec(4, AUTH, granted('viewer', 'arn:aws:iam::111122223333:role/Viewer')),
  rec(5, AUTH, denied('arn:aws:iam::111122223333:user/bob')),
].reverse();

function run(query: string, opts?: { limit?: number }) {
  return runQuery(parseQuery(query), RECORDS, opts);
}

function column(rows: Array<Array<{ field: string; value: string }>>, field: string): Array<string | undefined> {
  return rows.map((r) => r.find((f) => f.field === field)?.value);
}

function syntaxError(query: string): QuerySyntaxError {
  try {
    parseQuery(query);
  } catch (e) {
    if (e instanceof QuerySyntaxError) return e;
    throw e;
  }
  throw new Error(`no error for ${query}`);
}

describe('the EKS troubleshooting query', () => {
  const ARTICLE =
    'fields @logstream, @timestamp, @message | sort @timestamp desc | filter @logStream like /authenticator/ | filter @message like "username=kubernetes-admin" | limit 50';

  it('finds the creator lines on authenticator streams only, newest first', () => {
    const out = run(ARTICLE);
    expect(out.rows).toHaveLength(2);
    expect(column(out.rows, '@ptr')).toEqual(['ptr-3', 'ptr-0']);
    expect(column(out.rows, '@timestamp')).toEqual(['2026-11-01 12:03:00.000', '2026-11-01 12:00:00.000']);
    for (const r of out.rows) {
      expect(r.map((f) => f.field)).toEqual(['@logstream', '@timestamp', '@message', '@ptr']);
      expect(r[0].value).toBe(AUTH); // @logstream in fields resolves @logStream
      expect(r[2].value).toContain('arn="arn:aws:iam::111122223333:user/alice"');
    }
    expect(out.recordsMatched).toBe(2);
    expect(out.recordsScanned).toBe(6);
    expect(out.bytesScanned).toBeGreaterThan(0);
  });

  it('honours the limit and the sort direction', () => {
    expect(column(run(ARTICLE.replace('limit 50', 'limit 1')).rows, '@ptr')).toEqual(['ptr-3']);
    expect(column(run(ARTICLE.replace('desc', 'asc')).rows, '@ptr')).toEqual(['ptr-0', 'ptr-3']);
  });
});

describe('filter expressions', () => {
  it('like with a string is a case-sensitive substring test', () => {
    expect(run('filter @message like "access denied"').rows).toHaveLength(2);
    expect(run('filter @message like "ACCESS DENIED"').rows).toHaveLength(0);
  });

  it('like with a regex, flags and (?i)', () => {
    expect(run('filter @message like /ACCESS DENIED/').rows).toHaveLength(0);
    expect(run('filter @message like /ACCESS DENIED/i').rows).toHaveLength(2);
    expect(run('filter @message like /(?i)ACCESS DENIED/').rows).toHaveLength(2);
    expect(run('filter @message =~ /user\\/b.b/').rows).toHaveLength(2);
  });

  it('not like, not, and, or, parentheses', () => {
    expect(run('filter @logStream not like /authenticator/').rows).toHaveLength(1);
    expect(run('filter not (@logStream like /authenticator/)').rows).toHaveLength(1);
    expect(run('filter @message like "granted" and @message like "viewer"').rows).toHaveLength(1);
    expect(run('filter @message like "viewer" or @message like "denied"').rows).toHaveLength(3);
    expect(run('filter (@message like "viewer" or @message like "denied") and @ptr != "ptr-5"').rows).toHaveLength(2);
  });

  it('= and != on fields, in lists, comparisons on timestamps', () => {
    expect(run(`filter @logStream = "${AUTH}"`).rows).toHaveLength(5);
    expect(run(`filter @logStream != "${AUTH}"`).rows).toHaveLength(1);
    expect(run('filter @ptr in ["ptr-1", "ptr-2"]').rows).toHaveLength(2);
    expect(run('filter @ptr not in ["ptr-1", "ptr-2"]').rows).toHaveLength(4);
    expect(run(`filter @timestamp >= ${T0 + 4 * 60_000}`).rows).toHaveLength(2);
  });

  it('functions: ispresent, strcontains, tolower', () => {
    expect(run('filter ispresent(@logStream)').rows).toHaveLength(6);
    expect(run('filter ispresent(nosuchfield)').rows).toHaveLength(0);
    expect(run('filter strcontains(@message, "Viewer")').rows).toHaveLength(1);
    expect(run('filter tolower(@message) like "i1101"').rows).toHaveLength(1);
  });
});

describe('projection, parse and stats', () => {
  it('returns @timestamp, @message, @logStream, @log and @ptr without a fields command', () => {
    const out = run('limit 1');
    expect(out.rows[0].map((f) => f.field)).toEqual(['@timestamp', '@message', '@logStream', '@log', '@ptr']);
    expect(column(out.rows, '@ptr')).toEqual(['ptr-5']);
  });

  it('fields with aliases and display', () => {
    const out = run('fields @logStream as stream, @message | display stream | limit 2');
    expect(out.rows[0]).toEqual([{ field: 'stream', value: AUTH }, { field: '@ptr', value: 'ptr-5' }]);
  });

  it('parse with a glob pattern and with named regex groups', () => {
    const glob = run('filter @message like "granted" | parse @message \'arn="*" * username=*\' as arn, rest, user | display user, arn');
    expect(column(glob.rows, 'user')).toEqual(['viewer', 'kubernetes-admin', 'kubernetes-admin']);
    expect(column(glob.rows, 'arn')[0]).toBe('arn:aws:iam::111122223333:role/Viewer');
    const re = run('parse @message /error="(?<reason>[^"]+)"/ | filter ispresent(reason) | display reason');
    expect(column(re.rows, 'reason')).toEqual(['ARN is not mapped', 'ARN is not mapped']);
  });

  it('stats count(*) by a parsed field, sorted', () => {
    const out = run('filter @logStream like /authenticator/ | parse @message /username=(?<user>\\S+)/ | stats count(*) by user | sort user asc');
    // Denied lines carry no username: their group has no user value and sorts last.
    expect(out.rows).toEqual([
      [{ field: 'user', value: 'kubernetes-admin' }, { field: 'count(*)', value: '2' }],
      [{ field: 'user', value: 'viewer' }, { field: 'count(*)', value: '1' }],
      [{ field: 'count(*)', value: '2' }],
    ]);
    const aliased = run('stats count(*) as n, count_distinct(@logStream) as streams');
    expect(aliased.rows).toEqual([[{ field: 'n', value: '6' }, { field: 'streams', value: '2' }]]);
    const bins = run('stats count(*) by bin(2m)');
    expect(bins.rows.map((r) => r[1].value).reduce((a, b) => a + Number(b), 0)).toBe(6);
    expect(bins.rows[0][0].field).toBe('bin(2m)');
  });

  it('dedup keeps the first row per key', () => {
    expect(run('dedup @logStream').rows).toHaveLength(2);
  });

  it('applies StartQuery limit when the query has none', () => {
    expect(run('fields @message', { limit: 3 }).rows).toHaveLength(3);
    expect(run('fields @message | limit 5', { limit: 3 }).rows).toHaveLength(5);
  });
});

describe('parse errors', () => {
  it('names the symbol and its position', () => {
    const e = syntaxError('fields @message | sort @timestamp desc | | limit 5');
    expect(e.message).toBe('unexpected symbol found | at line 1 and position 41');
    expect([e.start, e.end]).toEqual([41, 42]);
  });

  it('reports line and column on multi-line queries', () => {
    const e = syntaxError('fields @message\n| filter @message like\n| limit 5');
    expect(e.line).toBe(3);
    expect(e.column).toBe(0);
  });

  it.each([
    ['', 'the query is empty'],
    ['fields', 'unexpected end of query'],
    ['filter @message like "open', 'unterminated string'],
    ['filter @message like /open', 'unterminated regular expression'],
    ['filter @message like /(/', 'invalid regular expression'],
    ['filtr @message like "x"', 'unknown command filtr'],
    ['limit 0', 'limit must be between 1 and 10000'],
    ['limit many', 'unexpected symbol found many'],
    ['filter nosuchfn(@message)', 'unknown function nosuchfn'],
    ['stats @message by @logStream', 'stats expects an aggregate function'],
    ['parse @message "no stars" as a', 'a parse pattern needs at least one *'],
    ['parse @message "* *" as a', 'the pattern has 2 * but 1 names follow as'],
    ['fields @message extra', 'unexpected symbol found extra'],
    ['filter @message not = "x"', 'unexpected symbol found not'],
  ])('%j → %s', (query, detail) => {
    expect(syntaxError(query).detail).toContain(detail);
  });
});
