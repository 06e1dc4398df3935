// `token [--profile P] --cluster NAME [--region R] [--role-arn ARN] [--no-cache]`: an ExecCredential like `aws eks
// get-token`, made in-process, so it can stand in for `aws` in a kubeconfig exec block (update-kubeconfig
// --use-app-token). kubectl runs it on every call, so it loads only what it uses: a cached token needs no
// AWS code at all, access keys need only the signer, and other credentials load the profiles service.
import type { Env } from '../profiles/deps.js';
import { readCachedToken, tokenCacheFile, writeCachedToken } from '../token/cache.js';
import { tokenCacheKey, type TokenFlags } from '../token/cached-token.js';
import { execApiVersion, execCredential } from '../token/exec-credential.js';
import { failed, runCommand, UsageError, type CommandResult } from './result.js';

export interface TokenDeps {
  env: Env;
  now?: () => Date;
}

export async function runToken(args: string[], deps: TokenDeps): Promise<CommandResult> {
  return runCommand('token', args, ({ flags }) => token(flags as TokenFlags, deps));
}

async function token(values: TokenFlags, deps: TokenDeps): Promise<CommandResult> {
  const cluster = values['cluster-id'] || values.cluster;
  if (!cluster) throw new UsageError('--cluster is required');
  const { env } = deps;
  const now = deps.now?.() ?? new Date();
  try {
    const cacheFile = values['no-cache'] ? undefined : tokenCacheFile(env, tokenCacheKey({ ...values, cluster }));
    let token = cacheFile && readCachedToken(cacheFile, now);
    if (!token) {
      const { freshToken } = await import('../token/fresh-token.js');
      token = await freshToken({ profile: values.profile, cluster, region: values.region, roleArn: values['role-arn'] }, env, now);
      if (cacheFile) await writeCachedToken(cacheFile, token).catch(() => undefined);
    }
    const { warning } = execApiVersion(env.KUBERNETES_EXEC_INFO);
    return { exitCode: 0, stdout: `${JSON.stringify(execCredential(token.token, token.expiresAt, env.KUBERNETES_EXEC_INFO))}\n`, stderr: warning ? `${warning}\n` : '' };
  } catch (err) {
    if (err instanceof Error && err.name === 'TokenFailure') return failed(1, err.message);
    const e = err as { name?: string; code?: string; message?: string };
    return { exitCode: 1, stdout: '', stderr: `error: ${e.code ?? e.name ?? 'Error'}: ${(e.message ?? String(err)).split('\n')[0]}\n` };
  }
}
