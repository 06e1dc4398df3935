// The Matrix page's legend, its narrow layout and its "kubectl" marks after the app writes the kubeconfig, in
// headless Chromium on the demo sandbox (the file watcher on, as in the app). Screenshots: test-artifacts/mx-counts-*.png.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dispatch } from '../../electron/dispatch.js';
import { ARTIFACTS, startHarness, stopHarness, type Harness } from './e2e-harness.js';

/** What the grid's rendered cells show: each cell under the word it shows (greyed pairs as NOT_EXPECTED), blanked ones left out. */
const shownWords = (page: Page) =>
  page.$$eval('[data-testid="cell"]:not([data-outcome="hidden"])', (els) => {
    const n: Record<string, number> = {};
    for (const e of els as HTMLElement[]) {
      const key = e.dataset.expected === 'false' ? 'NOT_EXPECTED' : e.dataset.outcome!;
      n[key] = (n[key] ?? 0) + 1;
    }
    return n;
  });

/** The legend's chips, as numbers by outcome, and their words. */
const chips = (page: Page) =>
  page.getByTestId('matrix-legend').locator('[data-outcome]').evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.outcome!, (e as HTMLElement).innerText.trim()] as const));

const asCounts = (list: ReadonlyArray<readonly [string, string]>) => Object.fromEntries(list.map(([o, text]) => [o, Number(/: (\d+)$/.exec(text)![1])]));

describe('Matrix counts, narrow layout and kubectl marks (Chromium, demo sandbox)', () => {
  let h: Harness;
  const call = async <T,>(name: string, req: unknown): Promise<T> => {
    const r = await dispatch(h.app.handlers, name, req);
    if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
    return r.result as T;
  };
  const marks = () =>
    h.page.$$eval('[data-testid="cell"][data-kubectl]', (els) => Object.fromEntries(els.map((e) => [`${(e as HTMLElement).dataset.profile} ${(e as HTMLElement).dataset.cluster!.split('/')[1]}`, (e as HTMLElement).dataset.kubectl])));

  beforeAll(async () => {
    h = await startHarness('demo', { watch: true, viewport: { width: 1440, height: 900 } });
    await h.page.goto(`${h.server.openUrl}#/matrix`);
    await h.page.getByTestId('matrix-summary').waitFor({ timeout: 90_000 });
  }, 120_000);

  afterAll(() => stopHarness(h));

  it('counts each cell under the word it shows: the greyed pairs apart, no chip of 0', async () => {
    const { page } = h;
    await expect.poll(() => page.locator('[data-testid="cell"]:not([data-outcome="PENDING"])').count()).toBe(72);
    const list = await chips(page);
    expect(asCounts(list)).toEqual(await shownWords(page));
    expect(list.find(([o]) => o === 'NOT_EXPECTED')?.[1]).toMatch(/^Not expected: \d+$/);
    expect(list.every(([, text]) => !text.endsWith(': 0'))).toBe(true);
    // The line above says the same number of greyed pairs.
    expect(asCounts(list).NOT_EXPECTED).toBe(Number(await page.getByTestId('matrix-expectation').getAttribute('data-unexpected')));
    await page.screenshot({ path: join(ARTIFACTS, 'mx-counts-1440x900.png') });

    await page.getByTestId('filter-problems').locator('input').check();
    await expect.poll(() => page.getByTestId('matrix-legend').locator('[data-outcome="ADMIN"]').count()).toBe(0);
    const problems = await chips(page);
    expect(asCounts(problems)).toEqual(await shownWords(page));
    expect(problems.map(([o]) => o)).not.toContain('NOT_EXPECTED');
    expect(problems.every(([, text]) => !text.endsWith(': 0'))).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'mx-counts-only-problems-1440x900.png') });
    await page.getByTestId('filter-problems').locator('input').uncheck();
  });

  it('keeps at least four whole cluster columns in view at 1024 × 700, with the cell panel closed and open', async () => {
    const { page } = h;
    const wholeColumns = () =>
      page.getByTestId('matrix-grid').evaluate((grid) => {
        const box = grid.getBoundingClientRect();
        const heads = Array.from(grid.querySelectorAll('[role="columnheader"][data-arn]')).map((e) => e.getBoundingClientRect());
        const first = grid.querySelector('.mx-corner')!.getBoundingClientRect().right;
        return heads.filter((r) => r.left >= first - 1 && r.right <= box.right + 1).length;
      });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('matrix-grid').evaluate((el) => el.scrollTo(0, 0));
    expect(await wholeColumns()).toBeGreaterThanOrEqual(5); // as before the narrow layout: the wide one is unchanged
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(wholeColumns).toBeGreaterThanOrEqual(4);
    // The full cluster name stays in the column's header tooltip however narrow it is.
    expect(await page.getByTestId('col-payments-prod').getAttribute('title')).toMatch(/^payments-prod\n/);
    await page.screenshot({ path: join(ARTIFACTS, 'mx-counts-1024x700.png') });
    await page.locator('[data-testid="cell"][data-profile="bob"][data-cluster$=":cluster/checkout-prod"]').click();
    await expect.poll(() => page.getByTestId('cell-panel').getAttribute('data-profile')).toBe('bob');
    await expect.poll(wholeColumns).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: join(ARTIFACTS, 'mx-counts-1024x700-panel.png') });
    // Wide again: the navigation the narrow window put aside is back (as when a cell is opened at 1440), beside the panel.
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect.poll(() => page.getByRole('link', { name: 'Profiles' }).filter({ visible: true }).count()).toBe(1);
    await expect.poll(wholeColumns).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: join(ARTIFACTS, 'mx-counts-1440x900-panel.png') });
    await page.getByRole('button', { name: 'Close panel' }).click();
  });

  it('moves the "kubectl" marks when the app writes the kubeconfig, without a new scan', async () => {
    const { app } = h;
    const scanId = app.matrix.state().scanId;
    const before = { 'default payments-prod': 'current', 'default internal-tools': 'context', 'bob checkout-prod': 'context', 'carol dev-sandbox': 'context', 'developer data-platform': 'context' };
    await expect.poll(marks).toEqual(before);

    // The update-kubeconfig of the diagnosis: payments-prod's context now runs as developer, and is current.
    const plan = await call<{ planId: string }>('kubeconfig.plan', { profile: 'developer', cluster: 'payments-prod', region: 'us-east-1' });
    const { undoId } = await call<{ undoId: string }>('kubeconfig.apply', { planId: plan.planId, verify: false });
    expect(app.matrix.state().kubectl?.find((u) => u.current)?.profile).toBe('developer');
    await expect.poll(marks).toEqual({ ...Object.fromEntries(Object.entries(before).filter(([k]) => k !== 'default payments-prod')), 'developer payments-prod': 'current' });
    await call('kubeconfig.undo', { undoId });
    await expect.poll(marks).toEqual(before);

    // "Use with kubectl": checkout-prod's context runs as developer (who may list its services) instead of bob.
    const context = app.matrix.state().kubectl!.find((u) => u.profile === 'bob')!.context;
    const use = await call<{ planId: string }>('contexts.usePlan', { context, profile: 'developer' });
    const applied = await call<{ undoId: string }>('contexts.useApply', { planId: use.planId });
    const { 'bob checkout-prod': _bob, ...others } = before;
    await expect.poll(marks).toEqual({ ...others, 'developer checkout-prod': 'context' });
    await call('contexts.useUndo', { undoId: applied.undoId });
    await expect.poll(marks).toEqual(before);
    expect(app.matrix.state().scanId).toBe(scanId);
  });
});
