// The aws-iam-authenticator's logrus lines (docs/eks-authentication.md §6): time, level, msg, then the
// fields in key order, each quoted only when logrus's text formatter would quote it.

function needsQuoting(v: string): boolean {
  return v === '' ? false : /[^a-zA-Z0-9\-._/@^+]/.test(v);
}

function value(v: string): string {
  return needsQuoting(v) ? JSON.stringify(v) : v;
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function logLine(at: number, level: 'info' | 'warning', msg: string, fields: Record<string, string>): string {
  const parts = [`time="${rfc3339(at)}"`, `level=${level}`, `msg=${value(msg)}`];
  for (const k of Object.keys(fields).sort()) parts.push(`${k}=${value(fields[k])}`);
  return parts.join(' ');
}

export function grantedLine(at: number, client: string, u: { canonicalArn: string; groups: string[]; uid: string; username: string }): string {
  return logLine(at, 'info', 'access granted', {
    arn: u.canonicalArn,
    client,
    groups: `[${u.groups.join(' ')}]`,
    method: 'POST',
    path: '/authenticate',
    uid: u.uid,
    username: u.username,
  });
}

export function deniedLine(at: number, client: string, error: string, canonicalArn?: string): string {
  return logLine(at, 'warning', 'access denied', {
    ...(canonicalArn ? { arn: canonicalArn } : {}),
    client,
    error,
    method: 'POST',
    path: '/authenticate',
  });
}
