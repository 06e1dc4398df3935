import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ExpiryKind, ExpiryWords } from '../../../shared/expiry-words.js';
import type { MatrixCell, MatrixCluster, MatrixProfile } from '../../../shared/matrix-types.js';
import { cellAccessibleName, cellKey, cellTitle, columnGroups, identityShort, OUTCOME_WORD, typeLabel } from './format.js';
import { profileErrorWords } from '../profiles/format.js';
import { useAccountLabel } from '../profiles/account-label.js';
import { OutcomeIcon } from './OutcomeIcon.js';
import { range, type GridPosition } from './grid-range.js';
import { expectedProblem, kubectlWords, notExpected, type KubectlMark } from './expectations.js';

// Fixed sizes: what makes virtualising both axes cheap (positions are arithmetic, nothing is measured).
export const ROW_H = 48;
const COL_W = 172;
const FIRST_W = 288;
/** While a cell's panel takes the right of the window, or the grid is narrower than NARROW_W: narrower columns (the
 * words wrap, the kubectl tag goes under them), so the grid keeps four or more in view in a 1024 px window. */
export const COMPACT_COL_W = 120;
export const COMPACT_FIRST_W = 168;
const NARROW_W = 1000;
export const GROUP_H = 30;
export const HEAD_H = 50;
const HEADER_H = GROUP_H + HEAD_H;
const OVERSCAN_ROWS = 6;
const OVERSCAN_COLS = 3;

interface Props {
  rows: MatrixProfile[];
  cols: MatrixCluster[];
  cells: Map<string, MatrixCell>;
  pending: Set<string>;
  updates: Map<string, number>;
  onlyProblems: boolean;
  /** The cells kubectl uses, by cell key. */
  marks: Map<string, KubectlMark>;
  /** When each profile's sign-in or credentials end, in words. */
  expiries?: Map<string, ExpiryWords & { kind: ExpiryKind }>;
  /** The open cell, highlighted. */
  selected?: { profile: string; clusterArn: string };
  onOpen: (profile: string, clusterArn: string, fromKeyboard?: boolean) => void;
  onRerunRow: (profile: string) => void;
  onRerunColumn: (clusterArn: string) => void;
  /** Narrower columns (a panel shares the window); a narrow grid takes them anyway. */
  compact?: boolean;
}

