// `matrix [--profiles a,b] [--regions r1,r2] [--all-regions] [--concurrency N] [--aws-concurrency N] [--timeout-ms N] [--json]`
// The access matrix as docs/cli.md's JSON, or a table. Exit 0 when the scan completed, 2 on bad arguments, 1 otherwise.
import { skewText } from '../../shared/clock-skew.js';
import type { CellOutcome } from '../probe/types.js';
import type { MfaSessionStore } from '../profiles/credentials.js';
import type { Env } from '../profiles/deps.js';
import { MatrixScan, ScanArgumentError } from '../matrix/engine.js';
import type { MatrixSnapshot } from '../matrix/events.js';
import { clockSkewOf, matrixJson } from '../matrix/json.js';
import type { ScanSettings } from '../matrix/settings.js';
import { contractRequest } from './contract-request.js';
import { bool, failed, runCommand, str, UsageError, type CommandResult, type Flags } from './result.js';
import { descriptorFor } from '../identity-center/identities.js';
import { SessionArgumentError, SignInNeededError } from '../identity-center/session.js';
import { commandFailure, sessionIdentities } from './sso-accounts.js';

export interface MatrixCommandDeps {
  env: Env;
  mfa?: MfaSessionStore;
  /** Called with the scan once started (benchmarks read its stats; the app could cancel it). */
  onScan?: (scan: MatrixScan) => void;
}

function commaList(flag: string, value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!items.length) throw new UsageError(`--${flag}: expected a comma-separated list, got an empty value`);
  return [...new Set(items)];
}

/** A count flag as a number (the schema, or the limit here, then says whether it is in range). */
function count(flag: string, value: string | undefined, max?: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new UsageError(`--${flag} must be a whole number (got "${value}")`);
  if (max !== undefined && (n < 1 || n > max)) throw new UsageError(`--${flag} must be a whole number from 1 to ${max} (got "${value}")`);
  return n;
}

/** The flags as the app's matrix.start request (checked with its schema), plus the CLI's own tuning. */
export function matrixArgs(flags: Flags): { settings: Partial<ScanSettings>; json: boolean; ssoSession?: string } {
  const req = contractRequest(
    'matrix.start',
    {
      profiles: commaList('profiles', str(flags, 'profiles')),
      regions: commaList('regions', str(flags, 'regions')),
      ...(bool(flags, 'all-regions') ? { allRegions: true } : {}),
      concurrency: count('concurrency', str(flags, 'concurrency')),
      ssoSession: str(flags, 'sso-session'),
    },
    { allRegions: 'all-regions', ssoSession: 'sso-session' },
  );
  return {
    json: bool(flags, 'json'),
    ...(req.ssoSession ? { ssoSession: req.ssoSession } : {}),
    settings: {
      profiles: req.profiles,
      regions: req.regions ? { only: req.regions } : req.allRegions ? { all: true } : undefined,
      kubeConcurrency: req.concurrency,
      awsConcurrencyPerAccount: count('aws-concurrency', str(flags, 'aws-concurrency'), 256),
      timeoutMs: count('timeout-ms', str(flags, 'timeout-ms'), 600_000),
    },
  };
}

const WORD: Record<CellOutcome, string> = {
  ADMIN: '✔ admin',
  ACCESS: '✔ access',
  FORBIDDEN: '⛔ forbidden',
  UNAUTHORIZED: '✖ 401',
  NO_CREDENTIALS: '? no creds',
  UNREACHABLE: '⌁ unreachable',
  ERROR: '! error',
};

