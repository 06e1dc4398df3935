// "Your kubectl" on the demo for a user who is not an administrator, in headless Chromium: before any scan a failing
// card offers nothing extra, and the "Use with kubectl" window already knows what the page's check found for a
// context's own profile; once the Access matrix has scanned, a failing card offers one of the user's own profiles that
// gets in (access before full admin), which opens the window with that cluster and profile chosen; another account's
// profile reads as the matrix's "Not expected"; after Undo only "Undone" shows, naming the profile kubectl runs as again.
// Where only an administrator's profile gets in, the card and the window say plainly that kubectl would act as an
// administrator; profiles that only need an MFA code or an SSO sign-in say so.
// Screenshots: test-artifacts/5z-offer-*.png at 1440×900 and 1024×700.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, startHarness, stopHarness, type Harness } from './e2e-harness.js';
import { profileOptions, scanThenBackToKubectl } from './e2e-use-window.js';

const CHECKOUT = 'arn:aws:eks:eu-west-1:111122223333:cluster/checkout-prod';
const DATA_PLATFORM = 'arn:aws:eks:us-east-1:111122223333:cluster/data-platform';
const card = (page: Page, context: string) => page.locator(`[data-testid="context-card"][data-context="${context}"]`);

describe('Your kubectl offers a profile of the user that already gets in (Chromium, demo sandbox)', () => {
  let h: Harness;
  const shot = async (name: string, size: { width: number; height: number }) => {
    await h.page.setViewportSize(size);
    await h.page.screenshot({ path: join(ARTIFACTS, `5z-offer-${name}-${size.width}.png`) });
  };

  beforeAll(async () => {
    h = await startHarness('demo');
    await h.page.setViewportSize({ width: 1440, height: 900 });
    await h.page.goto(h.server.openUrl);
  }, 120_000);
  afterAll(async () => stopHarness(h));

  it("before any scan: no offer on a failing card, and the window knows the page's check of the context's own profile", async () => {
    expect.hasAssertions();
    const page = h.page;
    await expect.poll(() => card(page, DATA_PLATFORM).getAttribute('data-cause'), { timeout: 120_000 }).not.toBe('');
    expect(await card(page, DATA_PLATFORM).getAttribute('data-outcome')).toBe('UNAUTHORIZED');
    expect(await page.getByTestId('context-offer').count()).toBe(0);
    await page.getByRole('button', { name: 'Use with kubectl: choose the AWS profile kubectl signs in with' }).click();
    await page.getByTestId('use-modal').waitFor();
    await expect.poll(() => page.getByTestId('use-context').textContent(), { timeout: 60_000 }).toContain('payments-prod');
    await page.getByTestId('use-context').click();
    await page.getByRole('option', { name: /^data-platform/ }).click();
    const options = await profileOptions(page);
    expect(options.developer).toBe('refused by this cluster (401 Unauthorized) runs here now');
    expect(options.default).toMatch(/^not checked on this cluster yet/);
    await page.getByTestId('use-close').click();
  }, 240_000);

  it('after the scan: a failing card offers a profile that gets in, access before admin, and opens the window with it', async () => {
    expect.hasAssertions();
    const page = h.page;
    await scanThenBackToKubectl(h);
    const offer = card(page, CHECKOUT).getByTestId('context-offer');
    await offer.waitFor({ timeout: 60_000 });
    expect(await offer.getAttribute('data-profile')).toBe('developer');
    expect(await offer.textContent()).toContain('Or use a profile that already gets in: developer (can list services)');
    const dataOffer = card(page, DATA_PLATFORM).getByTestId('context-offer');
    await dataOffer.waitFor();
    expect(await dataOffer.getAttribute('data-profile')).toBe('platform-admin');
    // The only profile that gets in is an administrator's: the offer says so plainly, no "No administrator needed".
    expect(await dataOffer.getAttribute('data-admin')).toBe('true');
    expect(await dataOffer.textContent()).toContain('platform-admin gets in, but with full administrator rights');
    expect(await dataOffer.textContent()).toContain('kubectl would act as an administrator on this cluster. Use it only if that profile is meant for you');
    expect(await dataOffer.textContent()).not.toContain('No administrator needed');
    expect(await offer.getAttribute('data-admin')).toBe('false');
    await expect.poll(() => card(page, CHECKOUT).getAttribute('data-cause'), { timeout: 120_000 }).not.toBe('');
    for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
      await page.setViewportSize(size);
      await card(page, CHECKOUT).scrollIntoViewIfNeeded();
      await offer.scrollIntoViewIfNeeded();
      await shot('card', size);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await card(page, CHECKOUT).getByTestId('context-offer-use').click();
    await page.getByTestId('use-modal').waitFor();
    await expect.poll(() => page.getByTestId('use-context').textContent(), { timeout: 60_000 }).toContain('checkout-prod');
    await expect.poll(() => page.getByTestId('use-profile').textContent()).toContain('developer');
    await expect.poll(() => page.getByTestId('use-standing').getAttribute('data-kind'), { timeout: 30_000 }).toBe('works');
    await expect.poll(() => page.getByTestId('use-summary').textContent(), { timeout: 30_000 }).toContain('as AWS profile developer');
    const options = await profileOptions(page);
    expect(options.bob).toContain('runs here now');
    for (const other of ['carol', 'dev-admin', 'devops']) expect(options[other]).toBe("another account's profile — nothing maps it here");
    await shot('window', { width: 1440, height: 900 });
    await shot('window', { width: 1024, height: 700 });
    await page.setViewportSize({ width: 1440, height: 900 });
  }, 300_000);

  it('after Undo: the success is gone, and "Undone" says which profile kubectl runs as again', async () => {
    expect.hasAssertions();
    const page = h.page;
    await page.getByTestId('use-apply').click();
    await page.getByTestId('use-applied').waitFor({ timeout: 60_000 });
    await page.getByTestId('use-undo').click();
    const undone = page.getByTestId('use-undone');
    await undone.waitFor({ timeout: 60_000 });
    expect(await undone.textContent()).toContain('Undone: kubectl runs as bob again on checkout-prod');
    expect(await page.getByTestId('use-applied').count()).toBe(0);
    expect(await page.getByTestId('use-after').count()).toBe(0);
    await shot('undone', { width: 1024, height: 700 });
    await page.getByTestId('use-close').click();
  }, 180_000);

  it('the admin-only offer: the window cautions next to the administrator profile, and MFA/SSO profiles say what they need', async () => {
    expect.hasAssertions();
    const page = h.page;
    const dataOffer = card(page, DATA_PLATFORM).getByTestId('context-offer');
    for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
      await page.setViewportSize(size);
      await dataOffer.scrollIntoViewIfNeeded();
      await shot('admin-card', size);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await card(page, DATA_PLATFORM).getByTestId('context-offer-use').click();
    await page.getByTestId('use-modal').waitFor();
    await expect.poll(() => page.getByTestId('use-context').textContent(), { timeout: 60_000 }).toContain('data-platform');
    await expect.poll(() => page.getByTestId('use-standing').getAttribute('data-kind'), { timeout: 30_000 }).toBe('works');
    const caution = page.getByTestId('use-admin-caution');
    await caution.waitFor();
    expect(await caution.textContent()).toContain('platform-admin gets in, but with full administrator rights: kubectl would act as an administrator');
    const options = await profileOptions(page, async () => {
      await page.waitForTimeout(500); // the list fades in
      await shot('admin-list', { width: 1440, height: 900 });
    });
    expect(options['eks-admin-mfa']).toBe('needs your MFA code first (Profiles page)');
    expect(options['sso-dev-admin']).toBe('needs an SSO sign-in first (Profiles page)');
    await shot('admin-window', { width: 1440, height: 900 });
    await shot('admin-window', { width: 1024, height: 700 });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('use-close').click();
    await page.getByTestId('use-modal').waitFor({ state: 'detached' });
  }, 180_000);
});
