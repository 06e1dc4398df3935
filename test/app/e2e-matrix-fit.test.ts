// The Matrix page's fit in a window, in headless Chromium on the demo sandbox: the whole demo matrix in a 1440 × 900
// window, a grid as tall as a 1024 × 700 window allows whose wheel moves its rows, the legend's "kubectl ★", and the
// "Clear filters" link only when a filter hides something. Screenshots: test-artifacts/mx-fit-*.png.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, startHarness, stopHarness, type Harness } from './e2e-harness.js';

/** Where the grid, its columns' headers and its rows' headers are in the window. */
const layout = (page: Page) =>
  page.evaluate(() => {
    const grid = document.querySelector<HTMLElement>('[data-testid="matrix-grid"]')!;
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const topBar = document.getElementById('top-nav-bar')?.getBoundingClientRect().bottom ?? 0;
    return {
      grid: { ...box(grid), scrollTop: grid.scrollTop, scrollWidth: grid.scrollWidth, clientWidth: grid.clientWidth },
      window: { width: window.innerWidth, height: window.innerHeight, scrollY: window.scrollY, topBar },
      first: box(grid.querySelector('.mx-corner')!),
      columns: Array.from(grid.querySelectorAll<HTMLElement>('[role="columnheader"][data-arn]')).map((e) => ({ name: e.dataset.testid!.slice(4), ...box(e) })),
      rows: Array.from(grid.querySelectorAll<HTMLElement>('[role="rowheader"]')).map((e) => ({ name: e.dataset.testid!.slice(4), ...box(e) })),
    };
  });

