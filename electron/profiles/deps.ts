import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../common/env.js';
import type { AwsClientFactory } from './aws-clients.js';

export type { Env };

/** Everything the profiles domain touches outside itself; real defaults in service.ts. */
export interface ProfilesDeps {
  env: Env;
  now: () => Date;
  aws: AwsClientFactory;
  /** Per-profile check timeout. */
  checkTimeoutMs: number;
  /** Deadline for resolving one profile's credentials (default: credentialTimeoutFrom(env)). */
  credentialTimeoutMs?: number;
}

export function homeDirOf(env: Env): string {
  return env.HOME || env.USERPROFILE || homedir();
}

function expandHome(path: string, env: Env): string {
  return path.startsWith('~/') ? join(homeDirOf(env), path.slice(2)) : path;
}

/** The files the aws CLI and SDKs read, honouring AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE. */
export function configFilePath(env: Env): string {
  return expandHome(env.AWS_CONFIG_FILE || join(homeDirOf(env), '.aws', 'config'), env);
}

export function credentialsFilePath(env: Env): string {
  return expandHome(env.AWS_SHARED_CREDENTIALS_FILE || join(homeDirOf(env), '.aws', 'credentials'), env);
}

export function ssoCacheDir(env: Env): string {
  return join(homeDirOf(env), '.aws', 'sso', 'cache');
}

/** AWS_* variables that carry credentials in the environment. */
export function envCredentials(env: Env): { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: string } | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return {
    accessKeyId,
    secretAccessKey,
    sessionToken: env.AWS_SESSION_TOKEN || env.AWS_SECURITY_TOKEN || undefined,
    expiration: env.AWS_CREDENTIAL_EXPIRATION || undefined,
  };
}
