import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createAppContext, type AppContext } from '../../electron/app-context.js';
import { startWebServer, type WebServer } from '../../electron/web.js';
import { ensureRendererBuilt, RENDERER_DIST } from '../../scripts/ensure-renderer.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { sandboxEnv } from './support.js';
import { channelNames } from '../../shared/contract.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** Every secret the sandbox knows: long-term keys, issued sessions, SSO tokens, client secrets, device codes. */
function sandboxSecrets(sandbox: SandboxHandle): string[] {
  const w = sandbox.world as unknown as {
    principals: Map<string, { accessKeys?: { secret: string }[] }>;
    sessions: Map<string, { secret: string; sessionToken: string }>;
    ssoTokens: Map<string, { accessToken: string; refreshToken: string }>;
    ssoClients: Map<string, { clientSecret: string }>;
    ssoDeviceAuths: Map<string, unknown>;
  };
  const secrets: string[] = [];
  for (const p of w.principals.values()) for (const k of p.accessKeys ?? []) secrets.push(k.secret);
  for (const s of w.sessions.values()) secrets.push(s.secret, s.sessionToken);
  for (const t of w.ssoTokens.values()) secrets.push(t.accessToken, t.refreshToken);
  for (const c of w.ssoClients.values()) secrets.push(c.clientSecret);
  for (const code of w.ssoDeviceAuths.keys()) secrets.push(code);
  const cacheDir = join(sandbox.env.HOME!, '.aws', 'sso', 'cache');
  for (const f of readdirSync(cacheDir)) {
    const cached = JSON.parse(readFileSync(join(cacheDir, f), 'utf8')) as Record<string, string>;
    for (const key of ['accessToken', 'refreshToken', 'clientSecret']) if (cached[key]) secrets.push(cached[key]);
  }
  return secrets.filter((s) => typeof s === 'string' && s.length >= 8);
}

