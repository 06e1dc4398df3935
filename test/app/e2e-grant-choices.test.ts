// The grant wizard's steps 2 and 3 on the demo (developer is refused by data-platform, an access-entry cluster;
// platform-admin can grant): step 2 promises no link it does not give, step 3 shows every access choice from the
// start in plain words, the full administrator's warning leads with plain words, and the preview says each step in
// plain words with the AWS names on a grey line and its command. Screenshots: test-artifacts/grant-choices-*.png.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS, startHarness, stopHarness, type Harness } from './e2e-harness.js';
import { next, openGrantWizard } from './e2e-wizard-steps.js';

/** Both window sizes; `focus`, if given, is scrolled into view at each. */
async function shots(page: Page, name: string, focus?: Locator): Promise<void> {
  await page.setViewportSize({ width: 1024, height: 700 });
  await focus?.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, `grant-choices-${name}-1024x700.png`) });
  await page.setViewportSize({ width: 1440, height: 900 });
  await focus?.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, `grant-choices-${name}-1440x900.png`) });
}

describe('the access-entry grant\'s choices (demo: developer → data-platform)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('demo', { viewport: { width: 1440, height: 900 } });
  }, 120_000);
  afterAll(() => stopHarness(h));

  it('step 2 says where the profiles that can grant are: below, not in a matrix it does not link to', async () => {
    expect.hasAssertions();
    const { page } = h;
    const wizard = await openGrantWizard(page, h.server.openUrl, 'developer', 'data-platform', 'create-access-entry');
    await next(page, 'grant-wizard', 1);
    const text = await wizard.textContent();
    expect(text).not.toMatch(/The matrix shows/);
    expect(text).toContain('Your profiles that can are listed below; one that cannot is greyed out, with the reason.');
    await shots(page, 'who-grants');
  }, 180_000);

  it('step 3 shows every access policy before any preview, narrowest first, in words with the AWS name under them', async () => {
    expect.hasAssertions();
    const { page } = h;
    const wizard = page.getByTestId('grant-wizard');
    await next(page, 'grant-wizard', 2);
    const policies = wizard.getByTestId('grant-policy').locator('input[type="radio"]');
    expect(await policies.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual([
      'AmazonEKSViewPolicy', 'AmazonEKSEditPolicy', 'AmazonEKSAdminPolicy', 'AmazonEKSClusterAdminPolicy',
    ]);
    for (const name of ['AmazonEKSViewPolicy', 'AmazonEKSClusterAdminPolicy']) expect(await wizard.getByTestId('grant-policy').locator(`input[value="${name}"]`).isVisible()).toBe(true);
    expect(await wizard.locator('input[value="AmazonEKSViewPolicy"]').isChecked()).toBe(true);
    expect(await wizard.getByTestId('grant-preview').count()).toBe(0);
    const text = await wizard.getByTestId('grant-policy').textContent();
    expect(text).toContain('Read only: see most things, change nothing');
    expect(text).toContain('Access policy AmazonEKSViewPolicy: read most resources (no Secrets)');
    await shots(page, 'policies');
  }, 120_000);

  it('the full administrator policy is warned of in plain words first, the AWS terms on the grey line', async () => {
    expect.hasAssertions();
    const { page } = h;
    const wizard = page.getByTestId('grant-wizard');
    await wizard.locator('input[value="AmazonEKSClusterAdminPolicy"]').check({ force: true });
    await wizard.getByTestId('grant-preview-button').click();
    const warning = wizard.getByTestId('grant-warning').first();
    await warning.waitFor({ timeout: 60_000 });
    const words = await warning.getByTestId('grant-warning-words').textContent();
    expect(words).toMatch(/^This gives full administrator rights on the whole cluster/);
    expect(words).not.toMatch(/AmazonEKS|\bRBAC\b/);
    expect(await warning.textContent()).toContain('AmazonEKSClusterAdminPolicy gives everything on the cluster');
    await warning.scrollIntoViewIfNeeded();
    await shots(page, 'admin-warning');
  }, 120_000);

  it('the preview says each step in plain words, the AWS names on the grey line under them, then its command', async () => {
    expect.hasAssertions();
    const { page } = h;
    const wizard = page.getByTestId('grant-wizard');
    await wizard.locator('input[value="AmazonEKSViewPolicy"]').check({ force: true });
    await wizard.getByTestId('grant-preview-button').click();
    await expect.poll(() => wizard.getByTestId('grant-warning').count(), { timeout: 60_000 }).toBe(0);
    await wizard.getByTestId('grant-plain-steps').waitFor({ timeout: 60_000 });
    const steps = wizard.getByTestId('grant-plain-step');
    expect(await steps.count()).toBe(2);
    const role = 'arn:aws:iam::111122223333:role/Developer';
    await expect.poll(() => wizard.getByTestId('grant-step-words').allTextContents(), { timeout: 60_000 }).toEqual([
      `Let ${role} sign in to the cluster`,
      'Give it read-only access to the whole cluster (see most things, change nothing)',
    ]);
    expect(await steps.nth(0).textContent()).toContain(`Access entry for ${role}`);
    expect(await steps.nth(1).textContent()).toContain('Access policy AmazonEKSViewPolicy, scope: cluster');
    expect(await steps.nth(0).getByTestId('fix-command').allTextContents()).toEqual([expect.stringMatching(/^aws eks create-access-entry /)]);
    expect(await steps.nth(1).getByTestId('fix-command').allTextContents()).toEqual([expect.stringMatching(/^aws eks associate-access-policy .*type=cluster/)]);
    // The technical titles and the 403 sentence are no longer the preview's words.
    const preview = (await wizard.getByTestId('grant-preview').textContent()) ?? '';
    expect(preview).not.toMatch(/Associate AmazonEKS|bound by RBAC|\b403\b/);
    expect(await wizard.getByTestId('grant-preview').locator('p').first().textContent()).toMatch(/^What the app will do, as /);
    await shots(page, 'preview', wizard.getByTestId('grant-plain-steps'));
  }, 120_000);

  it('after the grant, each step done is said in the same words, its AWS title on the line below', async () => {
    expect.hasAssertions();
    const { page } = h;
    const wizard = page.getByTestId('grant-wizard');
    await next(page, 'grant-wizard', 3);
    await wizard.getByTestId('grant-apply').click();
    await wizard.getByTestId('grant-steps').waitFor({ timeout: 120_000 });
    expect(await wizard.getByTestId('grant-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-ok')))).toEqual(['true', 'true']);
    expect(await wizard.getByTestId('grant-step-title').allTextContents()).toEqual([
      'Let arn:aws:iam::111122223333:role/Developer sign in to the cluster',
      'Give it read-only access to the whole cluster (see most things, change nothing)',
    ]);
    expect(await wizard.getByTestId('grant-steps').textContent()).toContain('Associate AmazonEKSViewPolicy (whole cluster)');
    expect(await wizard.getByTestId('grant-done-words').textContent()).toBe('developer (arn:aws:iam::111122223333:role/Developer) can now sign in to the cluster data-platform, with read-only access to the whole cluster: see most things, change nothing (an access entry with AmazonEKSViewPolicy).');
    await shots(page, 'granted', wizard.getByTestId('grant-steps'));
  }, 180_000);
});
