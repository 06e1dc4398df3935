// The LogsWizard component in headless Chromium, served by the app's web server (browser mode) over the sandbox:
// status off → Turn on → the update followed to Successful → the real kubectl of an unmapped identity → the
// identity and denied queries show its `access denied` rows; a profile without logs:StartQuery gets a plain alert.
// Screenshots go to test-artifacts/6x-logs-wizard-*.png.
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import type { BrowserContext, Page } from 'playwright-core';
import { launch } from '../app/e2e-harness.js';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/app-context.js';
import { startWebServer, type WebServer } from '../../electron/web.js';
import { parseScenario, startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { classifyGetSvc, cleanEnv, run } from '../helpers/run.js';
import { LOGS_OFF_SCENARIO, QUIET_ARN, TOM_ARN } from './logs-off-scenario.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** Bundles the harness page (only the wizard) into a temp folder the web server serves. */
async function buildHarness(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'logs-wizard-page-'));
  await build({
    configFile: false,
    root: process.cwd(),
    publicDir: false,
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      chunkSizeWarningLimit: 8000,
      rollupOptions: {
        input: join(process.cwd(), 'test', 'logs', 'logs-wizard-harness.tsx'),
        output: { entryFileNames: 'harness.js', chunkFileNames: 'assets/[name].js', assetFileNames: 'assets/[name][extname]' },
      },
    },
  });
  const css = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.css'));
  writeFileSync(
    join(outDir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Logs wizard</title>${css.map((f) => `<link rel="stylesheet" href="./assets/${f}" />`).join('')}</head>` +
      '<body><div id="root"></div><script type="module" src="./harness.js"></script></body></html>',
  );
  return outDir;
}

describe('LogsWizard in Chromium on a cluster with the authenticator log off', () => {
  let sb: SandboxHandle;
  let env: Record<string, string>;
  let app: AppContext;
  let server: WebServer;
  let browser: BrowserContext;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `6x-logs-wizard-${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const staticDir = await buildHarness();
    sb = await startSandbox(parseScenario(LOGS_OFF_SCENARIO));
    env = cleanEnv(sb.env);
    app = createAppContext({ env, mode: 'browser' });
    server = await startWebServer({ context: app, staticDir });
    browser = await launch({ width: 1440, height: 900 });
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    app?.close();
    await sb?.stop();
  });

  it('checks, turns the log on, waits for the update, and shows the identity\'s denied rows', async () => {
    const hash = new URLSearchParams({ profiles: 'priya,tom', profile: 'priya', clusterArn: QUIET_ARN, identityArn: TOM_ARN }).toString();
    await page.goto(`${server.openUrl}#${hash}`);
    await page.getByTestId('logs-wizard').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('logs-status').getAttribute('data-enabled'), { timeout: 30_000 }).toBe('false');
    expect(await page.getByTestId('logs-status').textContent()).toContain('The authenticator log is off');
    const commands = () => page.getByTestId('fix-command').allTextContents();
    expect(await commands()).toContain('aws eks describe-cluster --name quiet --query cluster.logging --region us-east-1 --profile priya');
    expect(await commands()).toContain(
      `aws eks update-cluster-config --name quiet --region us-east-1 --logging '{"clusterLogging":[{"types":["authenticator"],"enabled":true}]}' --profile priya`,
    );
    await shot('1-off');

    await page.getByTestId('logs-enable').click();
    await expect.poll(() => page.getByTestId('logs-update').getAttribute('data-status'), { timeout: 30_000 }).toBe('Successful');
    await expect.poll(() => page.getByTestId('logs-status').getAttribute('data-enabled'), { timeout: 30_000 }).toBe('true');
    expect((await commands()).some((c) => /^aws eks describe-update --name quiet --update-id [\w-]+ --region us-east-1 --profile priya$/.test(c))).toBe(true);
    expect(await page.getByTestId('logs-enable').isDisabled()).toBe(true);

    const u = await run('aws', ['eks', 'update-kubeconfig', '--name', 'quiet', '--region', 'us-east-1', '--profile', 'tom'], env, 60_000);
    expect(u.code, u.stderr).toBe(0);
    expect(classifyGetSvc(await run('kubectl', ['get', 'svc'], env, 60_000))).toBe('unauthorized');

    await page.getByTestId('logs-query').click();
    const rows = page.getByTestId('logs-row');
    await rows.first().waitFor({ timeout: 30_000 });
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      expect(await rows.nth(i).getAttribute('data-decision')).toBe('denied');
      expect(await rows.nth(i).getAttribute('data-arn')).toBe(TOM_ARN);
    }
    // The authenticator's reason in a column of its own, one per row.
    expect(await page.getByTestId('logs-reason').allTextContents()).toEqual(Array(count).fill('ARN is not mapped'));
    const table = page.getByTestId('logs-table');
    expect(await table.getByText('denied', { exact: true }).count()).toBe(count);
    expect((await commands()).some((c) => c.startsWith('aws logs start-query --log-group-name /aws/eks/quiet/cluster'))).toBe(true);
    expect((await commands()).some((c) => /^aws logs get-query-results --query-id [\w-]+ --region us-east-1 --profile priya$/.test(c))).toBe(true);
    await table.scrollIntoViewIfNeeded();
    await shot('2-identity-rows');
    await page.setViewportSize({ width: 1024, height: 700 });
    await table.scrollIntoViewIfNeeded();
    await shot('2-identity-rows-1024');
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.getByTestId('logs-query-choice').getByText('All denied').click();
    await page.getByTestId('logs-query').click();
    await expect.poll(() => page.getByTestId('logs-row').count(), { timeout: 30_000 }).toBe(count);
  }, 180_000);

  it('a profile without logs:StartQuery sees one plain alert naming the permission', async () => {
    await page.getByTestId('logs-profile').click();
    await page.getByRole('option', { name: 'tom' }).click();
    await expect.poll(() => page.getByTestId('logs-status').getAttribute('data-enabled'), { timeout: 30_000 }).toBe('true');
    await page.getByTestId('logs-query').click();
    const alert = page.getByTestId('logs-error');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.getAttribute('data-code')).toBe('AccessDeniedException');
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Profile "tom" is not allowed logs:StartQuery on cluster quiet');
    expect(text).not.toMatch(/\n\s+at |Error:/);
    expect(await page.getByTestId('logs-row').count()).toBe(0);
    await alert.scrollIntoViewIfNeeded();
    await shot('3-denied-profile');

    await page.getByTestId('logs-close').click();
    await page.getByTestId('harness-closed').waitFor({ timeout: 10_000 });
  }, 60_000);
});
