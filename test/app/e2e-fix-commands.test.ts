// The matrix cell's answer shows every command its main fix's button stands for, in order, none folded away: on the
// demo, developer is refused by data-platform and the fix to try first is an access entry with its access policy —
// two commands; a trial ran only the one shown and got Forbidden instead of Unauthorized.
// Screenshots: test-artifacts/fix-commands-*.png.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, diagnoseCell, startHarness, stopHarness, type Harness } from './e2e-harness.js';

describe('the main fix’s commands (demo: developer → data-platform)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('demo', { viewport: { width: 1440, height: 900 } });
  }, 120_000);
  afterAll(() => stopHarness(h));

  it('shows both commands of the access entry fix, in order, without unfolding anything', async () => {
    expect.hasAssertions();
    const { page } = h;
    await diagnoseCell(page, h.server.openUrl, 'developer', 'data-platform');
    const block = page.getByTestId('primary-fix-command');
    await block.waitFor({ timeout: 60_000 });
    const commands = block.getByTestId('fix-command');
    await expect.poll(() => commands.count()).toBe(2);
    const texts = await commands.allTextContents();
    expect(texts[0]).toMatch(/^aws eks create-access-entry /);
    expect(texts[1]).toMatch(/^aws eks associate-access-policy /);
    for (const i of [0, 1]) expect(await commands.nth(i).isVisible()).toBe(true);
    expect(await page.getByTestId('primary-fix-command-words').textContent()).toMatch(/ 2 commands, in this order:$/);
    for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
      await page.setViewportSize(size);
      await block.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, `fix-commands-${size.width}x${size.height}.png`) });
    }
  }, 180_000);
});