describe('Matrix page fits the window (Chromium, demo sandbox)', () => {
  let h: Harness;
  const cell = (profile: string, clusterName: string) => h.page.locator(`[data-testid="cell"][data-profile="${profile}"][data-cluster$=":cluster/${clusterName}"]`);

  beforeAll(async () => {
    h = await startHarness('demo', { viewport: { width: 1440, height: 900 } });
    await h.page.goto(`${h.server.openUrl}#/matrix`);
    await h.page.getByTestId('matrix-summary').waitFor({ timeout: 90_000 });
  }, 120_000);

  afterAll(() => stopHarness(h));

  it('shows every demo cluster as a whole column at 1440 × 900, with no sideways scroll, and every row in the first screen', async () => {
    const { page } = h;
    expect.hasAssertions();
    await expect.poll(() => page.locator('[data-testid="cell"]:not([data-outcome="PENDING"])').count()).toBe(72);
    const at = await layout(page);
    expect(at.columns.map((c) => c.name).sort()).toEqual(['checkout-prod', 'data-platform', 'dev-sandbox', 'internal-tools', 'ml-training', 'payments-prod']);
    for (const c of at.columns) {
      expect(c.left, c.name).toBeGreaterThanOrEqual(at.first.right - 1);
      expect(c.right, c.name).toBeLessThanOrEqual(Math.min(at.grid.right, at.window.width) + 1);
    }
    expect(at.grid.scrollWidth, JSON.stringify(at.grid)).toBeLessThanOrEqual(at.grid.clientWidth);
    // The twelve profiles too, without scrolling the page.
    expect(at.rows).toHaveLength(12);
    for (const r of at.rows) expect(r.bottom, r.name).toBeLessThanOrEqual(at.window.height);
    // A column's header says the whole name, in its tooltip and to a screen reader, however narrow it is.
    const head = page.getByTestId('col-payments-prod');
    expect(await head.getAttribute('title')).toMatch(/^payments-prod\n/);
    expect(await head.locator('.mx-colhead-name').textContent()).toBe('payments-prod');
    await page.screenshot({ path: join(ARTIFACTS, 'mx-fit-1440x900.png') });
  });

  it('explains the kubectl tags in the legend', async () => {
    const { page } = h;
    expect.hasAssertions();
    expect(await page.getByTestId('legend-kubectl-current').textContent()).toBe('kubectl ★ = the cluster and profile your kubectl uses now (its current context)');
    expect(await page.getByTestId('legend-kubectl').textContent()).toBe('kubectl = a context of your kubeconfig uses this profile on this cluster');
  });

  it('offers "Clear filters" only while a filter hides something, and says how much', async () => {
    const { page } = h;
    expect.hasAssertions();
    const clear = page.getByTestId('filter-clear');
    expect(await clear.count()).toBe(0);
    // Both accounts chosen: a filter is set, but it hides nothing.
    await page.getByTestId('filter-account').locator('button').first().click();
    await page.getByRole('option', { name: '111122223333' }).click();
    await page.getByRole('option', { name: '444455556666' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('filter-account').innerText()).toContain('111122223333, 444455556666');
    expect(await page.locator('[data-testid^="col-"]').count()).toBe(6);
    expect(await clear.count()).toBe(0);
    await page.getByPlaceholder('Find by name').fill('payments');
    await expect.poll(() => clear.innerText()).toBe('Clear filters (5 clusters hidden)');
    // The summary counts what the grid shows, not the whole scan: one column of twelve cells.
    const summary = page.getByTestId('matrix-summary');
    expect(await summary.innerText()).toMatch(/^Showing 12 of 72 cells \(12 profiles × 1 of 6 clusters\); the filters hide the rest\. Scanned in /);
    // payments-prod's column: three 401s and three "No credentials" fail; three other-account profiles are greyed.
    expect(await page.getByTestId('matrix-expectation').innerText()).toMatch(/^Of these, 6 failing cells someone expects to work · 3 not expected /);
    await clear.click();
    await expect.poll(() => page.locator('[data-testid^="col-"]').count()).toBe(6);
    expect(await clear.count()).toBe(0);

    // "Only problems" hides no row or column of the demo, but blanks the cells without a problem: it says how many.
    const failing = Number(await page.getByTestId('matrix-expectation').getAttribute('data-failing'));
    await page.getByTestId('filter-problems').locator('input').check();
    await expect.poll(() => clear.innerText()).toBe(`Clear filters (${72 - failing} cells hidden)`);
    expect(await page.locator('[data-testid="cell"][data-outcome="hidden"]').count()).toBe(72 - failing);
    expect(await summary.innerText()).toMatch(new RegExp(`^Showing ${failing} of 72 cells \\(12 profiles × 6 clusters\\)`));
    expect(await page.getByTestId('matrix-expectation').innerText()).toBe(`Of these, ${failing} failing cells someone expects to work`);
  });

  it('keeps the kubectl tags of the cells "Only problems" blanks', async () => {
    const { page } = h;
    expect.hasAssertions();
    // default on payments-prod is kubectl's current context and works (Admin): blanked, it keeps its "kubectl ★".
    const current = cell('default', 'payments-prod');
    expect(await current.getAttribute('data-outcome')).toBe('hidden');
    const tag = current.locator('.mx-kubectl-tag');
    expect(await tag.isVisible()).toBe(true);
    expect(await tag.innerText()).toBe('kubectl ★');
    expect(await current.getAttribute('aria-label')).toContain("kubectl's current context");
    // carol on dev-sandbox works too: its plain "kubectl" tag stays as well.
    expect(await cell('carol', 'dev-sandbox').locator('.mx-kubectl-tag').innerText()).toBe('kubectl');
    await page.screenshot({ path: join(ARTIFACTS, 'mx-fit-only-problems-1440x900.png') });
    await page.getByTestId('filter-clear').click();
    await expect.poll(() => page.locator('[data-testid="cell"][data-outcome="hidden"]').count()).toBe(0);
  });

  it('gives the grid the window\'s height at 1024 × 700, and the wheel over it brings all its rows into view', async () => {
    const { page } = h;
    expect.hasAssertions();
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.evaluate(() => window.scrollTo(0, 0));
    // The text filter's hint is read whole, not cut ("Find profiles or cl…").
    const hint = await page.getByTestId('matrix-text-filter').locator('input').evaluate((el: HTMLInputElement) => {
      const style = getComputedStyle(el);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return { text: ctx.measureText(el.placeholder).width, room: el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) };
    });
    expect(hint.text, JSON.stringify(hint)).toBeLessThanOrEqual(hint.room);
    await page.screenshot({ path: join(ARTIFACTS, 'mx-fit-1024x700.png') });
    const before = await layout(page);
    // The whole demo grid (a 370 px box before): its twelve rows at once.
    expect(before.grid.bottom - before.grid.top).toBeGreaterThanOrEqual(540);
    const auditorTop = before.rows.find((r) => r.name === 'auditor')!.top;
    await page.mouse.move(600, Math.min(before.grid.bottom, 700) - 40);
    // A notch at a time, as a person does, until the grid's bottom edge is in the window.
    let notches = 0;
    while ((await layout(page)).grid.bottom > 701 && notches < 10) {
      await page.mouse.wheel(0, 100);
      await page.waitForTimeout(60);
      notches++;
    }
    expect(notches).toBeLessThanOrEqual(5);
    const after = await layout(page);
    // The rows moved up with the page, as far as it scrolled.
    expect(after.window.scrollY).toBeGreaterThan(100);
    expect(Math.abs(after.rows.find((r) => r.name === 'auditor')!.top - (auditorTop - after.window.scrollY))).toBeLessThanOrEqual(3);
    const visible = Math.min(after.grid.bottom, after.window.height) - Math.max(after.grid.top, after.window.topBar);
    expect(visible, JSON.stringify(after)).toBeGreaterThanOrEqual(540);
    expect(after.rows.filter((r) => r.top >= after.window.topBar - 1 && r.bottom <= after.window.height + 1)).toHaveLength(12);
    await page.screenshot({ path: join(ARTIFACTS, 'mx-fit-1024x700-wheeled.png') });
  });

  it('in a window lower than the grid, the wheel brings the grid into full view first, then moves its rows', async () => {
    const { page } = h;
    expect.hasAssertions();
    await page.setViewportSize({ width: 1024, height: 500 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId('matrix-grid').evaluate((el) => el.scrollTo(0, 0));
    const start = await layout(page);
    expect(start.grid.bottom).toBeGreaterThan(500); // partly below the window's edge
    await page.mouse.move(600, 470);
    // Each notch: where the grid is, and how far its rows have scrolled.
    const seen: { gridBottom: number; gridScroll: number; pageScroll: number }[] = [];
    for (let i = 0; i < 12; i++) {
      await page.mouse.wheel(0, 60);
      await page.waitForTimeout(60);
      const at = await layout(page);
      seen.push({ gridBottom: Math.round(at.grid.bottom), gridScroll: at.grid.scrollTop, pageScroll: at.window.scrollY });
    }
    // The rows moved inside the grid…
    expect(seen.at(-1)!.gridScroll, JSON.stringify(seen)).toBeGreaterThan(100);
    // …only once the grid was all in the window: never a box scrolling half out of sight.
    for (const s of seen.filter((x) => x.gridScroll > 0)) expect(s.gridBottom, JSON.stringify(seen)).toBeLessThanOrEqual(501);
    // And the grid, in full view, is nearly the window's height (a 360 px box before).
    const end = await layout(page);
    expect(end.grid.bottom - end.grid.top).toBeGreaterThanOrEqual(500 - 80);
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
