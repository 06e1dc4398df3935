import { memo } from 'react';
import type { ExpiryKind, ExpiryWords } from '../../../shared/expiry-words.js';
import type { MatrixCell, MatrixCluster, MatrixProfile } from '../../../shared/matrix-types.js';
import { cellAccessibleName, cellKey, cellTitle, identityShort, OUTCOME_WORD, typeLabel } from './format.js';
import { profileErrorWords } from '../profiles/format.js';
import { OutcomeIcon } from './OutcomeIcon.js';
import type { GridPosition } from './grid-range.js';
import { expectedProblem, kubectlWords, notExpected, type KubectlMark } from './expectations.js';

/** What the grid shows in its cells, the same for every row. */
export interface GridCells {
  cols: MatrixCluster[];
  cells: Map<string, MatrixCell>;
  pending: Set<string>;
  updates: Map<string, number>;
  onlyProblems: boolean;
  /** The cells kubectl uses, by cell key. */
  marks: Map<string, KubectlMark>;
}

// One row of the access matrix's grid: its header (the profile) and the cells in view.
interface RowProps extends GridCells {
  p: MatrixProfile;
  ri: number;
  c0: number;
  c1: number;
  expiry?: ExpiryWords & { kind: ExpiryKind };
  /** The profile's account as shown ("acme-prod (111122223333)"). */
  account?: string;
  selectedKey?: string;
  /** The column of the roving tab stop when it is in this row, else -1. */
  focusC: number;
  /** Columns that start an account/region group (a stronger rule on their left). */
  groupStarts: Set<number>;
  totalW: number;
  colW: number;
  /** Where the row sits in the grid's canvas. */
  top: number;
  onOpen: (profile: string, clusterArn: string) => void;
  onRerunRow: (profile: string) => void;
  setFocus: (pos: GridPosition) => void;
}

/** One row: memoised, so scrolling re-renders only the rows that come into view (or whose columns change). */
export const GridRow = memo(function GridRow({ p, ri, c0, c1, cols, cells, pending, updates, onlyProblems, marks, expiry, account, selectedKey, focusC, groupStarts, totalW, colW, top, onOpen, onRerunRow, setFocus }: RowProps) {
  const rowCells = [];
  for (let ci = c0; ci <= c1 && ci < cols.length; ci++) {
    const col = cols[ci]!;
    const key = cellKey(p.name, col.arn);
    const cell = cells.get(key);
    const isPending = pending.has(key);
    const mark = marks.get(key);
    const quiet = !isPending && notExpected(cell, p, col, marks);
    const hidden = onlyProblems && cell !== undefined && !expectedProblem(cell, p, col, marks) && !isPending;
    const outcome = isPending || !cell ? 'PENDING' : cell.outcome;
    const base = hidden
      ? `${p.name} on ${col.name}: ${quiet ? 'not expected to work' : 'fine'} (hidden by "Only problems")`
      : isPending
        ? `${p.name} on ${col.name}: probing again…`
        : cellTitle(cell, p.name, col);
    const notes = [kubectlWords(mark), quiet && !hidden ? "not expected to work: another account's profile that nothing names or maps" : undefined].filter(Boolean);
    const title = notes.length ? `${base}\n${notes.join('\n')}` : base;
    const shown = outcome === 'PENDING' ? (isPending ? 'Probing…' : 'Waiting…') : quiet ? 'Not expected' : OUTCOME_WORD[outcome];
    const tag = mark ? (mark.current ? 'kubectl ★' : 'kubectl') : undefined;
    const name = hidden || isPending || !cell ? title : cellAccessibleName(shown, tag, p.name, col, cell, [kubectlWords(mark), quiet ? "another account's profile that nothing names or maps" : undefined].filter((n): n is string => Boolean(n)));
    const isSel = selectedKey === key;
    rowCells.push(
      <div
        key={col.arn}
        role="gridcell"
        aria-colindex={ci + 2}
        aria-label={name}
        aria-selected={isSel}
        title={title}
        tabIndex={ci === focusC ? 0 : -1}
        data-r={ri}
        data-c={ci}
        data-testid="cell"
        data-profile={p.name}
        data-cluster={col.arn}
        data-outcome={hidden ? 'hidden' : outcome}
        data-updates={updates.get(key) ?? 0}
        data-kubectl={mark ? (mark.current ? 'current' : 'context') : undefined}
        data-expected={quiet ? 'false' : 'true'}
        className={`mx-cell mx-${hidden ? 'hidden' : quiet ? 'unexpected' : outcome.toLowerCase()}${mark ? ' mx-kubectl' : ''}${isSel ? ' mx-selected' : ''}${groupStarts.has(ci) ? ' mx-group-start' : ''}`}
        style={{ left: ci * colW, width: colW }}
        onClick={() => {
          setFocus({ r: ri, c: ci });
          onOpen(p.name, col.arn);
        }}
      >
        {hidden ? (
          // Blanked by "Only problems", the cell still says that kubectl uses it: the user's own pair stays findable.
          tag && <KubectlTag tag={tag} current={mark!.current} />
        ) : (
          <>
            <OutcomeIcon outcome={outcome} />
            <span className="mx-word">{shown}</span>
            {/* A space, so the cell's visible text reads "Forbidden kubectl", as its name does. */}
            {tag && ' '}
            {tag && <KubectlTag tag={tag} current={mark!.current} />}
          </>
        )}
      </div>,
    );
  }
  return (
    <div role="row" aria-rowindex={ri + 3} className="mx-row" style={{ top, width: totalW }}>
      <div role="rowheader" aria-colindex={1} className="mx-rowhead" data-testid={`row-${p.name}`} title={`${p.name}\n${typeLabel(p.type)}\n${p.identityArn ?? (p.error ? `${p.error.message} (${p.error.code})` : p.status)}${account ? `\nAccount ${account}` : ''}${expiry ? `\n${expiry.text}` : ''}`}>
        <div className="mx-rowhead-line">
          <span className="mx-rowhead-name">{p.name}</span>
          {expiry && expiry.tone !== 'ok' && (
            <span className={`mx-expiry mx-expiry-${expiry.tone}`} data-testid={`row-expiry-${p.name}`}>
              {expiry.kind === 'sign-in' ? (expiry.tone === 'soon' ? 'sign-in ends soon' : 'signed out') : expiry.tone === 'soon' ? 'credentials end soon' : 'credentials expired'}
            </span>
          )}
          <button type="button" className="mx-rerun" tabIndex={-1} aria-label={`Re-run row ${p.name}`} title={`Probe ${p.name} on every cluster again`} onClick={() => onRerunRow(p.name)}>
            ↻
          </button>
        </div>
        <div className="mx-rowhead-arn">
          <span className="mx-type">{typeLabel(p.type)}</span>
          {p.identityArn ? identityShort(p.identityArn) : p.error ? profileErrorWords(p.error.code, p.error.message) : p.status === 'pending' ? 'resolving credentials…' : p.status}
        </div>
      </div>
      <div className="mx-rowcells" style={{ width: cols.length * colW }}>
        {rowCells}
      </div>
    </div>
  );
});

/** The "kubectl" tag: silent in a cell (its words are in the cell's name already), spoken in the legend. */
export function KubectlTag({ tag, current, spoken = false }: { tag: string; current: boolean; spoken?: boolean }) {
  return (
    <span className={`mx-kubectl-tag${current ? ' mx-kubectl-current' : ''}`} aria-hidden={spoken ? undefined : 'true'}>
      {tag}
    </span>
  );
}