describe('Profiles page in Chromium (browser mode on the demo sandbox)', () => {
  let sandbox: SandboxHandle;
  let app: AppContext;
  let server: WebServer;
  let browser: BrowserContext;
  let page: Page;
  const received: string[] = []; // every payload the renderer got: call responses and events

  const shot = async (name: string, on: Page = page) => {
    await on.evaluate(() => window.scrollTo(0, 0));
    await on.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  };
  const row = (name: string) => page.locator('tr', { has: page.getByTestId(`profile-${name}`) });
  const select = async (name: string) => {
    await row(name).locator('input[type="radio"]').check({ force: true });
    await expect.poll(() => page.getByTestId('profile-details').locator('h2').first().textContent()).toContain(name);
  };
  /** The top bar's visible text (Cloudscape also renders hidden copies for narrow screens). */
  const topBar = (text: string) => page.getByText(text, { exact: true }).filter({ visible: true }).count();
  const statusOf = (name: string) => page.getByTestId(`status-${name}`).getAttribute('data-status');

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await ensureRendererBuilt();
    sandbox = await startSandbox(join(process.cwd(), 'sandbox', 'scenarios', 'demo.yaml'));
    app = createAppContext({ env: sandboxEnv(sandbox.env), mode: 'browser', demo: true });
    app.events.subscribe((_name, payload) => received.push(JSON.stringify(payload)));
    server = await startWebServer({ context: app, staticDir: RENDERER_DIST });
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ead-chromium-')), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1440, height: 960 },
      ignoreHTTPSErrors: true, // only for the sandbox's verification page (its own CA)
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('response', async (res) => {
      if (res.url().includes('/api/call/')) received.push(await res.text().catch(() => ''));
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sandbox?.stop();
  });

  it('shows the demo profiles with their ARNs and statuses', async () => {
    // Each call the page makes, and whether the app had rendered anything when it made it.
    await page.addInitScript(`{
      const calls = (window.eadCalls = []);
      const plain = window.fetch.bind(window);
      window.fetch = (input, init) => {
        calls.push({ channel: String(input).replace(/^.*api\\/call\\//, ''), rendered: (document.getElementById('root')?.childElementCount ?? 0) > 0 });
        return plain(input, init);
      };
    }`);
    await page.goto(`${server.openUrl}#/profiles`);
    expect(page.url()).not.toContain('token='); // removed from the address bar once stored
    await expect.poll(() => statusOf('default'), { timeout: 20_000 }).toBe('valid');
    await expect.poll(() => statusOf('old-ci'), { timeout: 20_000 }).toBe('invalid');
    await expect.poll(async () => page.locator('[data-status="checking"]').count(), { timeout: 20_000 }).toBe(0);
    expect(await page.getByTestId('arn-default').textContent()).toBe('arn:aws:iam::111122223333:user/alice');
    expect(await page.getByTestId('arn-developer').textContent()).toBe('arn:aws:sts::111122223333:assumed-role/Developer/alice');
    // The status says why in words; AWS's code stays in the selected profile's details only.
    expect(await page.getByTestId('status-words-old-ci').textContent()).toBe('AWS no longer accepts this access key — deleted or deactivated');
    expect(await page.getByTestId('status-old-ci').textContent()).not.toContain('InvalidClientTokenId');
    expect(await statusOf('sso-dev-admin')).toBe('sso-login-needed');
    expect(await statusOf('eks-admin-mfa')).toBe('mfa-needed');
    await expect.poll(() => page.getByText('Demo sandbox', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('profile-default').textContent()).toBe('default');
    // The top bar offers "Use with kubectl" (kubectl's profile per cluster), not a bare label of the app's profile.
    expect(await topBar('Use with kubectl')).toBe(1);
    // The list and the app's info are asked for as the page opens, before its code has rendered anything (their
    // answers come while the browser evaluates that code), and the app does not ask again for them on its own.
    const calls = await page.evaluate(() => (window as unknown as { eadCalls: { channel: string; rendered: boolean }[] }).eadCalls);
    expect(calls.slice(0, 3).sort((a, b) => a.channel.localeCompare(b.channel))).toEqual(['app.info', 'matrix.snapshot', 'profiles.list'].map((channel) => ({ channel, rendered: false })));
    expect(calls.filter((c) => c.channel === 'app.info')).toHaveLength(1);
    await shot('01-profiles-demo');
  });

  it('in the desktop app too (the preload\'s window.api), the opening calls go out before the first render, and once', async () => {
    // The page as the desktop app has it: a window.api like the preload's, here over the server instead of IPC.
    const desktop = await browser.newPage();
    await desktop.addInitScript(`{
      const token = ${JSON.stringify(server.token)};
      const calls = (window.eadCalls = []);
      const api = {};
      for (const name of ${JSON.stringify(channelNames)}) {
        api[name] = async (request) => {
          calls.push({ channel: name, rendered: (document.getElementById('root')?.childElementCount ?? 0) > 0 });
          const res = await fetch('api/call/' + name, { method: 'POST', headers: { 'content-type': 'application/json', 'x-ead-token': token }, body: JSON.stringify(request ?? {}) });
          const envelope = await res.json();
          if (!envelope.ok) throw new Error(envelope.error.message);
          return envelope.result;
        };
      }
      let source;
      api.on = (name, listener) => {
        source ??= new EventSource('api/events');
        const handler = (e) => listener(JSON.parse(e.data));
        source.addEventListener(name, handler);
        return () => source.removeEventListener(name, handler);
      };
      window.api = api;
    }`);
    try {
      await desktop.goto(`${server.openUrl}#/profiles`);
      await expect.poll(() => desktop.getByTestId('status-default').getAttribute('data-status'), { timeout: 20_000 }).toBe('valid');
      await expect.poll(() => desktop.locator('[data-status="checking"]').count(), { timeout: 20_000 }).toBe(0);
      const calls = await desktop.evaluate(() => (window as unknown as { eadCalls: { channel: string; rendered: boolean }[] }).eadCalls);
      expect(calls.slice(0, 3).sort((a, b) => a.channel.localeCompare(b.channel))).toEqual(['app.info', 'matrix.snapshot', 'profiles.list'].map((channel) => ({ channel, rendered: false })));
      expect(calls.filter((c) => c.channel === 'app.info')).toHaveLength(1);
      expect(calls.filter((c) => c.channel === 'matrix.snapshot')).toHaveLength(1);
    } finally {
      await desktop.close();
    }
  });

  it('filters with the search box', async () => {
    await page.getByPlaceholder('Find profiles by name, ARN, account, status').fill('444455556666');
    await expect.poll(() => page.locator('[data-testid^="profile-"]').count()).toBe(3); // carol, dev-admin, devops
    await shot('02-profiles-filtered');
    await page.getByPlaceholder('Find profiles by name, ARN, account, status').fill('');
    await expect.poll(() => page.locator('[data-testid^="profile-"]').count()).toBe(12);
  });

  it('explains a deleted key with AWS\'s code and the equivalent command', async () => {
    await select('old-ci');
    const details = page.getByTestId('profile-details');
    await expect.poll(() => details.textContent()).toContain('The security token included in the request is invalid.');
    expect(await page.getByTestId('equivalent-command').textContent()).toBe('aws sts get-caller-identity --profile old-ci');
    expect(await page.getByTestId('credentials-from').textContent()).toMatch(/^your AWS (config and )?credentials files?$/);
    await shot('03-profile-invalid-key');
  });

  it('an MFA role succeeds with the code, entered from the link beside its status', async () => {
    // The row says what it needs and offers it there: no need to select the row and find the toolbar's button.
    expect(await page.getByTestId('row-sso-sso-dev-admin').textContent()).toBe('Sign in');
    expect(await page.locator('[data-testid^="row-mfa-"], [data-testid^="row-sso-"]').count()).toBe(2);
    await page.getByRole('button', { name: 'Enter MFA code for eks-admin-mfa' }).click();
    await page.getByTestId('mfa-code').locator('input').fill('123456');
    await shot('04-mfa-modal');
    await page.getByTestId('mfa-submit').click();
    await expect.poll(() => statusOf('eks-admin-mfa'), { timeout: 20_000 }).toBe('valid');
    expect(await page.getByTestId('arn-eks-admin-mfa').textContent()).toBe('arn:aws:sts::111122223333:assumed-role/EKSAdmin/alice');
    expect(await page.getByTestId('row-mfa-eks-admin-mfa').count()).toBe(0);
    await shot('05-mfa-valid');
  });

  it('SSO sign-in completes by approving on the sandbox page', async () => {
    await select('sso-dev-admin');
    await page.getByTestId('action-sso').click();
    const code = page.getByTestId('sso-user-code');
    await expect.poll(() => code.textContent(), { timeout: 20_000 }).toMatch(/^[A-Z0-9-]{4,}$/);
    await shot('06-sso-code');
    const href = await page.getByTestId('sso-verification-link').evaluate((el) => (el.tagName === 'A' ? el : el.querySelector('a'))?.getAttribute('href'));
    // The sandbox's verification page is on loopback http (a secure context), not on its https endpoint whose
    // certificate only its own CA signs: a browser opens it without a certificate warning.
    expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/device\?user_code=[A-Z]{4}-[A-Z]{4}$/);
    expect(await page.getByTestId('sso-verification-link').textContent()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/device/);
    const verification = await browser.newPage();
    const opened = await verification.goto(href!);
    expect(opened?.status()).toBe(200);
    expect(await verification.evaluate(() => window.isSecureContext)).toBe(true);
    expect(await verification.locator('#user-code').textContent()).toBe(await code.textContent());
    await verification.locator('#approve').click();
    await verification.waitForLoadState();
    await verification.screenshot({ path: join(ARTIFACTS, '07-sso-approved-page.png') });
    await verification.close();
    await expect.poll(() => page.getByText('Signed in.', { exact: false }).count(), { timeout: 20_000 }).toBe(1);
    await shot('08-sso-signed-in');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => statusOf('sso-dev-admin'), { timeout: 20_000 }).toBe('valid');
    expect(await page.getByTestId('arn-sso-dev-admin').textContent()).toMatch(/^arn:aws:sts::444455556666:assumed-role\/AWSReservedSSO_AdministratorAccess_/);
  });

  it("offers no \"app's default\" profile: every call of the app names its own profile, so such a choice changed nothing", async () => {
    await select('developer');
    // A role's session shows the role EKS checks, in words before the term.
    expect(await page.getByTestId('profile-details').textContent()).toContain('What EKS checks it as (canonical ARN)arn:aws:iam::111122223333:role/Developer');
    expect(await page.getByTestId('action-set-active').count()).toBe(0);
    expect(await page.getByRole('button', { name: /default/i }).count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toMatch(/app's default/i);
    await shot('09-profile-selected');
  });

  it('a machine without AWS config gets an empty state that explains what to do, on the Profiles and the matrix page', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ead-empty-'));
    const emptyApp = createAppContext({ env: { HOME: home, PATH: process.env.PATH }, mode: 'browser' });
    const emptyServer = await startWebServer({ context: emptyApp, staticDir: RENDERER_DIST });
    const other = await browser.newPage();
    try {
      await other.goto(`${emptyServer.openUrl}#/profiles`);
      await expect.poll(() => other.getByText('No AWS profiles found').count(), { timeout: 20_000 }).toBe(1);
      const text = await other.locator('body').textContent();
      expect(text).toContain(join(home, '.aws', 'config'));
      expect(text).toContain('aws configure sso');
      expect(text).toContain('npm run demo');
      await shot('10-empty-state', other);
      // The matrix page of the same machine says the same: nothing to scan, and how to add a profile.
      await other.goto(`${emptyServer.openUrl}#/matrix`);
      await expect.poll(() => other.getByTestId('matrix-empty').textContent(), { timeout: 20_000 }).toContain('No AWS profiles to scan');
      expect(await other.getByTestId('matrix-empty').textContent()).toContain('aws configure sso');
      await other.screenshot({ path: join(ARTIFACTS, '2x-matrix-10-empty.png') });
    } finally {
      await other.close();
      await emptyServer.close();
      emptyApp.close();
    }
  });

  it('a malformed config names file and line, and still lists every profile it can', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ead-broken-'));
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'config'), '[profile good]\nregion = us-east-1\n[profile broken\nregion = eu-west-1\n[profile also-good]\nregion = us-west-2\n');
    const brokenApp = createAppContext({ env: { HOME: home, PATH: process.env.PATH, AWS_ENDPOINT_URL: 'https://127.0.0.1:9' }, mode: 'browser' });
    const brokenServer = await startWebServer({ context: brokenApp, staticDir: RENDERER_DIST });
    const other = await browser.newPage();
    try {
      await other.goto(`${brokenServer.openUrl}#/profiles`);
      const alert = other.getByTestId('config-problems');
      await expect.poll(() => alert.count(), { timeout: 20_000 }).toBe(1);
      expect(await alert.textContent()).toContain(`${join(home, '.aws', 'config')}:3`);
      expect(await alert.textContent()).toContain('section header is not closed');
      await expect.poll(() => other.locator('[data-testid^="profile-"]').count()).toBe(2);
      await shot('11-malformed-config', other);
    } finally {
      await other.close();
      await brokenServer.close();
    }
  });

  it('no secret reached the renderer', () => {
    const secrets = sandboxSecrets(sandbox);
    expect(secrets.length).toBeGreaterThan(10);
    expect(received.length).toBeGreaterThan(10);
    const all = received.join('\n');
    for (const secret of secrets) expect(all.includes(secret), `secret ${secret.slice(0, 4)}… leaked`).toBe(false);
  });
});
