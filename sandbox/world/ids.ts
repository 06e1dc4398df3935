// Identifiers the sandbox invents. Derived from a seed so a scenario gives the same keys and IDs
// on every run (tests and docs can name them), random where AWS's are unguessable (secrets).
import { createHash, randomBytes } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function digest(seed: string): Buffer {
  return createHash('sha256').update(seed).digest();
}

/** Upper-case letters and digits, like the tail of an AKIA/AROA/AIDA id. */
export function stableId(prefix: string, seed: string, length: number): string {
  const bytes = Buffer.concat([digest(seed), digest(`${seed}#2`)]);
  let out = prefix;
  for (let i = 0; out.length < prefix.length + length; i++) out += UPPER_ALNUM[bytes[i] % 32];
  return out;
}

/** The unique ID an earlier, deleted principal of this ARN had: never the current one's (an AROA/AIDA id). */
export function earlierPrincipalId(arn: string, currentId: string | undefined): string {
  const prefix = arn.includes(':role/') ? 'AROA' : 'AIDA';
  const first = stableId(prefix, arn, 17);
  return currentId === first ? stableId(prefix, `${arn}#earlier`, 17) : first;
}

export function stableHex(seed: string, length: number): string {
  return Buffer.concat([digest(seed), digest(`${seed}#2`)]).toString('hex').slice(0, length);
}

export function stableSecret(seed: string): string {
  return digest(`secret:${seed}`).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 40);
}

export function randomId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const b of bytes) out += UPPER_ALNUM[b % 32];
  return out;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * A token the user passes back on the aws CLI's command line (an OIDC client id or secret, a device code). AWS's
 * never start with '-', which the aws CLI would take for an option (exit 2): neither do these.
 */
export function randomArgumentToken(bytes = 32): string {
  const token = randomToken(bytes);
  return token.startsWith('-') ? `A${token.slice(1)}` : token;
}

export function uuid(): string {
  return crypto.randomUUID();
}
