// A cell AWS throttled, in headless Chromium (browser mode, demo sandbox with every STS call throttled): the panel
// says it is temporary and offers "Try again"; once AWS stops throttling, that button gets the cell's real outcome.
// And, in the same browser, a clock an hour behind AWS's (clock-skew): the matrix says so, quoting AWS, instead of
// "No clusters found". Screenshots go to test-artifacts/6x-throttled-*.png and 6x-clock-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ARTIFACTS, startHarness, stopHarness, type Harness } from './e2e-harness.js';

describe('a throttled cell in the matrix', () => {
  let h: Harness;
  const shot = (name: string) => h.page.screenshot({ path: join(ARTIFACTS, `6x-throttled-${name}.png`) });
  const cell = (profile: string, cluster: string) => h.page.locator(`[data-testid="cell"][data-profile="${profile}"][data-cluster$=":cluster/${cluster}"]`);

  beforeAll(async () => {
    h = await startHarness('demo', {
      edit: (s) => (s.faults = { ...s.faults, throttlePercent: 100, throttleServices: ['sts'] }),
      matrixSettings: { awsMaxAttempts: 2 },
    });
  }, 120_000);
  afterAll(async () => stopHarness(h));

  it('says AWS asked to slow down, and "Try again" gets the real outcome once it stops', async () => {
    const page = h.page;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(h.server.openUrl);
    await page.getByRole('link', { name: 'Access matrix', exact: true }).click();
    await page.getByTestId('matrix-summary').waitFor({ timeout: 90_000 });
    expect(await cell('developer', 'payments-prod').getAttribute('data-outcome')).toBe('ERROR');
    await cell('developer', 'payments-prod').click();
    const alert = page.getByTestId('throttled-alert');
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain('AWS asked us to slow down');
    expect(await page.getByTestId('panel-message').textContent()).toMatch(/AWS throttled the calls for this profile's credentials \(Throttling: Rate exceeded\)/);
    await alert.scrollIntoViewIfNeeded();
    await shot('01-panel-1440');
    await page.setViewportSize({ width: 1024, height: 700 });
    await alert.scrollIntoViewIfNeeded();
    await shot('02-panel-1024');
    await page.setViewportSize({ width: 1440, height: 900 });

    h.sandbox.world.scenario.faults.throttlePercent = 0;
    await page.getByTestId('retry-throttled').click();
    await expect.poll(() => page.getByTestId('panel-outcome').getAttribute('data-outcome'), { timeout: 60_000 }).toBe('ACCESS');
    expect(await page.getByTestId('panel-username').textContent()).toBe('developer:alice');
    expect(await page.getByTestId('throttled-alert').count()).toBe(0);
    expect(await cell('developer', 'payments-prod').getAttribute('data-outcome')).toBe('ACCESS');
    await shot('03-after-retry');
  });

  it('a cell that was not throttled has no "Try again"', async () => {
    const page = h.page;
    await cell('default', 'payments-prod').click();
    await expect.poll(() => page.getByTestId('cell-panel').getAttribute('data-profile')).toBe('default');
    expect(await page.getByTestId('panel-outcome').getAttribute('data-outcome')).toBe('ADMIN');
    expect(await page.getByTestId('retry-throttled').count()).toBe(0);
  });

  it("with the computer's clock an hour behind AWS's, the matrix says so and quotes AWS", async () => {
    const skewed = await startHarness('clock-skew', { browser: h.browser });
    try {
      const page = skewed.page;
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(skewed.server.openUrl);
      await page.getByRole('link', { name: 'Access matrix', exact: true }).click();
      const empty = page.getByTestId('matrix-empty');
      await expect.poll(() => empty.textContent(), { timeout: 90_000 }).toMatch(/clock/);
      const text = (await empty.textContent())!;
      expect(text).toContain("This computer's clock is wrong");
      expect(text).toContain("This computer's clock is 60 min behind AWS's clock, so AWS refuses every request it signs");
      expect(text).toMatch(/AWS answered: Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z/);
      expect(text).not.toContain('No clusters found');
      await page.screenshot({ path: join(ARTIFACTS, '6x-clock-1440.png') });
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.screenshot({ path: join(ARTIFACTS, '6x-clock-1024.png') });
    } finally {
      await stopHarness(skewed);
    }
  }, 120_000);
});
