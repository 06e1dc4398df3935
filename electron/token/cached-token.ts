// The first stage of `token`: a cache hit served by this module alone (Node's own modules, the cache, the
// ExecCredential), before the command line's bundle is loaded. kubectl runs the token command on every call, and
// a hit is most of them. Anything else — no entry, --no-cache, --help, a bad flag — returns undefined and the
// whole command runs (commands/token.ts, which shares the flags and the cache key from here).
import { writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Env } from '../profiles/deps.js';
import { readCachedToken, tokenCacheFile, type TokenCacheKey } from './cache.js';
import { execApiVersion, execCredential } from './exec-credential.js';

export const TOKEN_OPTIONS = {
  profile: { type: 'string' },
  cluster: { type: 'string' },
  // A local cluster on AWS Outposts is named in the token by its ID (aws eks get-token --cluster-id).
  'cluster-id': { type: 'string' },
  region: { type: 'string' },
  'role-arn': { type: 'string' },
  'no-cache': { type: 'boolean' },
} as const;

export interface TokenFlags {
  profile?: string;
  cluster?: string;
  'cluster-id'?: string;
  region?: string;
  'role-arn'?: string;
  'no-cache'?: boolean;
}

/** The cache key of a request as given on the command line (the profile and region as typed, not resolved). */
export function tokenCacheKey(flags: TokenFlags & { cluster: string }): TokenCacheKey {
  return { profile: flags.profile ?? '', roleArn: flags['role-arn'], cluster: flags.cluster, region: flags.region ?? '' };
}

/** What the token command prints, when the cache holds a usable token for `args`; otherwise undefined. */
export function cachedTokenOutput(args: string[], env: Env, now = new Date()): string | undefined {
  let flags: TokenFlags;
  try {
    flags = parseArgs({ args, options: TOKEN_OPTIONS, strict: true, allowPositionals: false }).values;
  } catch {
    return undefined;
  }
  // Anything the whole command words (a usage error, the apiVersion warning) is left to it.
  if (flags.profile === '' || flags['no-cache'] || (flags.cluster && flags['cluster-id'])) return undefined;
  const cluster = flags['cluster-id'] || flags.cluster;
  if (!cluster || execApiVersion(env.KUBERNETES_EXEC_INFO).warning) return undefined;
  const hit = readCachedToken(tokenCacheFile(env, tokenCacheKey({ ...flags, cluster })), now);
  return hit && `${JSON.stringify(execCredential(hit.token, hit.expiresAt, env.KUBERNETES_EXEC_INFO))}\n`;
}

/**
 * Prints a hit with synchronous writes to fd 1: process.stdout would first build a stream (for kubectl's pipe,
 * with the net module), which cost more than the rest of a hit. A non-blocking stdout that is full refuses
 * (EAGAIN): the rest then goes through process.stdout.
 */
export function printOutput(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch {
    process.stdout.write(bytes.subarray(written));
  }
}