export function MatrixGrid({ rows, cols, cells, pending, updates, onlyProblems, marks, expiries, selected, onOpen, onRerunRow, onRerunColumn, compact = false }: Props) {
  const accountOf = useAccountLabel();
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, left: 0, width: 1200, height: 600 });
  const narrow = compact || view.width < NARROW_W;
  const [colW, firstW] = narrow ? [COMPACT_COL_W, COMPACT_FIRST_W] : [COL_W, FIRST_W];
  const [focus, setFocus] = useState<GridPosition>({ r: 0, c: 0 });
  const wantFocus = useRef(false);
  const frame = useRef(0);

  const measure = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    setView((v) =>
      v.top === el.scrollTop && v.left === el.scrollLeft && v.width === el.clientWidth && v.height === el.clientHeight
        ? v
        : { top: el.scrollTop, left: el.scrollLeft, width: el.clientWidth, height: el.clientHeight },
    );
  }, []);

  useLayoutEffect(() => {
    measure();
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [measure]);

  const onScroll = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      measure();
    });
  };

  // Keep the focus inside the grid when filters shrink it.
  const r = Math.min(focus.r, Math.max(0, rows.length - 1));
  const c = Math.min(focus.c, Math.max(0, cols.length - 1));

  const groups = useMemo(() => columnGroups(cols), [cols]);
  const groupStarts = useMemo(() => new Set(groups.slice(1).map((g) => g.start)), [groups]);
  const [r0, r1] = range(view.top, view.height, HEADER_H, ROW_H, rows.length, OVERSCAN_ROWS);
  const [c0, c1] = range(view.left, view.width, firstW, colW, cols.length, OVERSCAN_COLS);
  const totalW = firstW + cols.length * colW;
  const totalH = HEADER_H + rows.length * ROW_H;

  const ensureVisible = useCallback((pos: GridPosition) => {
    const el = scroller.current;
    if (!el) return;
    const top = pos.r * ROW_H;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (HEADER_H + top + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = HEADER_H + top + ROW_H - el.clientHeight;
    const left = pos.c * colW;
    if (left < el.scrollLeft) el.scrollLeft = left;
    // Scrolled by whole columns: the first one in view is not cut in half.
    else if (firstW + left + colW > el.scrollLeft + el.clientWidth) el.scrollLeft = Math.min(left, Math.ceil((firstW + left + colW - el.clientWidth) / colW) * colW);
    measure();
  }, [colW, firstW, measure]);

  // The open cell stays in view when it or the column width changes; rows and columns are read, not reacted to (a scan adds many).
  const shown = useRef({ rows, cols });
  useLayoutEffect(() => void (shown.current = { rows, cols }));
  const [selectedProfile, selectedArn, selectedKey] = selected ? [selected.profile, selected.clusterArn, cellKey(selected.profile, selected.clusterArn)] : [];
  const shownColW = useRef(colW);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && shownColW.current !== colW) {
      // The same first column stays in view when the columns change width.
      el.scrollLeft = Math.round(el.scrollLeft / shownColW.current) * colW;
      shownColW.current = colW;
      measure();
    }
    if (selectedProfile === undefined || selectedArn === undefined) return;
    const pos = { r: shown.current.rows.findIndex((p) => p.name === selectedProfile), c: shown.current.cols.findIndex((col) => col.arn === selectedArn) };
    if (pos.r >= 0 && pos.c >= 0) ensureVisible(pos);
  }, [selectedProfile, selectedArn, colW, ensureVisible, measure]);

  const moveTo = (pos: GridPosition) => {
    const next = { r: Math.max(0, Math.min(rows.length - 1, pos.r)), c: Math.max(0, Math.min(cols.length - 1, pos.c)) };
    wantFocus.current = true;
    setFocus(next);
    ensureVisible(next);
  };

  useEffect(() => {
    if (!wantFocus.current) return;
    const el = scroller.current?.querySelector<HTMLElement>(`[data-r="${r}"][data-c="${c}"]`);
    if (el) {
      wantFocus.current = false;
      el.focus({ preventScroll: true });
      // In the grid's view already; this brings it into the window too when the grid reaches below the fold.
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!rows.length || !cols.length) return;
    const page = Math.max(1, Math.floor((view.height - HEADER_H) / ROW_H) - 1);
    const moves: Record<string, GridPosition | undefined> = {
      ArrowUp: { r: r - 1, c },
      ArrowDown: { r: r + 1, c },
      ArrowLeft: { r, c: c - 1 },
      ArrowRight: { r, c: c + 1 },
      PageUp: { r: r - page, c },
      PageDown: { r: r + page, c },
      Home: e.ctrlKey ? { r: 0, c: 0 } : { r, c: 0 },
      End: e.ctrlKey ? { r: rows.length - 1, c: cols.length - 1 } : { r, c: cols.length - 1 },
    };
    const to = moves[e.key];
    if (to) {
      e.preventDefault();
      moveTo(to);
      return;
    }
    if ((e.key === 'Enter' || e.key === ' ') && (e.target as HTMLElement).dataset.r !== undefined) {
      e.preventDefault();
      onOpen(rows[r]!.name, cols[c]!.arn, true);
    }
  };

  const focusedRendered = r >= r0 && r <= r1 && c >= c0 && c <= c1;
  const headerCells = [];
  for (let i = c0; i <= c1 && i < cols.length; i++) {
    const col = cols[i]!;
    headerCells.push(
      <div
        key={col.arn}
        role="columnheader"
        aria-colindex={i + 2}
        className={`mx-colhead${groupStarts.has(i) ? ' mx-group-start' : ''}`}
        style={{ left: i * colW, width: colW }}
        title={`${col.name}\n${col.arn}\n${col.endpoint}`}
        data-testid={`col-${col.name}`}
        data-arn={col.arn}
      >
        <span className="mx-colhead-name">{col.name}</span>
        <button type="button" className="mx-rerun" tabIndex={-1} aria-label={`Re-run column ${col.name}`} title={`Probe every profile on ${col.name} again`} onClick={() => onRerunColumn(col.arn)}>
          ↻
        </button>
      </div>,
    );
  }

  const groupCells = groups
    .filter((g) => g.start <= c1 && g.start + g.count - 1 >= c0)
    .map((g) => (
      <div
        key={`${g.account}/${g.region}/${g.start}`}
        role="columnheader"
        aria-colindex={g.start + 2}
        aria-colspan={g.count}
        className="mx-group"
        style={{ left: g.start * colW, width: g.count * colW }}
        title={`Account ${accountOf(g.account)}, ${g.region}: ${g.count} cluster${g.count === 1 ? '' : 's'}`}
      >
        <span className="mx-group-label" data-testid={`group-${g.account}-${g.region}`}>
          {/* With its alias the account takes the first line and the region the second: no wider than the ID alone was. */}
          <strong>{accountOf(g.account)}</strong>
          {accountOf(g.account) === g.account ? ` · ${g.region}` : <span className="mx-group-region">{g.region}</span>}
        </span>
      </div>
    ));

  const bodyRows = [];
  for (let ri = r0; ri <= r1 && ri < rows.length; ri++) {
    bodyRows.push(
      <GridRow
        key={rows[ri]!.name}
        p={rows[ri]!}
        ri={ri}
        c0={c0}
        c1={c1}
        cols={cols}
        cells={cells}
        pending={pending}
        updates={updates}
        onlyProblems={onlyProblems}
        marks={marks}
        expiry={expiries?.get(rows[ri]!.name)}
        account={rows[ri]!.account && accountOf(rows[ri]!.account!)}
        selectedKey={selectedKey}
        focusC={ri === r ? c : -1}
        groupStarts={groupStarts}
        totalW={totalW}
        colW={colW}
        onOpen={onOpen}
        onRerunRow={onRerunRow}
        setFocus={setFocus}
      />,
    );
  }

  return (
    <div
      ref={scroller}
      className="mx-scroller"
      style={{ ['--mx-first-w' as string]: `${firstW}px` }}
      data-compact={narrow ? 'true' : undefined}
      role="grid"
      aria-label="Access matrix: profiles by clusters"
      aria-rowcount={rows.length + 2}
      aria-colcount={cols.length + 1}
      tabIndex={focusedRendered ? -1 : 0}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        const t = e.target as HTMLElement;
        if (t.dataset.r !== undefined) {
          // A cell got the focus (click, tab, script): it becomes the roving tab stop.
          const pos = { r: Number(t.dataset.r), c: Number(t.dataset.c) };
          if (pos.r !== r || pos.c !== c) setFocus(pos);
        } else if (t === scroller.current && rows.length && cols.length) moveTo({ r, c });
      }}
      data-testid="matrix-grid"
    >
      <div className="mx-canvas" style={{ width: totalW, height: totalH }}>
        <div className="mx-header" style={{ width: totalW, height: HEADER_H }}>
          <div role="row" aria-rowindex={1} className="mx-header-row" style={{ height: GROUP_H, width: totalW }}>
            <div role="columnheader" aria-colindex={1} className="mx-corner mx-corner-top" style={{ height: GROUP_H }}>
              Account · region
            </div>
            <div className="mx-header-cells" style={{ width: cols.length * colW, height: GROUP_H }}>{groupCells}</div>
          </div>
          <div role="row" aria-rowindex={2} className="mx-header-row" style={{ height: HEAD_H, width: totalW }}>
            <div role="columnheader" aria-colindex={1} className="mx-corner" style={{ height: HEAD_H }}>
              Profile ↓ · Cluster →
            </div>
            <div className="mx-header-cells" style={{ width: cols.length * colW, height: HEAD_H }}>{headerCells}</div>
          </div>
        </div>
        {bodyRows}
      </div>
    </div>
  );
}

