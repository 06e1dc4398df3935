// The matrix page's summary lines: while a filter hides cells, they count what the grid shows, not the whole scan.
import { describe, expect, it } from 'vitest';
import { LEGEND_KEYS, type LegendKey } from '../../renderer/src/matrix/expectations.js';
import { matrixSummary } from '../../renderer/src/matrix/summary.js';

const counts = (n: Partial<Record<LegendKey, number>>) => ({ ...Object.fromEntries(LEGEND_KEYS.map((k) => [k, 0])), ...n }) as Record<LegendKey, number>;
const scan = { cells: 72, profiles: 12, clusters: 6, failing: 41, unexpected: 21, took: '0.7 s' };

describe('the matrix summary', () => {
  it('without a filter, counts the whole scan', () => {
    expect.hasAssertions();
    const s = matrixSummary({ ...scan, rows: 12, cols: 6, counts: counts({ ADMIN: 6, UNAUTHORIZED: 13 }), filtered: false });
    expect(s.scope).toBe('72 cells, 12 profiles × 6 clusters in 0.7 s');
    expect(s.expectation).toBe("41 failing cells someone expects to work · 21 not expected (another account's profile that nothing names or maps), shown greyed");
  });

  it('with a filter, says how many cells are shown of all, and counts only those', () => {
    expect.hasAssertions();
    // The text filter "payments": one column of six.
    const s = matrixSummary({ ...scan, rows: 12, cols: 1, counts: counts({ ADMIN: 2, ACCESS: 1, UNAUTHORIZED: 4, NO_CREDENTIALS: 3, NOT_EXPECTED: 2 }), filtered: true });
    expect(s.scope).toBe('Showing 12 of 72 cells (12 profiles × 1 of 6 clusters); the filters hide the rest. Scanned in 0.7 s');
    expect(s.failing).toBe(7);
    expect(s.unexpected).toBe(2);
    expect(s.expectation).toBe("Of these, 7 failing cells someone expects to work · 2 not expected (another account's profile that nothing names or maps), shown greyed");
  });

  it('with "Only problems", shows only the failing cells and no greyed ones', () => {
    expect.hasAssertions();
    const s = matrixSummary({ ...scan, rows: 12, cols: 6, counts: counts({ FORBIDDEN: 1, UNAUTHORIZED: 13, NO_CREDENTIALS: 18, UNREACHABLE: 9 }), filtered: true });
    expect(s.scope).toMatch(/^Showing 41 of 72 cells \(12 profiles × 6 clusters\)/);
    expect(s.expectation).toBe('Of these, 41 failing cells someone expects to work');
  });
});
