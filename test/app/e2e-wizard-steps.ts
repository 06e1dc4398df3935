// The steps the wizard tests take in Chromium: moving between a wizard's steps, its buttons in a small window, closing
// it, undoing from the note it leaves on the page, and the real kubectl run outside the app.
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { classifyGetSvc, cleanEnv, run } from '../helpers/run.js';
import { ARTIFACTS, diagnoseCell, type Harness } from './e2e-harness.js';

export async function step(page: Page, wizard: string, index: number): Promise<void> {
  await expect.poll(() => page.getByTestId(wizard).getByTestId('wizard').getAttribute('data-step'), { timeout: 30_000 }).toBe(String(index));
}

export async function next(page: Page, wizard: string, to: number): Promise<void> {
  await page.getByTestId(wizard).getByRole('button', { name: 'Next', exact: true }).click();
  await step(page, wizard, to);
}

/** Opens a cell's diagnosis and its grant wizard from the fix `fixId`; resolves with the wizard once step 1 is there. */
export async function openGrantWizard(page: Page, url: string, profile: string, cluster: string, fixId: string): Promise<Locator> {
  await diagnoseCell(page, url, profile, cluster);
  await page.locator(`[data-testid="fix-button"][data-kind="grant"][data-fix="${fixId}"]`).click();
  const wizard = page.getByTestId('grant-wizard');
  await wizard.getByTestId('grant-identity').waitFor({ timeout: 60_000 });
  return wizard;
}

/**
 * In a 1024×700 window the wizard's own buttons stay in view however long its step is (the step scrolls instead);
 * `long` also checks that the step is longer than its room, so the case is a real one.
 */
export async function buttonsInSmallWindow(page: Page, wizard: string, shotPath: string, long = false): Promise<void> {
  const before = page.viewportSize()!;
  await page.setViewportSize({ width: 1024, height: 700 });
  try {
    const w = page.getByTestId(wizard);
    const names = ['Next', 'Back', 'Close'];
    const inWindow = async () => {
      const out: string[] = [];
      for (const name of names) {
        const b = w.getByRole('button', { name, exact: true });
        if ((await b.count()) === 0) continue;
        const box = await b.boundingBox();
        if (!box || box.y < 0 || box.y + box.height > 700) out.push(`${name} at ${JSON.stringify(box)}`);
      }
      return out;
    };
    await expect.poll(inWindow).toEqual([]);
    if (long) {
      const body = w.locator('.wz-body');
      expect(await body.evaluate((el) => el.scrollHeight > el.clientHeight + 20)).toBe(true);
    }
    await page.screenshot({ path: shotPath });
  } finally {
    await page.setViewportSize(before);
  }
}

export async function kubectlConfig(h: Harness, ...args: string[]): Promise<string> {
  const r = await run('kubectl', ['config', ...args], cleanEnv(h.sandbox.env), 30_000);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
}

/** Undo a change from the (only) note a closed wizard left on the page: its preview first, then the undo; the note goes. */
export async function undoFromPage(page: Page, words: string, shotName?: string): Promise<void> {
  const notice = page.getByTestId('undo-notice').filter({ hasText: words });
  await notice.waitFor({ timeout: 30_000 });
  await page.getByTestId('undo-notice-open').click();
  const modal = page.getByTestId('undo-modal');
  await modal.getByTestId('undo-preview').waitFor({ timeout: 60_000 });
  expect(await modal.getByTestId('undo-problem').count()).toBe(0);
  expect(await modal.getByTestId('undo-diff').textContent()).toMatch(/^-/m);
  expect((await modal.getByTestId('undo-commands').getByTestId('fix-command').allTextContents())[0]).toMatch(/^\/\S+\/node \/\S+\/bin\/eks-access-doctor\.cjs restore --backup \S+ --yes\b/);
  if (shotName) {
    await page.screenshot({ path: join(ARTIFACTS, `${shotName}.png`) });
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.screenshot({ path: join(ARTIFACTS, `${shotName}-1024x700.png`) });
    await page.setViewportSize({ width: 1440, height: 900 });
  }
  await modal.getByTestId('undo-confirm').click();
  await modal.getByTestId('undo-done').waitFor({ timeout: 60_000 });
  // Once undone, the window no longer says the undo is still to come.
  expect(await modal.getByTestId('undo-intro').textContent()).toMatch(/That is undone now\.$/);
  await modal.getByTestId('undo-close').click();
  await expect.poll(() => notice.count()).toBe(0);
}

/** `asks`: whether closing asks first (it does not once Verify passed: nothing is left unfinished). */
export async function closeWizard(page: Page, wizard: Locator, asks = true): Promise<void> {
  await wizard.getByRole('button', { name: 'Close', exact: true }).click();
  if (asks) await page.getByTestId('wizard-close-confirmed').click();
  else expect(await page.getByTestId('wizard-confirm-close').count()).toBe(0);
  await expect.poll(() => page.getByTestId('grant-wizard').count()).toBe(0);
}

export async function kubectl(h: Harness): Promise<{ outcome: string; stderr: string }> {
  const r = await run('kubectl', ['get', 'svc', '--request-timeout=20s'], cleanEnv(h.sandbox.env), 60_000);
  return { outcome: classifyGetSvc(r), stderr: r.stderr };
}
