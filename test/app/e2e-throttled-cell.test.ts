// A cell AWS throttled, in headless Chromium (browser mode, demo sandbox with every STS call throttled): the panel
// says it is temporary and offers "Try again"; once AWS stops throttling, that button gets the cell's real outcome.
// Screenshots go to test-artifacts/6x-throttled-*.png.
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
});
