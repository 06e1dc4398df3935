// The matrix as files the user downloads: CSV (one line per profile × cluster) and JSON (the CLI's `matrix --json`).
import type { MatrixExportResult, MatrixSnapshotView } from '../../shared/matrix-types.js';
import { redact } from '../../shared/redact.js';
import { matrixJson } from './json.js';
import type { MatrixSnapshot } from './events.js';

export const CSV_COLUMNS = [
  'profile', 'profile_type', 'identity_arn', 'cluster', 'region', 'account', 'cluster_arn', 'outcome', 'username', 'groups', 'message', 'ms',
] as const;

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula. */
export function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function matrixCsv(m: MatrixSnapshotView): string {
  const cells = new Map(m.cells.map((c) => [`${c.profile}\u0000${c.clusterArn}`, c]));
  const lines = [CSV_COLUMNS.join(',')];
  for (const p of m.profiles) {
    for (const c of m.clusters) {
      const cell = cells.get(`${p.name}\u0000${c.arn}`);
      lines.push(
        [
          p.name, p.type, p.identityArn, c.name, c.region, c.account, c.arn,
          cell?.outcome ?? 'NOT_PROBED', cell?.username, cell?.groups?.join(' '), cell?.message, cell?.ms,
        ].map(csvField).join(','),
      );
    }
  }
  return lines.join('\r\n') + '\r\n';
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

export function exportMatrix(m: MatrixSnapshot, format: 'csv' | 'json', now = new Date()): MatrixExportResult {
  const base = `eks-access-matrix-${stamp(now)}`;
  if (format === 'csv') return { filename: `${base}.csv`, mimeType: 'text/csv', content: redact(matrixCsv(m)) };
  return { filename: `${base}.json`, mimeType: 'application/json', content: redact(JSON.stringify(matrixJson(m), null, 2) + '\n') };
}
