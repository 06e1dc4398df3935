// The authenticator line parser on the reference's example lines (docs/eks-authentication.md §6) and on the lines the
// sandbox's authenticator writes; the ARN the identity query looks for; the queries' own filters.
import { describe, expect, it } from 'vitest';
import { isoOfInsightsTime, parseAuthenticatorLine, parseLogfmt } from '../../electron/logs/log-line.js';
import { DENIED_QUERY, planQuery } from '../../electron/logs/queries.js';
import { matchedArnOf as loggedArnOf } from '../../shared/arn.js';
import { CREATOR_QUERY } from '../../electron/diagnose/gather-logs.js';
import { deniedLine, grantedLine } from '../../sandbox/k8s/authenticator-log.js';

const GRANTED =
  'time="2026-11-29T10:15:02Z" level=info msg="access granted" arn="arn:aws:iam::111122223333:role/Admin" client="127.0.0.1:57586" groups="[system:masters]" method=POST path=/authenticate uid="aws-iam-authenticator:111122223333:AROAEXAMPLEID" username=kubernetes-admin';
const DENIED =
  'time="2026-11-29T10:16:40Z" level=warning msg="access denied" arn="arn:aws:iam::111122223333:user/tom" client="127.0.0.1:57590" error="ARN is not mapped" method=POST path=/authenticate';
const BAD_CREDENTIALS =
  'time="2026-11-29T10:17:00Z" level=warning msg="access denied" client="127.0.0.1:57594" error="sts getCallerIdentity failed: error from AWS (expected 200, got 403). Body: {\\"Error\\":{\\"Code\\":\\"InvalidClientTokenId\\",\\"Message\\":\\"The security token included in the request is invalid.\\"}}" method=POST path=/authenticate';

describe('parseAuthenticatorLine on the reference lines', () => {
  it('reads an access granted line: ARN, username, groups', () => {
    expect(parseAuthenticatorLine(GRANTED, { timestamp: '2026-11-29 10:15:02.123', stream: 'authenticator-abc' })).toEqual({
      timestamp: '2026-11-29T10:15:02.123Z',
      stream: 'authenticator-abc',
      decision: 'granted',
      arn: 'arn:aws:iam::111122223333:role/Admin',
      username: 'kubernetes-admin',
      groups: '[system:masters]',
      message: GRANTED,
    });
  });

  it('reads an access denied line with the error, and no username', () => {
    const row = parseAuthenticatorLine(DENIED);
    expect(row).toMatchObject({ decision: 'denied', arn: 'arn:aws:iam::111122223333:user/tom', reason: 'ARN is not mapped', timestamp: '2026-11-29T10:16:40Z', stream: '' });
    expect(row.username).toBeUndefined();
    expect(parseLogfmt(DENIED).error).toBe('ARN is not mapped');
  });

  it('reads the bad-credentials line: no ARN, the STS error unescaped', () => {
    const row = parseAuthenticatorLine(BAD_CREDENTIALS);
    expect(row.decision).toBe('denied');
    expect(row.arn).toBeUndefined();
    expect(row.reason).toBe(parseLogfmt(BAD_CREDENTIALS).error);
    expect(parseLogfmt(BAD_CREDENTIALS).error).toBe(
      'sts getCallerIdentity failed: error from AWS (expected 200, got 403). Body: {"Error":{"Code":"InvalidClientTokenId","Message":"The security token included in the request is invalid."}}',
    );
    expect(parseLogfmt(BAD_CREDENTIALS).method).toBe('POST');
  });

  it('treats the newer "Identity is not mapped" wording and other messages', () => {
    expect(parseAuthenticatorLine(DENIED.replace('ARN is not mapped', 'Identity is not mapped')).decision).toBe('denied');
    expect(parseAuthenticatorLine('time="2026-11-29T10:00:00Z" level=info msg="mapper loaded" mode=MountedFile').decision).toBe('other');
  });

  it('round-trips the lines the sandbox authenticator writes', () => {
    const at = Date.UTC(2026, 10, 29, 9, 0, 0);
    const granted = grantedLine(at, '127.0.0.1:40000', { canonicalArn: 'arn:aws:iam::111122223333:user/sara', groups: ['system:masters', 'ops'], uid: 'aws-iam-authenticator:111122223333:AIDAX', username: 'sara' });
    expect(parseAuthenticatorLine(granted)).toMatchObject({ decision: 'granted', arn: 'arn:aws:iam::111122223333:user/sara', username: 'sara', groups: '[system:masters ops]', timestamp: '2026-11-29T09:00:00Z' });
    const denied = deniedLine(at, '127.0.0.1:40001', 'ARN is not mapped', 'arn:aws:iam::111122223333:role/Dev');
    expect(parseAuthenticatorLine(denied)).toMatchObject({ decision: 'denied', arn: 'arn:aws:iam::111122223333:role/Dev', reason: 'ARN is not mapped' });
  });

  it('masks a token a line carries in the line it shows', () => {
    const row = parseAuthenticatorLine(`${DENIED} token="k8s-aws-v1.aHR0cHM6Ly9zdHM" password=hunter2`);
    expect(row.message).toContain('token="k8s-aws-v1.****"');
    expect(row.message).toContain('password=****');
    expect(row.message).not.toContain('aHR0cHM6Ly9zdHM');
  });

  it('survives garbage without throwing', () => {
    for (const junk of ['', '=', '"', 'a="unterminated', 'key', '  x=1  y="2" z']) expect(() => parseAuthenticatorLine(junk)).not.toThrow();
    expect(parseLogfmt('  x=1  y="2" z')).toEqual({ x: '1', y: '2', z: '' });
  });

  it('converts Logs Insights times to ISO and keeps other shapes', () => {
    expect(isoOfInsightsTime('2026-11-29 16:46:37.000')).toBe('2026-11-29T16:46:37.000Z');
    expect(isoOfInsightsTime('yesterday')).toBe('yesterday');
  });
});