/** Rows = profiles, columns = clusters numbered [1]… (listed above the table so wide matrices stay readable). */
export function matrixTable(m: MatrixSnapshot): string {
  const lines: string[] = [];
  m.clusters.forEach((c, i) => lines.push(`[${i + 1}] ${c.name}  ${c.region}  ${c.arn}`));
  const skew = clockSkewOf(m);
  // A wrong clock makes AWS refuse every call: that, not "no clusters", is what the user must hear.
  if (skew) lines.push(`${skewText(skew.seconds)}: AWS refuses every signed call ("${skew.message}"). Set the clock right (Linux: sudo timedatectl set-ntp true; macOS/Windows: set date and time automatically), then scan again.`);
  else if (!m.clusters.length) lines.push(`no clusters found in ${m.regions.join(', ') || 'any region'}`);
  const byKey = new Map(m.cells.map((c) => [`${c.profile}\u0000${c.clusterArn}`, c]));
  const nameWidth = Math.max(7, ...m.profiles.map((p) => p.name.length));
  const colWidth = Math.max(...Object.values(WORD).map((w) => w.length)) + 1;
  lines.push('');
  lines.push(['profile'.padEnd(nameWidth), ...m.clusters.map((_, i) => `[${i + 1}]`.padEnd(colWidth))].join('  ').trimEnd());
  for (const p of m.profiles) {
    const row = m.clusters.map((c) => {
      const cell = byKey.get(`${p.name}\u0000${c.arn}`);
      return (cell ? WORD[cell.outcome] : '…').padEnd(colWidth);
    });
    lines.push([p.name.padEnd(nameWidth), ...row].join('  ').trimEnd());
  }
  lines.push('');
  lines.push(`${m.cells.length} cells, ${m.profiles.length} profiles × ${m.clusters.length} clusters in ${(m.elapsedMs / 1000).toFixed(1)} s`);
  for (const d of m.denials) lines.push(`note: ${d.profile} may not ${d.operation} in ${d.region} (${d.code})`);
  for (const f of m.failures) lines.push(`note: ${f.profile}: ${f.operation} in ${f.region} failed: ${f.code}: ${f.message}`);
  for (const p of m.profiles) if (p.error) lines.push(`note: ${p.name}: credentials ${p.status}: ${p.error.code}: ${p.error.message}`);
  return lines.join('\n') + '\n';
}

/** The session's identities as rows: a profile's own row where one exists, else one named as it would be saved. */
async function ssoRows(env: Env, name: string) {
  const { session, identities, loaded } = await sessionIdentities(env, name);
  const rows = identities.map((i) => (i.profile ? loaded.profiles.find((p) => p.name === i.profile)! : descriptorFor(i, session)));
  return {
    rows,
    identities: identities.map((i) => ({ profile: i.profile ?? i.suggestedName, accountId: i.accountId, accountName: i.accountName, roleName: i.roleName, saved: i.profile !== null })),
  };
}

export async function runMatrix(args: string[], deps: MatrixCommandDeps): Promise<CommandResult> {
  return runCommand('matrix', args, async ({ flags }) => scanMatrix(matrixArgs(flags), deps));
}

async function scanMatrix(parsed: ReturnType<typeof matrixArgs>, deps: MatrixCommandDeps): Promise<CommandResult> {
  let scan: MatrixScan | undefined;
  try {
    const sso = parsed.ssoSession ? await ssoRows(deps.env, parsed.ssoSession) : undefined;
    scan = new MatrixScan(parsed.settings, { env: deps.env, mfa: deps.mfa, extraProfiles: sso?.rows });
    deps.onScan?.(scan);
    const matrix = await scan.done;
    if (matrix.cancelled) return { exitCode: 1, stdout: '', stderr: 'error: the scan was cancelled\n' };
    const stdout = parsed.json ? JSON.stringify({ ...matrixJson(matrix), ...(sso ? { identities: sso.identities } : {}) }, null, 2) + '\n' : matrixTable(matrix);
    return { exitCode: 0, stdout, stderr: '' };
  } catch (err) {
    if (err instanceof SessionArgumentError || err instanceof SignInNeededError) return commandFailure(err);
    const message = String((err as Error)?.message ?? err).split('\n')[0];
    return failed(err instanceof ScanArgumentError ? 2 : 1, message);
  } finally {
    scan?.close();
  }
}
