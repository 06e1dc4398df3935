// Credentials first: without usable keys nothing else can be tested (CREDENTIALS_*, MFA_REQUIRED, CLOCK_SKEW).
import { SKEW_LIMIT_SECONDS, skewText } from '../../shared/clock-skew.js';
import { cause, type RankedCause, type RuleContext } from './context.js';

const MISSING = new Set(['CredentialsMissing', 'NoCredentials', 'ProfileNotFound', 'InvalidConfig', 'CredentialsProviderError']);

/** AWS's own words that revealed the skew. */
function skewAnswer(e: RuleContext['e']): string | undefined {
  const all = [e.profileView.error?.message, e.kubectl?.failure?.message, e.ownDescribe && !e.ownDescribe.ok ? e.ownDescribe.failure.message : undefined, ...e.profiles.map((p) => p.error?.message)];
  return all.find((m) => m && /Signature (expired|not yet current)/.test(m))?.match(/Signature (?:expired|not yet current):[^\n]*?min\.\)/)?.[0];
}

export function credentialRules(ctx: RuleContext): RankedCause[] {
  const { e } = ctx;
  const v = e.profileView;
  const out: RankedCause[] = [];
  const err = v.error ? `${v.error.code}: ${v.error.message}` : '';
  // What kubectl's token helper said, when the kubeconfig entry uses this same profile.
  const helperStderr = ctx.kubectlProfile === e.profile ? e.kubectl?.failure?.stderr?.trim().split('\n').at(-1) : undefined;
  const statusLine = `profile ${v.name} (${v.type}): status ${v.status}${err ? ` — ${err}` : ''}`;
  if (e.clockSkewSeconds !== undefined && Math.abs(e.clockSkewSeconds) > SKEW_LIMIT_SECONDS) {
    out.push(
      cause(
        'CLOCK_SKEW',
        `${skewText(e.clockSkewSeconds)[0]!.toUpperCase()}${skewText(e.clockSkewSeconds).slice(1)}; AWS refuses signatures more than 5 minutes off. Tokens also look ${e.clockSkewSeconds > 0 ? 'older' : 'newer'} than they are, and the authenticator rejects tokens older than 15 minutes, so the cluster answers Unauthorized.`,
        [statusLine, `AWS clock − local clock = ${e.clockSkewSeconds} s, from AWS's own answer: "${skewAnswer(e) ?? 'Signature expired'}"`, e.kubectl?.failure ? `kubectl's token: ${e.kubectl.failure.message}` : ''],
        0,
      ),
    );
    return out;
  }
  if (v.status === 'valid') return out;
  const code = v.error?.code ?? '';
  if (v.status === 'mfa-needed') {
    out.push(cause('MFA_REQUIRED', `Profile ${v.name} assumes ${v.roleArn ?? 'a role'} with MFA device ${v.mfaSerial ?? '(mfa_serial)'}. kubectl runs "aws eks get-token" without a terminal, so the code cannot be asked for and no token is made.`, [statusLine, helperStderr ? `token helper: ${helperStderr}` : ''], 1));
  } else if (v.status === 'expired' || v.status === 'sso-login-needed') {
    const sso = v.type === 'sso' || v.sso;
    out.push(
      cause(
        'CREDENTIALS_EXPIRED',
        sso
          ? `The IAM Identity Center sign-in of profile ${v.name} (${v.sso?.startUrl ?? 'SSO'}) has expired or is missing. "aws eks get-token" cannot get role credentials until you run aws sso login again.`
          : `The temporary credentials of profile ${v.name} have expired${v.expiresAt ? ` (at ${v.expiresAt})` : ''}. Get new ones before kubectl can make a token.`,
        [statusLine, helperStderr ? `token helper: ${helperStderr}` : ''],
        1,
      ),
    );
  } else if (v.status === 'invalid') {
    out.push(
      cause(
        'CREDENTIALS_INVALID',
        `AWS rejects the access key of profile ${v.name} (${code || 'invalid'}): the key was deleted or deactivated, or its user no longer exists. Tokens signed with it fail at STS, so the cluster answers 401 Unauthorized.`,
        [statusLine, ...e.cells.filter((c) => c.profile === e.profile).map((c) => `probe with this key: ${c.outcome}${c.message ? ` (${c.message})` : ''}`)],
        1,
      ),
    );
  } else if (MISSING.has(code)) {
    out.push(cause('CREDENTIALS_MISSING', `Profile ${v.name} yields no credentials: ${v.error?.message ?? code}. No EKS token can be made without them.`, [statusLine], 1));
  } else if (/^(ExpiredToken|TokenRefreshRequired)/.test(code)) {
    out.push(cause('CREDENTIALS_EXPIRED', undefined, [statusLine], 1));
  } else {
    out.push(cause('CREDENTIALS_MISSING', `Profile ${v.name} gives no usable credentials: ${v.error?.message ?? v.status}. No EKS token can be made until this is fixed.`, [statusLine], 1));
  }
  return out;
}