describe('the queries', () => {
  it('looks for the ARN the authenticator logs: session → role, no role path, users unchanged', () => {
    expect(loggedArnOf('arn:aws:sts::111122223333:assumed-role/Dev/maria')).toBe('arn:aws:iam::111122223333:role/Dev');
    expect(loggedArnOf('arn:aws:iam::111122223333:role/team/Dev')).toBe('arn:aws:iam::111122223333:role/Dev');
    expect(loggedArnOf('arn:aws:iam::111122223333:user/ops/maria')).toBe('arn:aws:iam::111122223333:user/ops/maria');
  });

  it('keeps only the lines of exactly that ARN, case-insensitively', () => {
    const q = planQuery('identity', 'arn:aws:iam::111122223333:user/tom');
    expect(q.queryString).toContain('filter @message like "arn:aws:iam::111122223333:user/tom"');
    expect(q.keep(parseAuthenticatorLine(DENIED))).toBe(true);
    expect(q.keep(parseAuthenticatorLine(DENIED.replace('user/tom', 'user/tom-admin')))).toBe(false);
    expect(q.keep(parseAuthenticatorLine(DENIED.replace('user/tom', 'user/TOM')))).toBe(true);
  });

  it('creator is the article query; denied keeps denied lines only', () => {
    expect(planQuery('creator').queryString).toBe(CREATOR_QUERY);
    expect(planQuery('creator').keep(parseAuthenticatorLine(GRANTED))).toBe(true);
    expect(planQuery('denied').queryString).toBe(DENIED_QUERY);
    expect(planQuery('denied').keep(parseAuthenticatorLine(GRANTED))).toBe(false);
    expect(planQuery('denied').keep(parseAuthenticatorLine(BAD_CREDENTIALS))).toBe(true);
  });
});
