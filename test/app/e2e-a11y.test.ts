// Every screen once, on the demo sandbox with one browser: axe-core finds no serious or critical accessibility
// violation on Your kubectl, Profiles (a profile selected), the matrix with a cell's panel open, the diagnosis, and the
// first step of each wizard. Screenshots of each at 1440×900 and 1024×700: test-artifacts/7x-a11y-*.png.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { seriousViolations, type AxeFinding } from './axe.js';
import { ARTIFACTS, launch, startHarness, stopHarness, type Harness } from './e2e-harness.js';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
];

let browser: BrowserContext;
let h: Harness;
let page: Page;
const found: Record<string, AxeFinding[]> = {};

/** Checks the screen as it is, and photographs it at both window sizes (ending at 1440×900). */
async function screen(name: string): Promise<void> {
  found[name] = await seriousViolations(page);
  for (const size of [...SIZES].reverse()) {
    await page.setViewportSize(size);
    // Two frames: the page has handled the resize (a wizard re-fits its step to the window) before the picture.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.screenshot({ path: join(ARTIFACTS, `7x-a11y-${name}-${size.width}x${size.height}.png`) });
  }
}

beforeAll(async () => {
  browser = await launch(SIZES[0], { bypassCSP: true, reducedMotion: true });
  h = await startHarness('demo', { browser });
  page = h.page;
}, 120_000);
afterAll(async () => {
  writeFileSync(join(ARTIFACTS, '7x-a11y-findings.json'), JSON.stringify(found, null, 2));
  await stopHarness(h);
  await browser?.close();
});

