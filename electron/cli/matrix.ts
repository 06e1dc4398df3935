// `matrix [--profiles a,b] [--regions r1,r2] [--all-regions] [--concurrency N] [--aws-concurrency N] [--timeout-ms N] [--json]`
// The access matrix as docs/cli.md's JSON, or a table. Exit 0 when the scan completed, 2 on bad arguments, 1 otherwise.
import { isRegionName } from '../clusters/regions.js';
import type { CellOutcome } from '../probe/types.js';
import type { MfaSessionStore } from '../profiles/credentials.js';
import type { Env } from '../profiles/deps.js';
import { MatrixScan, ScanArgumentError } from '../matrix/engine.js';
import type { MatrixSnapshot } from '../matrix/events.js';
import { matrixJson } from '../matrix/json.js';
import type { ScanSettings } from '../matrix/settings.js';
import { parseFlags, UsageError, type CommandResult } from './result.js';
import { usageLine } from './catalog.js';

export interface MatrixCommandDeps {
  env: Env;
  mfa?: MfaSessionStore;
  /** Called with the scan once started (benchmarks read its stats; the app could cancel it). */
  onScan?: (scan: MatrixScan) => void;
}

export const MATRIX_USAGE = usageLine('matrix');

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!items.length) throw new UsageError('expected a comma-separated list, got an empty value');
  return [...new Set(items)];
}

function whole(name: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max} (got "${value}")`);
  return n;
}

export function parseMatrixArgs(args: string[]): { settings: Partial<ScanSettings>; json: boolean } {
  const values = parseFlags(args, {
    profiles: { type: 'string' },
    regions: { type: 'string' },
    'all-regions': { type: 'boolean' },
    concurrency: { type: 'string' },
    'aws-concurrency': { type: 'string' },
    'timeout-ms': { type: 'string' },
    json: { type: 'boolean' },
  });
  const regions = list(values.regions);
  const badRegion = regions?.find((r) => !isRegionName(r));
  if (badRegion) throw new UsageError(`--regions: "${badRegion}" is not a region name (like us-east-1)`);
  if (regions && values['all-regions']) throw new UsageError('--regions and --all-regions exclude each other');
  return {
    json: Boolean(values.json),
    settings: {
      profiles: list(values.profiles),
      regions: regions ? { only: regions } : values['all-regions'] ? { all: true } : undefined,
      kubeConcurrency: whole('concurrency', values.concurrency, 1024),
      awsConcurrencyPerAccount: whole('aws-concurrency', values['aws-concurrency'], 256),
      timeoutMs: whole('timeout-ms', values['timeout-ms'], 600_000),
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
  if (!m.clusters.length) lines.push(`no clusters found in ${m.regions.join(', ') || 'any region'}`);
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

export async function runMatrix(args: string[], deps: MatrixCommandDeps): Promise<CommandResult> {
  let parsed;
  try {
    parsed = parseMatrixArgs(args);
  } catch (err) {
    if (err instanceof UsageError || err instanceof RangeError) return { exitCode: 2, stdout: '', stderr: `error: ${err.message} (${MATRIX_USAGE})\n` };
    throw err;
  }
  let scan: MatrixScan | undefined;
  try {
    scan = new MatrixScan(parsed.settings, { env: deps.env, mfa: deps.mfa });
    deps.onScan?.(scan);
    const matrix = await scan.done;
    if (matrix.cancelled) return { exitCode: 1, stdout: '', stderr: 'error: the scan was cancelled\n' };
    const stdout = parsed.json ? JSON.stringify(matrixJson(matrix), null, 2) + '\n' : matrixTable(matrix);
    return { exitCode: 0, stdout, stderr: '' };
  } catch (err) {
    const message = String((err as Error)?.message ?? err).split('\n')[0];
    return { exitCode: err instanceof ScanArgumentError ? 2 : 1, stdout: '', stderr: `error: ${message}\n` };
  } finally {
    scan?.close();
  }
}
