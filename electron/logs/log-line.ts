// The aws-iam-authenticator's logrus lines (docs/eks-authentication.md §6) as table rows: logfmt fields, the decision,
// the ARN, the username and groups, the reason of a refusal, and the line as logged (redacted).
import { redact } from '../../shared/redact.js';
import type { AuthenticatorLogRow } from '../../shared/wizard-types.js';

/** key=value pairs of a logfmt line; quoted values are unescaped as Go's strconv.Quote wrote them. */
export function parseLogfmt(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && line[i] === ' ') i++;
    const keyStart = i;
    while (i < n && line[i] !== '=' && line[i] !== ' ') i++;
    const key = line.slice(keyStart, i);
    if (line[i] !== '=') {
      if (key) out[key] = '';
      continue;
    }
    i++;
    let value = '';
    if (line[i] === '"') {
      i++;
      while (i < n && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < n) {
          const c = line[i + 1]!;
          value += c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c;
          i += 2;
        } else {
          value += line[i];
          i++;
        }
      }
      i++;
    } else {
      const start = i;
      while (i < n && line[i] !== ' ') i++;
      value = line.slice(start, i);
    }
    if (key) out[key] = value;
  }
  return out;
}

function decisionOf(msg: string | undefined): AuthenticatorLogRow['decision'] {
  if (msg === 'access granted') return 'granted';
  if (msg === 'access denied') return 'denied';
  return 'other';
}

/** Logs Insights' `2026-11-29 16:46:37.000` (UTC) as ISO 8601; other shapes are kept as given. */
export function isoOfInsightsTime(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)Z?$/.exec(value.trim());
  if (!m) return value;
  const d = new Date(`${m[1]}T${m[2]}Z`);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

/** One authenticator line as a row. `timestamp` is the event's time from Logs Insights when known. */
export function parseAuthenticatorLine(message: string, meta: { timestamp?: string; stream?: string } = {}): AuthenticatorLogRow {
  const f = parseLogfmt(message.trim());
  const timestamp = meta.timestamp ? isoOfInsightsTime(meta.timestamp) : f.time ?? '';
  return {
    timestamp,
    stream: meta.stream ?? '',
    decision: decisionOf(f.msg),
    ...(f.arn ? { arn: f.arn } : {}),
    ...(f.username !== undefined ? { username: f.username } : {}),
    ...(f.groups !== undefined ? { groups: f.groups } : {}),
    ...(f.error ? { reason: redact(f.error) } : {}),
    message: redact(message),
  };
}
