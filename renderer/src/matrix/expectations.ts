// Which cells matter: the ones kubectl uses (its kubeconfig contexts), and the ones nobody expects to work — the
// profile's account is not the cluster's, kubectl never names that pair, and the cluster does not know the identity.
import type { MatrixCell, MatrixCluster, MatrixKubectlUse, MatrixOutcome, MatrixProfile } from '../../../shared/matrix-types.js';
import { MATRIX_OUTCOMES } from '../../../shared/matrix-types.js';
import { cellKey, isProblem } from './format.js';

export interface KubectlMark {
  /** The kubeconfig contexts that use this profile on this cluster. */
  contexts: string[];
  /** One of them is kubectl's current context. */
  current: boolean;
}

export function kubectlMarks(uses: MatrixKubectlUse[]): Map<string, KubectlMark> {
  const out = new Map<string, KubectlMark>();
  for (const u of uses) {
    const key = cellKey(u.profile, u.clusterArn);
    const mark = out.get(key) ?? { contexts: [], current: false };
    mark.contexts.push(u.context);
    mark.current ||= u.current;
    out.set(key, mark);
  }
  return out;
}

/**
 * A pair nobody expects to work: another account's profile, not used by kubectl for this cluster, and refused
 * without being recognised (authenticated outcomes — ADMIN, ACCESS, FORBIDDEN — mean something maps it).
 */
export function notExpected(cell: MatrixCell | undefined, profile: MatrixProfile, cluster: MatrixCluster, marks: Map<string, KubectlMark>): boolean {
  if (!cell || (cell.outcome !== 'UNAUTHORIZED' && cell.outcome !== 'NO_CREDENTIALS')) return false;
  if (!profile.account || !cluster.account || profile.account === cluster.account) return false;
  return !marks.has(cellKey(profile.name, cluster.arn));
}

/** A failing cell someone expects to work: what "Only problems" keeps. */
export function expectedProblem(cell: MatrixCell | undefined, profile: MatrixProfile, cluster: MatrixCluster, marks: Map<string, KubectlMark>): boolean {
  return cell !== undefined && isProblem(cell.outcome) && !notExpected(cell, profile, cluster, marks);
}

/** The words a kubectl-used cell adds to its accessible name and tooltip. */
export function kubectlWords(mark: KubectlMark | undefined): string | undefined {
  if (!mark) return undefined;
  return mark.current ? `kubectl's current context (${mark.contexts.join(', ')})` : `used by kubectl context ${mark.contexts.join(', ')}`;
}

/** A chip of the legend: the cells showing an outcome's word, or the greyed "Not expected" pairs. */
export type LegendKey = MatrixOutcome | 'NOT_EXPECTED';
export const LEGEND_KEYS: readonly LegendKey[] = [...MATRIX_OUTCOMES, 'NOT_EXPECTED'];

/**
 * How many of the cells the grid shows read each word: a greyed pair counts as "Not expected", not as its outcome
 * (it does not show "401 Unauthorized"); a cell blanked by "Only problems" or being probed again is not counted.
 * One pass over the cells with two look-ups each, so a large scan streaming in stays cheap.
 */
export function legendCounts(
  rows: MatrixProfile[],
  cols: MatrixCluster[],
  cells: Map<string, MatrixCell>,
  marks: Map<string, KubectlMark>,
  opts: { onlyProblems?: boolean; pending?: ReadonlySet<string> } = {},
): Record<LegendKey, number> {
  const n = Object.fromEntries(LEGEND_KEYS.map((k) => [k, 0])) as Record<LegendKey, number>;
  const byName = new Map(rows.map((p) => [p.name, p]));
  const byArn = new Map(cols.map((c) => [c.arn, c]));
  const pending = opts.pending?.size ? opts.pending : undefined;
  for (const [key, cell] of cells) {
    const p = byName.get(cell.profile);
    const c = byArn.get(cell.clusterArn);
    if (!p || !c || pending?.has(key)) continue;
    if (opts.onlyProblems && !expectedProblem(cell, p, c, marks)) continue;
    n[notExpected(cell, p, c, marks) ? 'NOT_EXPECTED' : cell.outcome]++;
  }
  return n;
}
