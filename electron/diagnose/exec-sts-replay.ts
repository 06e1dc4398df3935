// Resolves an EKS token to the IAM identity it stands for, as aws-iam-authenticator does: GET the presigned
// URL with `x-k8s-aws-id: <cluster name>` and ask for JSON. The token itself is never logged or returned.
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import type { SecureContext } from 'node:tls';
import { caBundleContext } from '../common/ca-bundle-context.js';
import { TOKEN_PREFIX } from '../token/exec-credential.js';
import { CLUSTER_ID_HEADER } from '../token/presign-url.js';
import type { Env } from '../profiles/deps.js';

export type StsReplayResult =
  | { ok: true; arn: string; account: string; userId: string }
  | { ok: false; status?: number; code?: string; message: string };

const REPLAY_TIMEOUT_MS = 10_000;

export async function replayTokenToSts(token: string, clusterName: string, env: Env, timeoutMs = REPLAY_TIMEOUT_MS): Promise<StsReplayResult> {
  let url: URL;
  try {
    url = new URL(Buffer.from(token.trim().slice(TOKEN_PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return { ok: false, message: 'the token does not hold a URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, message: `the token's URL is ${url.protocol.replace(':', '')}, the authenticator requires https` };
  let secureContext: SecureContext | undefined;
  if (env.AWS_CA_BUNDLE) {
    try {
      secureContext = caBundleContext(readFileSync(env.AWS_CA_BUNDLE, 'utf8'));
    } catch (err) {
      return { ok: false, message: `AWS_CA_BUNDLE ${env.AWS_CA_BUNDLE} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  }
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: 'GET', headers: { [CLUSTER_ID_HEADER]: clusterName, accept: 'application/json' }, ...(secureContext ? { secureContext } : {}), timeout: timeoutMs, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= 1024 * 1024) chunks.push(c);
        });
        res.on('end', () => resolve(interpret(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'))));
        res.on('error', (err) => resolve({ ok: false, message: `STS answer broke off: ${err.message}` }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url.host} within ${Math.round(timeoutMs / 1000)}s`)));
    req.on('error', (err) => resolve({ ok: false, message: `STS at ${url.host} could not be reached: ${err.message}` }));
    req.end();
  });
}

function interpret(status: number, body: string): StsReplayResult {
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    parsed = undefined;
  }
  if (status === 200) {
    const result = (parsed?.GetCallerIdentityResponse as { GetCallerIdentityResult?: { Arn?: string; Account?: string; UserId?: string } } | undefined)
      ?.GetCallerIdentityResult;
    if (result?.Arn) return { ok: true, arn: result.Arn, account: result.Account ?? '', userId: result.UserId ?? '' };
    return { ok: false, status, message: 'STS answered 200 without GetCallerIdentityResult.Arn' };
  }
  const error = (parsed?.Error ?? (parsed?.ErrorResponse as { Error?: unknown } | undefined)?.Error) as { Code?: string; Message?: string } | undefined;
  const code = error?.Code ?? xmlTag(body, 'Code');
  const message = error?.Message ?? xmlTag(body, 'Message') ?? `HTTP ${status}`;
  return { ok: false, status, ...(code ? { code } : {}), message: `sts getCallerIdentity failed: ${status}${code ? ` ${code}` : ''}: ${message}` };
}

function xmlTag(body: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(body)?.[1];
}