describe('accessibility of every screen (axe-core, demo sandbox)', () => {
  it('Your kubectl', async () => {
    await page.goto(h.server.openUrl);
    await page.locator('[data-testid="contexts-summary"][data-checking="false"]').waitFor({ timeout: 90_000 });
    await screen('kubectl');
    expect(found.kubectl).toEqual([]);
  }, 120_000);

  it('Profiles, with a profile selected', async () => {
    if (page.url() === 'about:blank') await page.goto(h.server.openUrl);
    // Opened from the foot of Your kubectl, Profiles opens at its top (it kept the old scroll, mid-table).
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Profiles' }).click();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect.poll(() => page.locator('[data-status="checking"]').count(), { timeout: 30_000 }).toBe(0);
    await page.locator('tr', { has: page.getByTestId('profile-old-ci') }).locator('input[type="radio"]').check({ force: true });
    await page.getByTestId('profile-details').waitFor();
    // The words are the headline; AWS's code is the technical detail under AWS's message.
    expect(await page.getByTestId('profile-error').textContent()).toMatch(/AWS no longer accepts this access key — deleted or deactivatedAWS said: .*Technical detail: InvalidClientTokenId/);
    expect(await page.getByTestId('status-words-old-ci').textContent()).toBe('AWS no longer accepts this access key — deleted or deactivated');
    await screen('profiles');
    // At 1024×700 every column is on screen: the table does not scroll sideways (Type and Account were off to the right).
    await page.setViewportSize(SIZES[1]!);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const sideways = await page.evaluate(() => {
      const wrapper = document.querySelector('[data-testid="profiles-table"] table')!.parentElement!;
      return wrapper.scrollWidth - wrapper.clientWidth;
    });
    expect(sideways).toBeLessThanOrEqual(0);
    await page.setViewportSize(SIZES[0]!);
    // Where the rows fit the window, the column headers do not stick: scrolled to the end, no row is half under them
    // (the blank sliver of a covered row looked like a band across the table).
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const covered = await page.evaluate(() => {
      const heads = Array.from(document.querySelectorAll('[data-testid="profiles-table"] thead')).map((t) => t.getBoundingClientRect()).filter((r) => r.height > 0);
      const bottom = Math.max(...heads.map((r) => r.bottom));
      return Array.from(document.querySelectorAll('[data-testid="profiles-table"] tbody tr')).filter((tr) => {
        const r = tr.getBoundingClientRect();
        return r.top < bottom - 1 && r.bottom > bottom + 1;
      }).length;
    });
    expect(covered).toBe(0);
    // A profile selected shows its details; the page offers no "app's default" (no call of the app used one).
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('tr', { has: page.getByTestId('profile-bob') }).locator('input[type="radio"]').check({ force: true });
    await expect.poll(() => page.getByTestId('profile-details').locator('h2').first().textContent()).toContain('bob');
    expect(await page.getByTestId('action-set-active').count()).toBe(0);
    expect(found.profiles).toEqual([]);
  }, 120_000);

  it('the matrix with a cell panel open', async () => {
    if (page.url() === 'about:blank') await page.goto(h.server.openUrl);
    await page.getByRole('link', { name: 'Access matrix', exact: true }).click();
    await page.getByTestId('matrix-summary').waitFor({ timeout: 90_000 });
    // Opened in a small window: the navigation steps aside for the grid while the panel is open, and comes back after.
    await page.setViewportSize(SIZES[1]!);
    await page.locator('[data-testid="cell"][data-profile="developer"][data-cluster$=":cluster/data-platform"]').click();
    await expect.poll(() => page.getByTestId('cell-panel').getAttribute('data-profile')).toBe('developer');
    expect(await page.getByRole('link', { name: 'Profiles' }).filter({ visible: true }).count()).toBe(0);
    // Made wide again with the cell still open, the navigation comes back; narrow again, it steps aside again.
    await page.setViewportSize(SIZES[0]!);
    await expect.poll(() => page.getByRole('link', { name: 'Profiles' }).filter({ visible: true }).count()).toBe(1);
    await page.setViewportSize(SIZES[1]!);
    await expect.poll(() => page.getByRole('link', { name: 'Profiles' }).filter({ visible: true }).count()).toBe(0);
    expect(await page.getByTestId('cell').filter({ visible: true }).count()).toBeGreaterThanOrEqual(12);
    // The panel does not squeeze the grid: whole columns and rows of it stay in the window beside the panel.
    const inWindow = () => page.evaluate(() => {
      const grid = document.querySelector('[data-testid="matrix-grid"]')!.getBoundingClientRect();
      const first = document.querySelector('.mx-corner')!.getBoundingClientRect();
      const head = document.querySelector('.mx-header')!.getBoundingClientRect();
      const right = Math.min(grid.right, window.innerWidth) + 1;
      const bottom = Math.min(grid.bottom, window.innerHeight) + 1;
      const whole = (sel: string, ok: (r: DOMRect) => boolean) => Array.from(document.querySelectorAll(sel)).filter((e) => ok(e.getBoundingClientRect())).length;
      return {
        columns: whole('.mx-colhead', (r) => r.left >= first.right - 1 && r.right <= right),
        rows: whole('.mx-rowhead', (r) => r.top >= head.bottom - 1 && r.bottom <= bottom),
        panel: document.querySelector('[data-testid="cell-panel"]')!.getBoundingClientRect().width,
      };
    });
    const small = await inWindow();
    expect(small.columns, JSON.stringify(small)).toBeGreaterThanOrEqual(3);
    expect(small.rows, JSON.stringify(small)).toBeGreaterThanOrEqual(5);
    expect(small.panel, JSON.stringify(small)).toBeLessThan(SIZES[1]!.width * 0.35);
    // The open cell is among them.
    expect(await page.locator('.mx-selected').evaluate((el) => {
      const r = el.getBoundingClientRect();
      const grid = document.querySelector('[data-testid="matrix-grid"]')!.getBoundingClientRect();
      return r.left >= document.querySelector('.mx-corner')!.getBoundingClientRect().right - 1 && r.right <= grid.right + 1;
    })).toBe(true);
    // The narrow columns beside the panel show each outcome's words whole ("401 Unauthorized", never "401 Unauthori…").
    const cutWords = () => page.locator('[data-testid="cell"] .mx-word').evaluateAll((els) =>
      els.filter((e) => e.getBoundingClientRect().width > 0 && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)).map((e) => e.textContent));
    expect(await cutWords()).toEqual([]);
    await screen('matrix-panel');
    expect(await cutWords()).toEqual([]);
    // In a large window (the screenshots end at 1440×900) the navigation is back by itself, and more columns fit.
    await expect.poll(() => page.getByRole('link', { name: 'Profiles' }).filter({ visible: true }).count()).toBe(1);
    const large = await inWindow();
    expect(large.columns, JSON.stringify(large)).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: join(ARTIFACTS, '7x-a11y-matrix-panel-nav-1440x900.png') });
    expect(found['matrix-panel']).toEqual([]);
  }, 120_000);

  it('keyboard: skip link to the grid, Enter into the panel and Escape or close back to the cell, PageDown/End in view', async () => {
    const focused = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return { testid: el?.dataset.testid ?? el?.tagName, profile: el?.dataset.profile, cluster: el?.dataset.cluster, inPanel: Boolean(el?.closest('[data-testid="cell-panel"]')) };
    });
    // Tab from the top of the page reaches the skip link first; it lands on a cell of the grid.
    const first = await page.evaluate(() => (document.querySelector('a[href], button, input, [tabindex="0"]') as HTMLElement).dataset.testid);
    expect(first).toBe('skip-link');
    await page.getByTestId('skip-link').focus();
    expect(await page.getByTestId('skip-link').evaluate((a) => a.getBoundingClientRect().top >= 0)).toBe(true);
    await page.keyboard.press('Enter');
    expect((await focused()).testid).toBe('cell');
    await page.keyboard.press('ArrowDown');
    const cell = await focused();
    expect(cell.testid).toBe('cell');
    // Enter opens that cell's panel and moves the focus into it; Escape closes it and gives the focus back.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cell-panel').getAttribute('data-profile')).toBe(cell.profile);
    expect(await focused()).toMatchObject({ inPanel: true });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('cell-panel').filter({ visible: true }).count()).toBe(0);
    await expect.poll(focused).toMatchObject({ testid: 'cell', profile: cell.profile, cluster: cell.cluster });
    // The panel's close button does the same.
    await page.keyboard.press('Enter');
    await expect.poll(focused).toMatchObject({ inPanel: true });
    await page.getByRole('button', { name: 'Close panel' }).click();
    await expect.poll(focused).toMatchObject({ testid: 'cell', profile: cell.profile, cluster: cell.cluster });
    await expect.poll(() => page.getByRole('link', { name: 'Profiles' }).filter({ visible: true }).count()).toBe(1);

    // In a small window, PageDown and End keep the focused cell in the window and below the grid's sticky headers.
    await page.setViewportSize(SIZES[1]!);
    const inView = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const r = el.getBoundingClientRect();
      const grid = document.querySelector('[data-testid="matrix-grid"]')!.getBoundingClientRect();
      const head = document.querySelector('.mx-header')!.getBoundingClientRect();
      return el.dataset.testid === 'cell' && r.top >= Math.max(0, head.bottom) - 1 && r.bottom <= Math.min(window.innerHeight, grid.bottom) + 1
        && r.left >= 0 && r.right <= Math.min(window.innerWidth, grid.right) + 1;
    });
    for (const key of ['PageDown', 'End', 'Control+End', 'PageUp', 'Control+Home']) {
      await page.keyboard.press(key);
      expect(await inView(), key).toBe(true);
    }
    await page.setViewportSize(SIZES[0]!);

    // Each cell's name says its outcome once: the word it shows first, then whose, where and why.
    const names = await page.locator('[data-testid="cell"]:not([data-outcome="hidden"]):not([data-outcome="PENDING"])').evaluateAll((els) =>
      els.map((e) => ({ word: e.querySelector('.mx-word')!.textContent!, name: e.getAttribute('aria-label')! })));
    expect(names.length).toBeGreaterThan(10);
    for (const { word, name } of names) {
      expect(name.startsWith(word), name).toBe(true);
      const said = name.match(new RegExp(`(^|\\W)${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=\\W|$)`, 'g')) ?? [];
      expect(said.length, name).toBe(1);
    }
    // The cell opened before is open again for the diagnosis below.
    await page.locator('[data-testid="cell"][data-profile="developer"][data-cluster$=":cluster/data-platform"]').click();
    await expect.poll(() => page.getByTestId('cell-panel').getAttribute('data-profile')).toBe('developer');
  }, 120_000);

  it('the diagnosis', async () => {
    await page.getByTestId('why-button').click();
    await page.getByTestId('diagnosis').waitFor({ timeout: 90_000 });
    await screen('diagnosis');
    // Made narrow while the cell is open, the window gives the grid the navigation's room too.
    await page.setViewportSize(SIZES[1]!);
    await expect.poll(() => page.getByRole('link', { name: 'Profiles' }).filter({ visible: true }).count()).toBe(0);
    await page.setViewportSize(SIZES[0]!);
    expect(found.diagnosis).toEqual([]);
  }, 120_000);

  const wizards: Array<{ name: string; open: () => Promise<unknown>; ready: string; modal: string }> = [
    { name: 'grant', open: () => page.locator('[data-testid="fix-button"][data-kind="grant"]').first().click(), ready: 'grant-identity', modal: 'grant-wizard' },
    { name: 'creator', open: () => page.getByTestId('open-creator-wizard').click(), ready: 'wizard-step-0', modal: 'creator-wizard' },
    { name: 'logs', open: () => page.getByTestId('open-logs-wizard').click(), ready: 'logs-status', modal: 'logs-wizard' },
    { name: 'ask-admin', open: () => page.getByTestId('open-ask-admin').click(), ready: 'ask-admin-message', modal: 'ask-admin' },
  ];
  for (const w of wizards) {
    it(`the first step of the ${w.name} wizard`, async () => {
      await w.open();
      await page.getByTestId(w.ready).first().waitFor({ timeout: 90_000 });
      await screen(`wizard-${w.name}`);
      if (w.name === 'creator') {
        // The demo's first creator step is longer than a 1024×700 window: it scrolls, and Next stays in view.
        await page.setViewportSize(SIZES[1]!);
        await expect.poll(async () => {
          const box = await page.getByTestId(w.modal).getByRole('button', { name: 'Next', exact: true }).boundingBox();
          return box !== null && box.y + box.height <= SIZES[1]!.height;
        }).toBe(true);
        expect(await page.getByTestId(w.modal).locator('.wz-body').evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
        await page.setViewportSize(SIZES[0]!);
      }
      if (w.name === 'grant') {
        // With progress made, Escape asks before it throws the wizard away.
        await page.getByTestId(w.modal).getByRole('button', { name: 'Next', exact: true }).click();
        await expect.poll(() => page.getByTestId(w.modal).getByTestId('wizard').getAttribute('data-step')).toBe('1');
        await page.keyboard.press('Escape');
        await page.getByTestId('wizard-confirm-close').waitFor();
        // Nothing was applied yet: the question says so (not that what was done stays done).
        expect(await page.getByTestId('wizard-confirm-close').textContent()).toContain('Nothing has been changed');
        expect(await page.getByTestId(w.modal).filter({ visible: true }).count()).toBe(1);
        await page.getByTestId('wizard-close-confirmed').click();
      } else await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId(w.modal).filter({ visible: true }).count()).toBe(0);
      expect(found[`wizard-${w.name}`]).toEqual([]);
    }, 120_000);
  }
});
