// The two lines above the matrix: how much was scanned, and how many cells fail. While a filter hides cells, both
// lines count the cells the grid still shows ("Showing 12 of 72 cells"), so they agree with what the user sees.
import { isProblem } from './format.js';
import type { LegendKey } from './expectations.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** "12 profiles", or "1 of 6 clusters" when a filter hides some. */
const partOf = (shown: number, all: number, word: string) => (shown === all ? plural(shown, word) : `${shown} of ${plural(all, word)}`);

export interface SummaryInput {
  /** The cells scanned, and the profiles and clusters they cover. */
  cells: number;
  profiles: number;
  clusters: number;
  /** The rows and columns left after the filters. */
  rows: number;
  cols: number;
  /** The cells the grid shows, by the word each shows (the legend's counts). */
  counts: Record<LegendKey, number>;
  /** Counted over every cell: failing cells someone expects to work, and the pairs nobody expects to. */
  failing: number;
  unexpected: number;
  /** A filter hides something. */
  filtered: boolean;
  /** How long the scan took, in words ("0.7 s"). */
  took: string;
}

export interface Summary {
  /** How much the grid shows, and of what. */
  scope: string;
  failing: number;
  unexpected: number;
  /** The second line, counting what the first one names. */
  expectation: string;
}

export function matrixSummary(s: SummaryInput): Summary {
  const keys = Object.keys(s.counts) as LegendKey[];
  const shown = keys.reduce((n, k) => n + s.counts[k], 0);
  const failing = s.filtered ? keys.filter((k) => k !== 'NOT_EXPECTED' && isProblem(k)).reduce((n, k) => n + s.counts[k], 0) : s.failing;
  const unexpected = s.filtered ? s.counts.NOT_EXPECTED : s.unexpected;
  const scope = s.filtered
    ? `Showing ${shown} of ${plural(s.cells, 'cell')} (${partOf(s.rows, s.profiles, 'profile')} × ${partOf(s.cols, s.clusters, 'cluster')}); the filters hide the rest. Scanned in ${s.took}`
    : `${plural(s.cells, 'cell')}, ${plural(s.profiles, 'profile')} × ${plural(s.clusters, 'cluster')} in ${s.took}`;
  const expectation = [
    `${s.filtered ? 'Of these, ' : ''}${failing} failing ${failing === 1 ? 'cell' : 'cells'} someone expects to work`,
    ...(unexpected ? [`${unexpected} not expected (another account's profile that nothing names or maps), shown greyed`] : []),
  ].join(' · ');
  return { scope, failing, unexpected, expectation };
}
