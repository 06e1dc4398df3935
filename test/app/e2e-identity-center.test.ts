// Start from nothing, in Chromium: sign in with IAM Identity Center from a start URL (device authorization approved
// on the sandbox's verification page), see every account × role on the Profiles page, scan them in the matrix,
// take the kubeconfig fix of one without a profile (saved first), and save two of them as profiles (preview, then
// the app's block of the AWS config file).
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/app-context.js';
import { BEGIN_LINE } from '../../electron/identity-center/config-section.js';
import { startWebServer, type WebServer } from '../../electron/web.js';
import { ensureRendererBuilt, RENDERER_DIST } from '../../scripts/ensure-renderer.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { ACCOUNTS, ASSIGNMENTS, identityCenterScenario, START_URL } from '../identity-center/scenario.js';
import { ARTIFACTS } from './e2e-harness.js';
import { sandboxEnv } from './support.js';

describe('IAM Identity Center on the Profiles page (Chromium)', () => {
  let sandbox: SandboxHandle;
  let app: AppContext;
  let server: WebServer;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await ensureRendererBuilt();
    const scenario = identityCenterScenario();
    scenario.identityCenter!.loggedIn = false; // signed out: the page must sign in first
    sandbox = await startSandbox(scenario);
    app = createAppContext({ env: sandboxEnv(sandbox.env), mode: 'browser', matrixSettings: { timeoutMs: 8000 } });
    server = await startWebServer({ context: app, staticDir: RENDERER_DIST });
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ead-chromium-')), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1440, height: 900 },
      ignoreHTTPSErrors: true, // only for the sandbox's verification page (its own CA)
    });
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    app?.close();
    await sandbox?.stop();
  });

  // A full-page capture resizes the window, which re-lays out the page under an open dialog: dialogs are taken as seen.
  const shot = async (name: string, fullPage = true) => {
    for (const [w, h] of [[1440, 900], [1024, 700]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: join(ARTIFACTS, `${name}-${w}.png`), fullPage });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  };
  const panel = () => page.getByTestId('identity-center');
  const profileCell = (accountId: string, role: string) => page.getByTestId(`ic-profile-${accountId}/${role}`);

  it('keeps "A start URL…" when it is picked before the sign-ins the config names have loaded', async () => {
    expect.hasAssertions();
    // Held until the pick is made: the config's sign-in ('acme') must not replace the user's choice when it comes.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/call/identityCenter.sessions', async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.goto(`${server.openUrl}#/profiles`);
      await panel().waitFor();
      await page.getByTestId('ic-session').locator('button').first().click();
      await page.getByRole('option', { name: /A start URL/ }).click();
      const answered = page.waitForResponse('**/api/call/identityCenter.sessions');
      release();
      await answered;
      await page.getByRole('button', { name: /Sign-in acme/ }).or(page.getByTestId('ic-start-url')).first().waitFor();
      await page.getByTestId('ic-session').locator('button').first().click();
      await page.getByRole('option', { name: /^acme/ }).waitFor(); // the list did load
      await page.keyboard.press('Escape');
      expect(await page.getByTestId('ic-start-url').isVisible()).toBe(true);
    } finally {
      await page.unroute('**/api/call/identityCenter.sessions');
    }
  });

  it('signs in from a start URL, lists, scans, and saves two identities as profiles', async () => {
    const configBefore = readFileSync(sandbox.env.AWS_CONFIG_FILE!, 'utf8');
    await page.goto(`${server.openUrl}#/profiles`);
    await panel().waitFor();
    await page.getByTestId('ic-session').locator('button').first().click();
    await page.getByRole('option', { name: /A start URL/ }).click();
    await page.getByTestId('ic-start-url').locator('input').fill(START_URL);
    // The form refuses a region the contract refuses, before anything is asked.
    const region = page.getByTestId('ic-region').locator('input');
    await region.fill('us-east');
    await page.getByText('A region name looks like us-east-1').waitFor();
    expect(await page.getByTestId('ic-sign-in').isDisabled()).toBe(true);
    await shot('identity-center-bad-region', false);
    await region.fill('us-east-1');
    await page.getByTestId('ic-sign-in').click();

    // The device authorization: the code and the link, approved on the verification page.
    const link = page.getByTestId('ic-verification-link');
    await link.waitFor({ timeout: 30_000 });
    const code = (await page.getByTestId('ic-user-code').textContent())!.trim();
    await shot('identity-center-device');
    const approval = await browser.newPage();
    expect(await link.getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/device\?user_code=/);
    await approval.goto((await link.getAttribute('href'))!);
    expect(await approval.locator('#user-code').textContent()).toBe(code);
    await approval.locator('#approve').click();
    await approval.getByText('Request approved').waitFor();
    await approval.close();

    // Every account × role, with or without a profile.
    const table = page.getByTestId('ic-identities');
    await table.waitFor({ timeout: 60_000 });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(ASSIGNMENTS.length);
    expect(await profileCell(ACCOUNTS.prod, 'EKSDeveloper').textContent()).toBe('prod-dev');
    expect(await profileCell(ACCOUNTS.data, 'ReadOnly').textContent()).toBe('none yet (would be acme-data-ReadOnly)');
    await panel().scrollIntoViewIfNeeded();
    await shot('identity-center-identities');

    // Scanned as rows of the matrix, without a profile for them.
    await page.getByTestId('ic-scan').click();
    await page.waitForURL(/#\/matrix$/);
    await page.getByTestId('matrix-summary').waitFor({ timeout: 120_000 });
    await shot('identity-center-matrix');
    const outcome = (row: string, cluster: string) => page.locator(`[data-testid="cell"][data-profile="${row}"][data-cluster$=":cluster/${cluster}"]`).getAttribute('data-outcome');
    expect(await outcome(`acme-dev-EKSDeveloper`, 'dev')).toBe('ACCESS');
    expect(await outcome('acme-data-ReadOnly', 'prod')).toBe('UNAUTHORIZED');
    expect(await outcome('prod-dev', 'prod')).toBe('ADMIN');
    await shot('identity-center-matrix');
    expect(readFileSync(sandbox.env.AWS_CONFIG_FILE!, 'utf8')).toBe(configBefore);

    // The kubeconfig fix of a row without a profile: its exec names the profile, so it is saved first.
    await page.locator('[data-testid="cell"][data-profile="acme-dev-EKSDeveloper"][data-cluster$=":cluster/dev"]').click();
    await page.getByTestId('why-button').click();
    await page.locator('[data-testid="fix-button"][data-kind="kubeconfig"]').first().click({ timeout: 90_000 });
    const first = page.getByTestId('save-profile-first');
    await page.getByTestId('save-profile-diff').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('save-profile-diff').textContent()).toContain('+[profile acme-dev-EKSDeveloper]');
    expect(await page.getByTestId('kubeconfig-apply').isDisabled()).toBe(true);
    await shot('identity-center-kubeconfig-save-first', false);
    await page.getByTestId('save-profile-confirm').click();
    await expect.poll(() => first.getAttribute('data-saved'), { timeout: 30_000 }).toBe('true');
    const saved = readFileSync(sandbox.env.AWS_CONFIG_FILE!, 'utf8');
    expect(saved.slice(saved.indexOf(BEGIN_LINE))).toContain('[profile acme-dev-EKSDeveloper]\n');
    await shot('identity-center-kubeconfig-saved', false);
    await page.getByTestId('kubeconfig-apply').click();
    const result = page.getByTestId('kubeconfig-result-alert');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-ok')).toBe('true'); // the real `kubectl get svc` got in as the identity
    expect(readFileSync(sandbox.env.KUBECONFIG!, 'utf8')).toContain('acme-dev-EKSDeveloper');
    await page.getByTestId('kubeconfig-close').click();

    // Save two as profiles: preview first, then the write.
    await page.evaluate(() => (window.location.hash = '#/profiles'));
    await page.getByTestId('ic-sign-in').click(); // the sign-in is now the config's "acme": list it
    await table.waitFor({ timeout: 60_000 });
    for (const [acct, role] of [[ACCOUNTS.data, 'ReadOnly'], [ACCOUNTS.dev, 'EKSDeveloper']] as const) {
      await table.locator('tbody tr', { has: profileCell(acct, role) }).locator('input[type="checkbox"]').check({ force: true });
    }
    await page.getByTestId('ic-save').click();
    const diff = page.getByTestId('ic-diff');
    await diff.waitFor();
    expect(await diff.textContent()).toContain('+[profile acme-data-ReadOnly]');
    await shot('identity-center-preview');
    await page.getByTestId('ic-save-confirm').click();
    await page.getByTestId('ic-saved').waitFor({ timeout: 30_000 });
    // The list is read again after the write: on a loaded machine that takes more than the poll's default second.
    await expect.poll(() => profileCell(ACCOUNTS.data, 'ReadOnly').textContent(), { timeout: 30_000 }).toBe('acme-data-ReadOnly');
    expect(await profileCell(ACCOUNTS.dev, 'EKSDeveloper').textContent()).toBe('acme-dev-EKSDeveloper');
    await page.getByTestId('profile-acme-data-ReadOnly').waitFor({ timeout: 30_000 });
    await shot('identity-center-saved');

    const config = readFileSync(sandbox.env.AWS_CONFIG_FILE!, 'utf8');
    expect(config.startsWith(configBefore)).toBe(true);
    expect(config.slice(configBefore.length)).toContain(`${BEGIN_LINE}\n`);
    expect(config.match(/^\[profile /gm)).toHaveLength(configBefore.match(/^\[profile /gm)!.length + 2);
  }, 300_000);
});