interface RowProps {
  p: MatrixProfile;
  ri: number;
  c0: number;
  c1: number;
  cols: MatrixCluster[];
  cells: Map<string, MatrixCell>;
  pending: Set<string>;
  updates: Map<string, number>;
  onlyProblems: boolean;
  marks: Map<string, KubectlMark>;
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
  onOpen: (profile: string, clusterArn: string) => void;
  onRerunRow: (profile: string) => void;
  setFocus: (pos: GridPosition) => void;
}

/** One row: memoised, so scrolling re-renders only the rows that come into view (or whose columns change). */
const GridRow = memo(function GridRow({ p, ri, c0, c1, cols, cells, pending, updates, onlyProblems, marks, expiry, account, selectedKey, focusC, groupStarts, totalW, colW, onOpen, onRerunRow, setFocus }: RowProps) {
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
        {hidden ? null : (
          <>
            <OutcomeIcon outcome={outcome} />
            <span className="mx-word">{shown}</span>
            {/* A space, so the cell's visible text reads "Forbidden kubectl", as its name does. */}
            {tag && ' '}
            {tag && (
              <span className={`mx-kubectl-tag${mark!.current ? ' mx-kubectl-current' : ''}`} aria-hidden="true">
                {tag}
              </span>
            )}
          </>
        )}
      </div>,
    );
  }
  return (
    <div role="row" aria-rowindex={ri + 3} className="mx-row" style={{ top: HEADER_H + ri * ROW_H, width: totalW }}>
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
