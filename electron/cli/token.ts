// `token [--profile P] --cluster NAME [--region R] [--role-arn ARN] [--no-cache]`: an ExecCredential like `aws eks
// get-token`, made in-process, so it can stand in for `aws` in a kubeconfig exec block (update-kubeconfig
// --use-app-token). kubectl runs it on every call, so it loads only what it uses: a cached token needs no
// AWS code at all, access keys need only the signer, and other credentials load the profiles service.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Env } from '../profiles/deps.js';
import { readCachedToken, tokenCacheFile, writeCachedToken } from '../token/cache.js';
import { TOKEN_OPTIONS, tokenCacheKey, type TokenFlags } from '../token/cached-token.js';
import { execApiVersion, execCredential } from '../token/exec-credential.js';
import type { CommandResult } from './result.js';
import { usageLine } from './catalog.js';

export const TOKEN_USAGE = usageLine('token');

export function usage(message: string, usageLine: string): CommandResult {
  return { exitCode: 2, stdout: '', stderr: `error: ${message} (${usageLine})\n` };
}

export function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>, allowPositionals = false) {
  return parseArgs({ args, options, strict: true, allowPositionals });
}

export interface TokenDeps {
  env: Env;
  now?: () => Date;
}

export async function runToken(args: string[], deps: TokenDeps): Promise<CommandResult> {
  let values: TokenFlags;
  try {
    ({ values } = parse(args, TOKEN_OPTIONS));
  } catch (err) {
    return usage((err as Error).message.split('\n')[0], TOKEN_USAGE);
  }
  if (values.profile === '') return usage('--profile must not be empty', TOKEN_USAGE);
  if (values.cluster && values['cluster-id']) return usage('--cluster and --cluster-id cannot be given together', TOKEN_USAGE);
  const cluster = values['cluster-id'] || values.cluster;
  if (!cluster) return usage('--cluster is required', TOKEN_USAGE);
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
    if (err instanceof Error && err.name === 'TokenFailure') return { exitCode: 1, stdout: '', stderr: `error: ${err.message}\n` };
    const e = err as { name?: string; code?: string; message?: string };
    return { exitCode: 1, stdout: '', stderr: `error: ${e.code ?? e.name ?? 'Error'}: ${(e.message ?? String(err)).split('\n')[0]}\n` };
  }
}
