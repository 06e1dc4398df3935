// The AskAdminWizard in headless Chromium, in browser mode, over the real `admin.message` channel on a sandbox: the
// component is built alone (vite, into dist/) and served by the app's web server. Policy picker, namespace scope
// (with a bad name refused in the form), Copy (the clipboard holds the message), Save (a .txt download whose commands,
// run by the admin as written, let the refused identity in), and an error shown in an Alert.
// Screenshot: test-artifacts/6x-ask-admin.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import type { BrowserContext, Page } from 'playwright-core';
import { launch } from '../app/e2e-harness.js';
import { createAppContext, type AppContext } from '../../electron/app-context.js';
import { startWebServer, type WebServer } from '../../electron/web.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { sandboxEnv } from '../app/support.js';
import { classifyGetSvc, cleanEnv, run } from '../helpers/run.js';

const REPO = process.cwd();
const ARTIFACTS = join(REPO, 'test-artifacts');
const INVENTORY = 'arn:aws:eks:eu-west-1:111122223333:cluster/inventory';

/** Builds a page that mounts only the wizard, its props from the URL's hash. */
async function buildHarness(): Promise<string> {
  mkdirSync(join(REPO, 'dist'), { recursive: true });
  const root = mkdtempSync(join(REPO, 'dist', 'ask-admin-ui-'));
  const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";
  writeFileSync(
    join(root, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="UTF-8" /><meta http-equiv="Content-Security-Policy" content="${csp}" /><link rel="icon" href="data:," /><title>ask admin</title></head>` +
      '<body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>',
  );
  writeFileSync(
    join(root, 'main.tsx'),
    [
      "import '@cloudscape-design/global-styles/index.css';",
      "import { createRoot } from 'react-dom/client';",
      `import { AskAdminWizard } from ${JSON.stringify(join(REPO, 'renderer', 'src', 'wizards', 'AskAdminWizard.tsx'))};`,
      'const props = new URLSearchParams(window.location.hash.slice(1));',
      "createRoot(document.getElementById('root')!).render(",
      "  <AskAdminWizard profile={props.get('profile')!} clusterArn={props.get('clusterArn')!} onClose={() => { document.body.dataset.closed = 'yes'; }} />,",
      ');',
    ].join('\n'),
  );
  await build({ configFile: false, root, base: './', plugins: [react()], logLevel: 'warn', build: { outDir: join(root, 'out'), emptyOutDir: true, chunkSizeWarningLimit: 4000 } });
  return root;
}

describe('AskAdminWizard on api-mode-ignores-aws-auth (developer refused, platform-admin admin)', () => {
  let sandbox: SandboxHandle;
  let app: AppContext;
  let server: WebServer;
  let browser: BrowserContext;
  let page: Page;
  let harness: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    harness = await buildHarness();
    sandbox = await startSandbox('sandbox/scenarios/api-mode-ignores-aws-auth.yaml');
    app = createAppContext({ env: sandboxEnv(sandbox.env), mode: 'browser' });
    server = await startWebServer({ context: app, staticDir: join(harness, 'out') });
    browser = await launch({ width: 1400, height: 1100 });
    await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    app?.close();
    await sandbox?.stop();
    if (harness) rmSync(harness, { recursive: true, force: true });
  });

  const message = () => page.getByTestId('ask-admin-message');

  it('shows the message, follows the policy and namespace choices, copies and saves it; the saved commands grant the access', async () => {
    await page.goto(`${server.openUrl}#profile=developer&clusterArn=${encodeURIComponent(INVENTORY)}`);
    await page.getByTestId('ask-admin').waitFor();
    await message().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('ask-admin').textContent()).toContain('Only an identity that already administers inventory can add an access entry');
    expect(await message().textContent()).toContain('--policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy --access-scope type=cluster');

    await page.getByRole('radio', { name: /^Edit \(AmazonEKSEditPolicy\)/ }).check();
    await expect.poll(() => message().textContent(), { timeout: 30_000 }).toContain('AmazonEKSEditPolicy --access-scope type=cluster');

    await page.getByRole('radio', { name: 'Only some namespaces' }).check();
    const namespaces = page.getByTestId('ask-admin-namespaces').locator('input');
    await namespaces.fill('Bad_NS');
    await expect.poll(() => page.getByText('"Bad_NS" is not a namespace name').count()).toBe(1);
    expect(await message().count()).toBe(0); // no message for a scope that cannot be used
    expect(await page.getByTestId('ask-admin-copy').isDisabled()).toBe(true);
    await namespaces.fill('default');
    await expect.poll(() => message().textContent().catch(() => ''), { timeout: 30_000 }).toContain('--access-scope type=namespace,namespaces=default');
    const text = (await message().textContent())!;
    expect(text).toContain('AmazonEKSEditPolicy');
    expect(text).toContain('in the namespace default');

    await page.getByTestId('ask-admin-copy').click();
    await page.getByText('Copied to the clipboard').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ask-admin-save').click()]);
    expect(download.suggestedFilename()).toBe('ask-admin-inventory-Developer.txt');
    const saved = readFileSync((await download.path())!, 'utf8');
    expect(saved).toBe(text);
    await page.screenshot({ path: join(ARTIFACTS, '6x-ask-admin.png') });

    // The admin runs the saved file's commands as written.
    const env = cleanEnv(sandbox.env);
    const commands = saved.split('\n').filter((l) => l.startsWith('  aws eks ')).map((l) => l.trim());
    expect(commands).toHaveLength(2);
    const ran = await run('bash', ['-c', ['set -e', ...commands].join('\n')], { ...env, AWS_PROFILE: 'platform-admin' }, 120_000);
    expect(ran.code, ran.stderr).toBe(0);
    const u = await run('aws', ['eks', 'update-kubeconfig', '--name', 'inventory', '--region', 'eu-west-1', '--profile', 'developer'], env, 60_000);
    expect(u.code, u.stderr).toBe(0);
    expect(classifyGetSvc(await run('kubectl', ['get', 'svc'], env, 60_000))).toBe('ok');

    await page.getByTestId('ask-admin-close').click();
    expect(await page.evaluate(() => document.body.dataset.closed)).toBe('yes');
  });

  it('shows a failure in an Alert, with the plain message', async () => {
    await page.goto(`${server.openUrl}#profile=nobody&clusterArn=${encodeURIComponent(INVENTORY)}`);
    const error = page.getByTestId('ask-admin-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('data-code')).toBe('PROFILE_NOT_FOUND');
    expect(await error.textContent()).toContain('no profile named "nobody"');
    expect(await page.getByTestId('ask-admin-save').isDisabled()).toBe(true);
  });
});
