import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { noteOwnWrite } from '../common/own-writes.js';
import { ssoCacheDir, type Env } from './deps.js';

/** The token cache file botocore (aws CLI) and the SDKs read: sha1(session name), or sha1(start URL) for legacy profiles. */
export function ssoCacheFile(env: Env, sso: { startUrl: string; session?: string }): string {
  const key = sso.session ?? sso.startUrl;
  return join(ssoCacheDir(env), `${createHash('sha1').update(key).digest('hex')}.json`);
}

export interface SsoCachedToken {
  startUrl?: string;
  region?: string;
  accessToken: string;
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

export async function readSsoToken(env: Env, sso: { startUrl: string; session?: string }): Promise<SsoCachedToken | undefined> {
  try {
    const parsed = JSON.parse(await readFile(ssoCacheFile(env, sso), 'utf8')) as SsoCachedToken;
    return typeof parsed.accessToken === 'string' && typeof parsed.expiresAt === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** botocore's timestamp format in the cache: 2026-01-01T00:00:00Z (UTC, no fraction). */
export function botocoreTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function writeSsoToken(env: Env, sso: { startUrl: string; session?: string }, token: SsoCachedToken): Promise<string> {
  const dir = ssoCacheDir(env);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = ssoCacheFile(env, sso);
  const bytes = Buffer.from(JSON.stringify(token));
  await writeFile(file, bytes, { mode: 0o600 });
  noteOwnWrite([file], bytes);
  await chmod(file, 0o600);
  return file;
}
