// "Use with kubectl" in headless Chromium on the demo, its kubeconfig rewritten by kubectl itself (kubectl's own
// layout, as a real user's file has it): before any scan the window says plainly that it does not know which profile
// works; after the Access matrix's scan every profile says what it does on the chosen cluster, a profile known to
// work is offered first, a profile the cluster refuses gets a warning before the write (and the write is no longer
// the easy default), and the preview shows only the lines that change.
// Screenshots: test-artifacts/5x-use-*.png at 1440×900 and 1024×700.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { run } from '../helpers/run.js';
import { ARTIFACTS, startHarness, stopHarness, type Harness } from './e2e-harness.js';
import { profileOptions, scanThenBackToKubectl } from './e2e-use-window.js';

const OPEN = 'Use with kubectl: choose the AWS profile kubectl signs in with';

async function openWindow(page: Page) {
  await page.getByRole('button', { name: OPEN }).click();
  await page.getByTestId('use-modal').waitFor();
  await expect.poll(() => page.getByTestId('use-context').textContent(), { timeout: 120_000 }).toContain('payments-prod');
}

describe('Use with kubectl says what each profile does on the cluster (Chromium, demo sandbox)', () => {
  let h: Harness;
  let kubeconfig: string;
  const shot = async (name: string, size: { width: number; height: number }) => {
    await h.page.setViewportSize(size);
    await h.page.screenshot({ path: join(ARTIFACTS, `5x-use-${name}-${size.width}.png`) });
  };

  beforeAll(async () => {
    h = await startHarness('demo');
    kubeconfig = h.env.KUBECONFIG!.split(':')[0]!;
    // kubectl's own layout: list items at their key's level, as `kubectl config …` and the aws CLI write them.
    const view = await run('kubectl', ['config', 'view', '--raw'], h.env);
    expect(view.code, view.stderr).toBe(0);
    writeFileSync(kubeconfig, view.stdout);
    expect(readFileSync(kubeconfig, 'utf8')).toMatch(/^users:\n- name: /m);
    await h.page.setViewportSize({ width: 1440, height: 900 });
    await h.page.goto(h.server.openUrl);
  }, 120_000);
  afterAll(async () => stopHarness(h));

  it('before any scan: says in plain words that it does not know which profile works, and picks none', async () => {
    expect.hasAssertions();
    const page = h.page;
    await openWindow(page);
    await expect.poll(() => page.getByTestId('use-knowledge').getAttribute('data-knowledge')).toBe('not-scanned');
    expect(await page.getByTestId('use-knowledge').textContent()).toContain('has not checked yet which of your profiles get into this cluster');
    expect(await page.getByTestId('use-profile').textContent()).toContain('Choose a profile');
    const options = await profileOptions(page);
    expect(options.developer).toContain('not checked on this cluster yet');
    await page.getByTestId('use-close').click();
  }, 180_000);

  it('after the Access matrix\'s scan: each profile says what it does here, and one that works is offered first', async () => {
    expect.hasAssertions();
    const page = h.page;
    await scanThenBackToKubectl(h);
    await openWindow(page);
    // The current context runs as default (alice, an administrator): that is the profile offered.
    await expect.poll(() => page.getByTestId('use-profile').textContent(), { timeout: 30_000 }).toContain('default');
    await expect.poll(() => page.getByTestId('use-standing').getAttribute('data-kind')).toBe('works');
    expect(await page.getByTestId('use-standing').textContent()).toContain('default: works here (full admin) — signs in as alice');
    const options = await profileOptions(page, () => shot('profile-list', { width: 1440, height: 900 }));
    expect(options.default).toMatch(/^works here \(full admin\) — signs in as alice/);
    expect(options.default).toContain('runs here now');
    expect(options.developer).toBe('works here — signs in as developer:alice');
    expect(options['sso-readonly']).toBe('refused by this cluster (401 Unauthorized)');
    expect(options['old-ci']).toMatch(/^no credentials/);
    // A profile waiting only for an MFA code says what it needs (as the Profiles page does), not "cannot sign in".
    expect(options['eks-admin-mfa']).toBe('needs your MFA code first (Profiles page)');
    expect(await page.getByTestId('use-warning').count()).toBe(0);
  }, 300_000);

  it('a profile the cluster refuses: a warning before the write, the write no longer the default, and a short preview', async () => {
    expect.hasAssertions();
    const page = h.page;
    await page.getByTestId('use-profile').click();
    await page.getByRole('option', { name: /^sso-readonly/ }).click();
    const warning = page.getByTestId('use-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('kubectl works on payments-prod today as default (alice); with sso-readonly it will not');
    expect(await warning.textContent()).toContain("sso-readonly on this cluster, at the Access matrix's last check: refused by this cluster (401 Unauthorized)");
    expect(await page.getByTestId('use-standing').count()).toBe(0);
    expect(await warning.textContent()).toContain('Choose another profile (default works here), or fix sso-readonly');
    await expect.poll(() => page.getByTestId('use-summary').textContent(), { timeout: 30_000 }).toContain('as AWS profile sso-readonly');
    const apply = page.getByTestId('use-apply');
    expect(await apply.textContent()).toBe('Write it anyway');
    expect(await apply.isDisabled()).toBe(true);
    // The preview holds the change only: kubectl's layout is kept, nothing else is re-indented.
    const diff = (await page.getByTestId('kubeconfig-diff').textContent())!;
    const changed = await page.getByTestId('kubeconfig-diff').locator('[data-kind="add"], [data-kind="del"]').allTextContents();
    expect(changed, diff).toEqual(['+      - --profile', '+      - sso-readonly', '-        value: default', '+        value: sso-readonly']);
    expect(await page.getByTestId('use-relaid').count()).toBe(0);
    await page.getByTestId('kubeconfig-diff').scrollIntoViewIfNeeded();
    await shot('warning-preview', { width: 1440, height: 900 });
    await shot('warning-preview', { width: 1024, height: 700 });
    await page.setViewportSize({ width: 1440, height: 900 });
    // Ticking that they mean it lets the write go ahead; "Use default instead" takes the warning away.
    await page.getByTestId('use-accept-risk').locator('input').check();
    await expect.poll(() => apply.isDisabled()).toBe(false);
    await page.getByTestId('use-alternative').click();
    await expect.poll(() => page.getByTestId('use-warning').count()).toBe(0);
    await expect.poll(() => page.getByTestId('use-profile').textContent()).toContain('default');
    await page.getByTestId('use-close').click();
    expect(readFileSync(kubeconfig, 'utf8')).not.toContain('sso-readonly');
  }, 300_000);
});
