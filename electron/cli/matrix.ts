// `matrix [--profiles a,b] [--regions r1,r2] [--all-regions] [--concurrency N] [--aws-concurrency N] [--timeout-ms N] [--json]`
// The access matrix as docs/cli.md's JSON, or a table: the Matrix page's matrix.start through dispatch on the
// matrix room alone, its matrix.event stream awaited to the end, then matrix.export (JSON) or matrix.snapshot (table).
// Exit 0 when the scan completed, 2 on bad arguments, 1 otherwise.
import type { MatrixScanEvent, MatrixSnapshotView } from '../../shared/matrix-types.js';
import { skewText } from '../../shared/clock-skew.js';
import type { CellOutcome } from '../probe/types.js';
import type { MfaSessionStore } from '../profiles/credentials.js';
import type { Env } from '../profiles/deps.js';
import type { ProfileDescriptor } from '../profiles/load.js';
import { MatrixScan } from '../matrix/engine.js';
import { matrixHandlers } from '../matrix/handlers.js';
import { clockSkewOf } from '../matrix/json.js';
import { MatrixService } from '../matrix/service.js';
import type { ScanSettings } from '../matrix/settings.js';
import { withDeadline } from '../common/deadline.js';
import { identityDeps } from '../identity-center/load-session.js';
import { IdentityCenterService } from '../identity-center/service.js';
import { callContract, contractRequest } from './contract-request.js';
import { bool, CommandFailure, jsonText, runCommand, str, UsageError, type CommandResult, type Flags } from './result.js';
import { DISCOVERY_DEADLINE_MS } from './sso-accounts.js';

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
export function matrixArgs(flags: Flags): { request: ReturnType<typeof contractRequest<'matrix.start'>>; settings: Partial<ScanSettings>; json: boolean; ssoSession?: string } {
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
    request: req,
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
export function matrixTable(m: MatrixSnapshotView): string {
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

/**
 * The session's identities as rows (a profile's own row where one exists, else one named as it would be saved),
 * with what `--json` says of each: both from one read of the config files and the portal, like the app's scan.
 */
function ssoRowSource(env: Env) {
  const found: { identities?: MatrixIdentity[] } = {};
  const rows = async (session: string): Promise<ProfileDescriptor[]> => {
    const service = new IdentityCenterService({ profiles: identityDeps(env) });
    const listed = await withDeadline(
      DISCOVERY_DEADLINE_MS,
      () => new Error(`IAM Identity Center did not list the accounts of session "${session}" within ${DISCOVERY_DEADLINE_MS / 1000} s`),
      () => service.matrixIdentities(session),
    );
    found.identities = listed.map(({ identity: i }) => ({ profile: i.profile ?? i.suggestedName, accountId: i.accountId, accountName: i.accountName, roleName: i.roleName, saved: i.profile !== null }));
    return listed.map((l) => l.row);
  };
  return { rows, found };
}

interface MatrixIdentity {
  profile: string;
  accountId: string;
  accountName: string;
  roleName: string;
  saved: boolean;
}

export async function runMatrix(args: string[], deps: MatrixCommandDeps): Promise<CommandResult> {
  return runCommand('matrix', args, async ({ flags }) => scanMatrix(matrixArgs(flags), deps));
}

/** Bad settings found once the scan runs are bad arguments too. */
const FAILED_CODE: Record<string, string> = { BAD_SETTINGS: 'BAD_REQUEST' };

async function scanMatrix(parsed: ReturnType<typeof matrixArgs>, deps: MatrixCommandDeps): Promise<CommandResult> {
  const sso = parsed.ssoSession ? ssoRowSource(deps.env) : undefined;
  let ended!: (e: MatrixScanEvent) => void;
  const end = new Promise<MatrixScanEvent>((resolve) => (ended = resolve));
  const service = new MatrixService({
    env: deps.env,
    mfa: () => deps.mfa,
    emit: ({ event }) => (event.type === 'done' || event.type === 'failed') && ended(event),
    // The CLI's own tuning (--aws-concurrency, --timeout-ms), which the app's request does not carry.
    settings: {
      ...(parsed.settings.awsConcurrencyPerAccount ? { awsConcurrencyPerAccount: parsed.settings.awsConcurrencyPerAccount } : {}),
      ...(parsed.settings.timeoutMs ? { timeoutMs: parsed.settings.timeoutMs } : {}),
    },
    startScan: (settings, scanDeps) => {
      const scan = new MatrixScan(settings, scanDeps);
      deps.onScan?.(scan);
      return scan;
    },
    ...(sso ? { ssoRows: sso.rows } : {}),
  });
  const room = matrixHandlers(service);
  try {
    await callContract(room, 'matrix.start', parsed.request);
    const last = await end;
    if (last.type === 'failed') throw new CommandFailure(FAILED_CODE[last.code] ?? last.code, last.message);
    if (last.type !== 'done' || last.cancelled) return { exitCode: 1, stdout: '', stderr: 'error: the scan was cancelled\n' };
    if (!parsed.json) {
      const state = await callContract(room, 'matrix.snapshot', {});
      return { exitCode: 0, stdout: matrixTable(state.matrix!), stderr: '' };
    }
    const exported = await callContract(room, 'matrix.export', contractRequest('matrix.export', { format: 'json' }));
    const json = { ...(JSON.parse(exported.content) as object), ...(sso?.found.identities ? { identities: sso.found.identities } : {}) };
    return { exitCode: 0, stdout: jsonText(json), stderr: '' };
  } finally {
    service.close();
  }
}
