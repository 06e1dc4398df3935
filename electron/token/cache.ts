// A cache of EKS tokens, like aws-iam-authenticator's `token --cache`, but safe by default. kubectl runs its
// exec plugin on every call; with this a warm `kubectl get svc` pays almost nothing for credentials.
// - The key is the profile, role, cluster, region and a fingerprint of everything that decides the identity
//   (the AWS config and credentials files' bytes and the AWS_* environment): a changed key or profile misses.
// - An entry is used until a minute before the token expires, never past the credentials' own expiry.
// - Files are the user's alone (directory 0700, file 0600) and written whole (temporary file, then rename).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// SHA-256 in JavaScript: loading node:crypto (and the streams it pulls in) cost a cache hit more than the hashing.
import { sha256 } from './sha256.js';
import { configFilePath, credentialsFilePath, homeDirOf, type Env } from '../profiles/deps.js';

const REFRESH_BEFORE_MS = 60_000;

export interface TokenCacheKey {
  profile: string;
  roleArn?: string;
  cluster: string;
  region: string;
}

export interface CachedToken {
  token: string;
  expiresAt: Date;
  /** When the credentials that signed it expire (temporary credentials only). */
  credentialsExpireAt?: Date;
}

/** The user's cache directory for tokens, as each system names it. */
export function tokenCacheDir(env: Env, platform = process.platform): string {
  const home = homeDirOf(env);
  const base =
    env.XDG_CACHE_HOME ||
    (platform === 'darwin' ? join(home, 'Library', 'Caches') : platform === 'win32' ? env.LOCALAPPDATA || join(home, 'AppData', 'Local') : join(home, '.cache'));
  return join(base, 'eks-access-doctor', 'tokens');
}

// Reads are synchronous: a cache hit is a whole process of its own (kubectl's exec plugin), and the first
// asynchronous file read would start libuv's thread pool, which costs more than these small reads.
function bytesOf(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The file an entry lives in: a hash of the key and of what decides the identity behind it. */
export function tokenCacheFile(env: Env, key: TokenCacheKey): string {
  let text = JSON.stringify([key.profile, key.roleArn ?? '', key.cluster, key.region]);
  for (const file of [configFilePath(env), credentialsFilePath(env)]) text += `\0${file}\0${bytesOf(file)}`;
  for (const name of Object.keys(env).filter((k) => k.startsWith('AWS_')).sort()) text += `\0${name}=${env[name]}`;
  return join(tokenCacheDir(env), `${Buffer.from(sha256(Buffer.from(text, 'utf8'))).toString('hex').slice(0, 40)}.json`);
}

export function readCachedToken(file: string, now: Date): CachedToken | undefined {
  let entry: { token?: unknown; expiresAt?: unknown; credentialsExpireAt?: unknown };
  try {
    entry = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof entry.token !== 'string' || typeof entry.expiresAt !== 'string') return undefined;
  const expiresAt = new Date(entry.expiresAt);
  const credentialsExpireAt = typeof entry.credentialsExpireAt === 'string' ? new Date(entry.credentialsExpireAt) : undefined;
  const usableUntil = Math.min(expiresAt.getTime() - REFRESH_BEFORE_MS, credentialsExpireAt?.getTime() ?? Infinity);
  if (!(now.getTime() < usableUntil)) return undefined;
  return { token: entry.token, expiresAt, ...(credentialsExpireAt ? { credentialsExpireAt } : {}) };
}

/** Writes an entry (synchronously, as the reads: Node's fs/promises alone cost a new token ~10 ms to load). */
export async function writeCachedToken(file: string, entry: CachedToken): Promise<void> {
  const dir = join(file, '..');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const body = { token: entry.token, expiresAt: entry.expiresAt.toISOString(), ...(entry.credentialsExpireAt ? { credentialsExpireAt: entry.credentialsExpireAt.toISOString() } : {}) };
  writeFileSync(tmp, JSON.stringify(body), { mode: 0o600 });
  renameSync(tmp, file);
}
