// A profile's `credential_process`, run as the aws CLI runs it (botocore ProcessProvider): the line split into an
// argument array, no shell, its JSON "Version 1" output read from stdout. Unlike the CLI (which waits forever), the
// helper gets a deadline, and its whole process group ends with it.
import { endedInWords, runChild } from '../process/run-child.js';
import { CommandLineError, splitCommandLine } from '../process/split-command-line.js';
import { firstLine } from '../common/first-line.js';
import type { Env } from './deps.js';
import { CredentialFailure, type ResolvedCredentials } from './credential-failure.js';

export interface CredentialProcessRequest {
  profile: string;
  line: string;
  env: Env;
  timeoutMs: number;
  signal?: AbortSignal;
  platform?: NodeJS.Platform;
}

export async function credentialsFromProcess(req: CredentialProcessRequest): Promise<ResolvedCredentials> {
  const where = `credential_process of profile "${req.profile}"`;
  let argv: string[];
  try {
    argv = splitCommandLine(req.line, req.platform);
  } catch (err) {
    if (err instanceof CommandLineError) throw new CredentialFailure('error', 'InvalidConfig', `${where} cannot be split into words: ${err.message}`);
    throw err;
  }
  if (!argv.length) throw new CredentialFailure('error', 'InvalidConfig', `${where} is empty`);
  const [command, ...args] = argv as [string, ...string[]];
  const run = await runChild({ command, args, env: req.env, timeoutMs: req.timeoutMs, ...(req.signal ? { signal: req.signal } : {}), maxBuffer: 1024 * 1024 });
  if (run.startError) {
    const why = run.startError.code === 'ENOENT' ? 'was not found' : run.startError.code === 'EACCES' ? 'is not executable' : `could not start (${run.startError.code ?? run.startError.message})`;
    throw new CredentialFailure('error', 'CredentialProcessFailed', `${where}: ${command} ${why}`);
  }
  if (run.ended) throw new CredentialFailure('error', run.ended === 'timeout' ? 'Timeout' : 'CredentialProcessFailed', `${where} (${command}) ${endedInWords(run.ended, req.timeoutMs)}`);
  if (run.exitCode !== 0) {
    const said = firstLine(run.stderr.trim());
    throw new CredentialFailure('error', 'CredentialProcessFailed', `${where} (${command}) failed with exit code ${run.exitCode}${said ? `: ${said}` : ''}`);
  }
  return parseProcessOutput(run.stdout, where);
}

/** The helper's stdout: {"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?}. */
export function parseProcessOutput(stdout: string, where: string): ResolvedCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new CredentialFailure('error', 'CredentialProcessFailed', `${where} did not print JSON on stdout`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CredentialFailure('error', 'CredentialProcessFailed', `${where} printed JSON that is not an object`);
  const o = parsed as Record<string, unknown>;
  if (o.Version !== 1) {
    const version = o.Version === undefined ? 'no Version' : `Version ${JSON.stringify(o.Version)}`;
    throw new CredentialFailure('error', 'CredentialProcessFailed', `${where} printed ${version}; the only supported version is 1`);
  }
  for (const key of ['AccessKeyId', 'SecretAccessKey'] as const) {
    if (typeof o[key] !== 'string' || !o[key]) throw new CredentialFailure('error', 'CredentialProcessFailed', `${where} printed no ${key}`);
  }
  if (o.SessionToken !== undefined && typeof o.SessionToken !== 'string') throw new CredentialFailure('error', 'CredentialProcessFailed', `${where} printed a SessionToken that is not text`);
  let expiration: Date | undefined;
  if (o.Expiration !== undefined && o.Expiration !== null) {
    expiration = typeof o.Expiration === 'string' ? new Date(o.Expiration) : undefined;
    if (!expiration || Number.isNaN(expiration.getTime())) throw new CredentialFailure('error', 'CredentialProcessFailed', `${where} printed an Expiration that is not an ISO 8601 time`);
  }
  return {
    accessKeyId: o.AccessKeyId as string,
    secretAccessKey: o.SecretAccessKey as string,
    ...(typeof o.SessionToken === 'string' && o.SessionToken ? { sessionToken: o.SessionToken } : {}),
    ...(expiration ? { expiration } : {}),
  };
}
