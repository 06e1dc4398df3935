// The manual way (the AWS article's steps) as a shell loop on the same sandbox: `aws sts get-caller-identity`
// per profile, `aws eks list-clusters` per profile and region, `aws eks update-kubeconfig` + `kubectl auth whoami`
// per cell. The full loop takes far too long here, so it times a sample of each kind and extrapolates.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ManualEstimate {
  perIdentityMs: number;
  perListMs: number;
  perCellMs: number;
  sampled: { identities: number; lists: number; cells: number };
  counts: { identities: number; lists: number; cells: number };
  totalMs: number;
}

function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function runScript(script: string, env: Record<string, string>, timeoutMs: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-manual-'));
  const file = path.join(dir, 'loop.sh');
  writeFileSync(file, script);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile('bash', [file], { env: { ...env, KUBECONFIG: path.join(dir, 'kubeconfig') }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err) => {
      rmSync(dir, { recursive: true, force: true });
      if (err && (err as { killed?: boolean }).killed) reject(new Error('the manual loop timed out'));
      else resolve(performance.now() - started);
    });
  });
}

/** Evenly spaced picks, so the sample spans every kind of profile and cluster. */
function sample<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}

export async function estimateManual(
  env: Record<string, string>,
  profiles: { name: string }[],
  regions: string[],
  clusters: { name: string; region: string }[],
  sizes = { identities: 8, lists: 8, cells: 16 },
): Promise<ManualEstimate> {
  const ids = sample(profiles, sizes.identities);
  const lists = sample(profiles.flatMap((p) => regions.map((r) => ({ p: p.name, r }))), sizes.lists);
  const cells = sample(profiles.flatMap((p) => clusters.map((c) => ({ p: p.name, c }))), sizes.cells);
  // stdin from /dev/null: an MFA profile's prompt fails at once instead of waiting for a code (nobody types here).
  const header = 'set +e\nexport AWS_PAGER=""\nexec </dev/null\n';
  const idScript = header + ids.map((p) => `aws sts get-caller-identity --profile ${q(p.name)} >/dev/null 2>&1`).join('\n') + '\n';
  const listScript = header + lists.map(({ p, r }) => `aws eks list-clusters --profile ${q(p)} --region ${q(r)} >/dev/null 2>&1`).join('\n') + '\n';
  const cellScript =
    header +
    cells
      .map(
        ({ p, c }) =>
          `aws eks update-kubeconfig --profile ${q(p)} --region ${q(c.region)} --name ${q(c.name)} >/dev/null 2>&1 && kubectl auth whoami --request-timeout=10s >/dev/null 2>&1`,
      )
      .join('\n') +
    '\n';
  const idMs = await runScript(idScript, env, 600_000);
  const listMs = await runScript(listScript, env, 600_000);
  const cellMs = await runScript(cellScript, env, 1_200_000);
  const perIdentityMs = idMs / ids.length;
  const perListMs = listMs / lists.length;
  const perCellMs = cellMs / cells.length;
  const counts = { identities: profiles.length, lists: profiles.length * regions.length, cells: profiles.length * clusters.length };
  return {
    perIdentityMs,
    perListMs,
    perCellMs,
    sampled: { identities: ids.length, lists: lists.length, cells: cells.length },
    counts,
    totalMs: perIdentityMs * counts.identities + perListMs * counts.lists + perCellMs * counts.cells,
  };
}
