import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ExpiryKind, ExpiryWords } from '../../../shared/expiry-words.js';
import type { MatrixProfile } from '../../../shared/matrix-types.js';
import { cellKey, columnGroups } from './format.js';
import { useAccountLabel } from '../profiles/account-label.js';
import { range, type GridPosition } from './grid-range.js';
import { GridRow, type GridCells } from './GridRow.js';
import { usePageFirstWheel } from './usePageFirstWheel.js';

// Fixed sizes: what makes virtualising both axes cheap (positions are arithmetic, nothing is measured).
export const ROW_H = 40;
/** The widest a cluster column grows: its words and the kubectl tag side by side on one line. */
const COL_W = 172;
const FIRST_W = 232;
/** The narrowest: the words wrap and the kubectl tag goes under them. While a cell's panel takes the right of the
 * window, or the grid is narrower than NARROW_W, the first column narrows too, so four or more columns fit in 1024 px. */
export const COMPACT_COL_W = 120;
export const COMPACT_FIRST_W = 168;
const NARROW_W = 1000;
export const GROUP_H = 28;
export const HEAD_H = 40;
const HEADER_H = GROUP_H + HEAD_H;
const OVERSCAN_ROWS = 6;
const OVERSCAN_COLS = 3;

interface Props extends GridCells {
  rows: MatrixProfile[];
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
  const firstW = compact || view.width < NARROW_W ? COMPACT_FIRST_W : FIRST_W;
  // The columns share the grid's width, so a few clusters all fit without a sideways scroll; many scroll, at the narrowest.
  const colW = Math.max(COMPACT_COL_W, Math.min(COL_W, Math.floor((view.width - firstW) / Math.max(1, cols.length))));
  const narrow = colW < COL_W;
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

  usePageFirstWheel(scroller);

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
    if (pos.r < 0 || pos.c < 0) return;
    ensureVisible(pos);
    // Opening the panel reflows the page (the columns narrow, the navigation steps aside): the open cell stays in the window.
    const frame = requestAnimationFrame(() => {
      const box = scroller.current?.querySelector(`[data-r="${pos.r}"][data-c="${pos.c}"]`)?.getBoundingClientRect();
      if (box && box.bottom > window.innerHeight) window.scrollBy({ top: box.bottom - window.innerHeight + 8 });
    });
    return () => cancelAnimationFrame(frame);
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
          {accountOf(g.account) === g.account ? (
            <>
              <strong>{g.account}</strong> · {g.region}
            </>
          ) : (
            <>
              <strong className="mx-group-account">{accountOf(g.account)}</strong>
              <span className="mx-group-region">{g.region}</span>
            </>
          )}
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
        top={HEADER_H + ri * ROW_H}
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
