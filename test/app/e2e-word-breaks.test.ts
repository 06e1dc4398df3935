// Where lines end, in headless Chromium on the demo sandbox: sentences in status lines wrap between words (never
// "administra|tor"), and the cell panel's ARN and endpoint wrap after a ':' or '/' (never inside "111122223333"
// or a port number). Screenshots: test-artifacts/word-breaks-*.png.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, startHarness, stopHarness, type Harness } from './e2e-harness.js';

/** An element's text as the lines it is drawn on (each character's box says which line it is on). */
function drawnLines(el: Element): string[] {
  const lines: string[] = [];
  let top: number | undefined;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (let i = 0; i < text.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (!box) continue;
      if (top === undefined || box.top > top + 2) lines.push('');
      top = box.top;
      lines[lines.length - 1] += text[i];
    }
  }
  return lines;
}

/** Words of letters cut at a line's end: the line ends in a letter and the next one starts with one. */
function wordsCut(lines: string[]): string[] {
  return lines.slice(1).flatMap((line, i) => (/[A-Za-z]$/.test(lines[i]!) && /^[A-Za-z]/.test(line) ? [`${lines[i]!.split(' ').at(-1)}|${line.split(' ')[0]}`] : []));
}

async function linesOf(page: Page, selector: string): Promise<string[][]> {
  return page.locator(selector).evaluateAll((els, fn) => {
    const lines = new Function(`return ${fn}`)() as (el: Element) => string[];
    return els.map((el) => lines(el));
  }, drawnLines.toString());
}

describe('lines end between words (Chromium, demo sandbox)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('demo', { viewport: { width: 1024, height: 700 } });
  }, 120_000);
  afterAll(() => stopHarness(h));

  it("the Your kubectl page's status lines wrap between words, in wide and narrow windows", async () => {
    expect.hasAssertions();
    const { page } = h;
    await page.goto(`${h.server.openUrl}#/kubectl`);
    await expect.poll(() => page.getByTestId('context-result').count(), { timeout: 90_000 }).toBeGreaterThan(3);
    let wrapped = 0;
    for (const width of [1024, 900, 800, 700, 600]) {
      await page.setViewportSize({ width, height: 700 });
      await page.waitForTimeout(200);
      const all = await linesOf(page, '[data-testid="context-result"], [data-testid="context-result"] *');
      wrapped += all.filter((l) => l.length > 1).length;
      expect(all.flatMap(wordsCut), `at ${width} px`).toEqual([]);
    }
    expect(wrapped).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1024, height: 700 });
  });

  it("the cell panel's IAM identity and endpoint wrap after a ':' or '/'", async () => {
    expect.hasAssertions();
    const { page } = h;
    await page.goto(`${h.server.openUrl}#/matrix`);
    const cell = page.locator('[data-testid="cell"][data-profile="default"][data-cluster$=":cluster/data-platform"]');
    await cell.waitFor({ timeout: 90_000 });
    await cell.click();
    await page.getByTestId('panel-identity').scrollIntoViewIfNeeded();
    const [identity] = await linesOf(page, '[data-testid="panel-identity"]');
    const [endpoint] = await linesOf(page, '[data-testid="panel-endpoint"]');
    await page.screenshot({ path: join(ARTIFACTS, 'word-breaks-cell-panel-1024x700.png') });
    expect(identity!.join('')).toBe('arn:aws:iam::111122223333:user/alice');
    expect(identity!.length).toBeGreaterThan(1); // the panel is narrow enough that it wraps
    for (const lines of [identity!, endpoint!]) for (const line of lines.slice(0, -1)) expect(line, lines.join('|')).toMatch(/[:/]$/);
    // The Kubernetes username (an ARN here) and the groups too: "system:authentica|ted" no more.
    // Its scan answer first: under load the scan may still be on its way to this cell.
    const bob = page.locator('[data-testid="cell"][data-profile="bob"][data-cluster$=":cluster/checkout-prod"]:not([data-outcome="PENDING"])');
    await bob.waitFor({ timeout: 90_000 });
    await bob.click();
    await expect.poll(() => page.getByTestId('panel-username').textContent(), { timeout: 20_000 }).toBe('arn:aws:iam::111122223333:user/bob');
    await page.getByTestId('panel-username').scrollIntoViewIfNeeded();
    const [username] = await linesOf(page, '[data-testid="panel-username"]');
    const [groups] = await linesOf(page, '[data-testid="panel-groups"]');
    expect(username!.join('')).toBe('arn:aws:iam::111122223333:user/bob');
    expect(username!.length).toBeGreaterThan(1);
    for (const lines of [username!, groups!]) for (const line of lines.slice(0, -1)) expect(line, lines.join('|')).toMatch(/[:/,] ?$/);
  });
});
