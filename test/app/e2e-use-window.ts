// What the Chromium tests of the "Use with kubectl" window share: the words under each profile of its list, and a
// finished Access matrix scan (what the window and the Your kubectl cards read) before going back to Your kubectl.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { Harness } from './e2e-harness.js';

/** Each profile of the open list and the words under it. */
export async function profileOptions(page: Page, shot?: () => Promise<void>): Promise<Record<string, string>> {
  await page.getByTestId('use-profile').click();
  const options = page.getByRole('option');
  await options.first().waitFor();
  await shot?.();
  const texts = await options.evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText));
  await page.keyboard.press('Escape');
  return Object.fromEntries(texts.map((t) => t.split('\n').map((l) => l.trim()).filter(Boolean)).map(([name, ...rest]) => [name!, rest.join(' ')]));
}

/** Opens the Access matrix, waits for its scan to end, and comes back to Your kubectl. */
export async function scanThenBackToKubectl(h: Harness): Promise<void> {
  await h.page.goto(`${h.server.openUrl}#/matrix`);
  await h.page.getByTestId('matrix-summary').waitFor({ timeout: 90_000 });
  await expect.poll(() => h.app.matrix.state().scanId > 0 && !h.app.matrix.state().running, { timeout: 120_000 }).toBe(true);
  await h.page.goto(`${h.server.openUrl}#/`);
}
