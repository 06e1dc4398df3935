// Staying signed in, in Chromium (browser mode on the expired-sso sandbox): the warning banner for a sign-in
// about to expire, renewed in one click; a kubeconfig edited on disk re-checks its cells in the matrix.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, sandboxSecrets, startHarness, stopHarness, type Harness } from './e2e-harness.js';

const SIZES = [{ width: 1440, height: 900 }, { width: 1024, height: 700 }];

describe('staying signed in, in Chromium', () => {
  let h: Harness;
  const shots = async (name: string) => {
    for (const size of SIZES) {
      await h.page.setViewportSize(size);
      await h.page.screenshot({ path: join(ARTIFACTS, `stay-${name}-${size.width}x${size.height}.png`) });
    }
  };

  beforeAll(async () => {
    h = await startHarness('expired-sso', { watch: true });
  });
  afterAll(async () => {
    await stopHarness(h);
  });

  it('warns about a sign-in that ends within ten minutes and renews it with one click', async () => {
    const { page } = h;
    await page.goto(`${h.server.openUrl}#/profiles`);
    // A time after midnight carries its date ("8 Dec 00:09"): eight hours from a run after 16:00 is tomorrow.
    const banner = page.getByTestId('expiry-banner');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.getAttribute('data-profile')).toBe('gina-soon');
    expect(await banner.textContent()).toMatch(/^Signed in until (\d{1,2} [A-Z][a-z]{2} )?\d\d:\d\d \(in [1-5] minutes?\)\. After that, kubectl and the aws CLI fail for gina-soon until you sign in again\. The app can renew it now/);
    await expect.poll(() => page.getByTestId('expiry-gina-soon').getAttribute('data-tone'), { timeout: 20_000 }).toBe('soon');
    expect(await page.getByTestId('expiry-hal-legacy').textContent()).toMatch(/^Signed in until (\d{1,2} [A-Z][a-z]{2} )?\d\d:\d\d \(in (7|8) hours/);
    // Gina's first sign-in ended yesterday: said as such, and no banner for it (too late to warn).
    expect(await page.getByTestId('expiry-gina-sso').textContent()).toMatch(/^Expired \d+ hours ago — sign in again$/);
    expect(await page.getByTestId('expiry-banner').count()).toBe(1);
    await shots('1-warning');

    // The matrix row says it too, and the banner stays over every page.
    await page.setViewportSize(SIZES[0]!);
    await page.getByRole('link', { name: 'Access matrix', exact: true }).click();
    await page.getByTestId('matrix-summary').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('row-expiry-gina-soon').textContent()).toBe('sign-in ends soon');
    expect(await page.getByTestId('row-expiry-hal-legacy').count()).toBe(0);
    expect(await page.getByTestId('row-expiry-gina-sso').textContent()).toBe('signed out');
    await shots('2-matrix-warning');

    await page.getByTestId('stay-signed-in').click();
    await page.getByTestId('signed-in-again').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('signed-in-again').textContent()).toMatch(/^Signed in again: gina-soon, until (\d{1,2} [A-Z][a-z]{2} )?\d\d:\d\d \(in (7 hours \d+ minutes|8 hours)\)\.$/);
    // The banner leaves with the Flashbar's exit animation (slower under load); the row re-checks in the background.
    await expect.poll(() => page.getByTestId('expiry-banner').count(), { timeout: 5000 }).toBe(0);
    await expect.poll(() => page.getByTestId('row-expiry-gina-soon').count(), { timeout: 5000 }).toBe(0);
    await page.getByRole('link', { name: 'Profiles' }).click();
    await expect.poll(() => page.getByTestId('expiry-gina-soon').getAttribute('data-tone'), { timeout: 10_000 }).toBe('ok');
    await shots('3-renewed');
    const html = await page.content();
    for (const secret of sandboxSecrets(h.sandbox)) expect(html).not.toContain(secret);
  });

  it('re-checks the matrix cells of a kubeconfig context edited on disk', async () => {
    const { page } = h;
    await page.setViewportSize(SIZES[0]!);
    await page.getByRole('link', { name: 'Access matrix', exact: true }).click();
    await page.getByTestId('matrix-summary').waitFor({ timeout: 90_000 });
    const cell = (profile: string) => page.locator(`[data-testid="cell"][data-profile="${profile}"][data-cluster$=":cluster/shipping"]`);
    await expect.poll(() => cell('gina-sso').getAttribute('data-kubectl'), { timeout: 20_000 }).toBe('current');
    expect(await cell('owner').getAttribute('data-kubectl')).toBeNull();
    const updatesBefore = Number(await cell('owner').getAttribute('data-updates'));

    const kubeconfig = h.env.KUBECONFIG!.split(':')[0]!;
    writeFileSync(kubeconfig, readFileSync(kubeconfig, 'utf8').replaceAll('gina-sso', 'owner'));
    const t0 = Date.now();
    await page.getByTestId('files-changed').waitFor({ timeout: 2000 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(await page.getByTestId('files-changed').textContent()).toBe('Your kubeconfig changed on disk. Checking again: context arn:aws:eks:us-east-1:111122223333:cluster/shipping; 2 matrix cells.');
    await expect.poll(async () => Number(await cell('owner').getAttribute('data-updates')), { timeout: 20_000 }).toBeGreaterThan(updatesBefore);
    await expect.poll(() => cell('owner').getAttribute('data-kubectl'), { timeout: 20_000 }).toBe('current');
    expect(await cell('gina-sso').getAttribute('data-kubectl')).toBeNull();
    await shots('4-kubeconfig-edited');
  });
});
