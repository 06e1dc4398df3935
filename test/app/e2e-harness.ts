// What the Chromium tests of the diagnosis and the wizards share: the app in browser mode over a sandbox scenario,
// headless Chromium, the way from the matrix to a cell's diagnosis, and the sandbox's secrets (none may show).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createAppContext, type AppContext } from '../../electron/app-context.js';
import { startWebServer, type WebServer } from '../../electron/web.js';
import { ensureRendererBuilt, RENDERER_DIST } from '../../scripts/ensure-renderer.js';
import { loadScenarioFile, startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import type { Scenario } from '../../sandbox/scenario/schema.js';
import type { ScanSettings } from '../../electron/matrix/settings.js';
import { sandboxEnv } from './support.js';

export const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const SCENARIOS = join(process.cwd(), 'sandbox', 'scenarios');

/**
 * `bypassCSP` lets a test inject a script (the accessibility checker) into the app's strict page; `reducedMotion`
 * stops fade-ins, so a check never sees a half-faded colour.
 */
export async function launch(viewport = { width: 1600, height: 1000 }, opts: { bypassCSP?: boolean; reducedMotion?: boolean } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ead-chromium-')), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
    acceptDownloads: true,
    bypassCSP: Boolean(opts.bypassCSP),
    reducedMotion: opts.reducedMotion ? 'reduce' : 'no-preference',
  });
}

/** Every secret the sandbox knows: long-term keys, issued sessions, SSO tokens, client secrets. */
export function sandboxSecrets(sandbox: SandboxHandle): string[] {
  const w = sandbox.world as unknown as {
    principals: Map<string, { accessKeys?: { secret: string }[] }>;
    sessions: Map<string, { secret: string; sessionToken: string }>;
    ssoTokens?: Map<string, { accessToken: string; refreshToken: string }>;
    ssoClients?: Map<string, { clientSecret: string }>;
  };
  const secrets: string[] = [];
  for (const p of w.principals.values()) for (const k of p.accessKeys ?? []) secrets.push(k.secret);
  for (const s of w.sessions.values()) secrets.push(s.secret, s.sessionToken);
  for (const t of w.ssoTokens?.values() ?? []) secrets.push(t.accessToken, t.refreshToken);
  for (const c of w.ssoClients?.values() ?? []) secrets.push(c.clientSecret);
  const cacheDir = join(sandbox.env.HOME!, '.aws', 'sso', 'cache');
  if (existsSync(cacheDir)) {
    for (const f of readdirSync(cacheDir)) {
      const cached = JSON.parse(readFileSync(join(cacheDir, f), 'utf8')) as Record<string, string>;
      for (const key of ['accessToken', 'refreshToken', 'clientSecret']) if (cached[key]) secrets.push(cached[key]);
    }
  }
  // And the credentials file's secrets, read back as the user has them.
  const creds = join(sandbox.env.HOME!, '.aws', 'credentials');
  if (existsSync(creds)) for (const m of readFileSync(creds, 'utf8').matchAll(/^\s*aws_(?:secret_access_key|session_token)\s*=\s*(\S+)/gm)) secrets.push(m[1]!);
  return secrets.filter((s) => typeof s === 'string' && s.length >= 8);
}

/** How many cells show an outcome (not pending, not filtered out). */
export const probedCount = (page: Page) =>
  page.locator('[data-testid="cell"]:not([data-outcome="PENDING"]):not([data-outcome="hidden"])').count();

export interface Harness {
  sandbox: SandboxHandle;
  app: AppContext;
  server: WebServer;
  browser: BrowserContext;
  page: Page;
  env: Record<string, string>;
  ownsBrowser: boolean;
}

export interface HarnessOptions {
  /** A browser to open a page in (kept open at stop); else one is launched for this harness. */
  browser?: BrowserContext;
  /** Where the wizards keep aws-auth backups. */
  backupDir?: string;
  /** Changes the scenario before the sandbox starts (a variant of a stored one). */
  edit?: (scenario: Scenario) => void;
  /** The matrix scan's settings (fewer AWS attempts, …). */
  matrixSettings?: Partial<ScanSettings>;
  /** Watch the AWS files and the kubeconfig, as the app does. */
  watch?: boolean;
  /** The window of the browser the harness launches (when no browser is given). */
  viewport?: { width: number; height: number };
}

export async function startHarness(scenarioName: string, opts: HarnessOptions = {}): Promise<Harness> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await ensureRendererBuilt();
  const scenario = loadScenarioFile(join(SCENARIOS, `${scenarioName}.yaml`));
  opts.edit?.(scenario);
  const sandbox = await startSandbox(scenario);
  const env = sandboxEnv(sandbox.env) as Record<string, string>;
  const app = createAppContext({
    env,
    mode: 'browser',
    ...(opts.backupDir ? { wizard: { backupDir: opts.backupDir } } : {}),
    ...(opts.matrixSettings ? { matrixSettings: opts.matrixSettings } : {}),
    ...(opts.watch ? { watch: true } : {}),
  });
  const server = await startWebServer({ context: app, staticDir: RENDERER_DIST });
  const browser = opts.browser ?? (await launch(opts.viewport));
  const page = opts.browser ? await browser.newPage() : (browser.pages()[0] ?? (await browser.newPage()));
  return { sandbox, app, server, browser, page, env, ownsBrowser: !opts.browser };
}

export async function stopHarness(h: Harness | undefined): Promise<void> {
  if (h?.ownsBrowser) await h.browser.close();
  else await h?.page.close();
  await h?.server.close();
  h?.app.close();
  await h?.sandbox.stop();
}

/** Opens the matrix, waits for the whole scan, opens the cell and asks "Why?". */
export async function diagnoseCell(page: Page, url: string, profile: string, clusterName: string): Promise<void> {
  await page.goto(`${url}#/matrix`);
  await page.getByRole('link', { name: 'Access matrix', exact: true }).click();
  await page.getByTestId('matrix-summary').waitFor({ timeout: 90_000 });
  await page.locator(`[data-testid="cell"][data-profile="${profile}"][data-cluster$=":cluster/${clusterName}"]`).click();
  await expect.poll(() => page.getByTestId('cell-panel').getAttribute('data-profile')).toBe(profile);
  await page.getByTestId('why-button').click();
  await page.getByTestId('diagnosis').waitFor({ timeout: 90_000 });
}


/**
 * The arguments of a shown command that wrap inside although they would fit on a line of their own (an argument
 * wider than the whole line may break; it then takes the line's full width). For `locator('.cmd-arg').evaluateAll`.
 */
export function argumentsCutInside(args: Element[]): string[] {
  return args
    .filter((a) => {
      const box = a.getBoundingClientRect();
      const code = a.parentElement!;
      const style = getComputedStyle(code);
      const line = code.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return box.height > 2 * parseFloat(getComputedStyle(a).fontSize) && box.width < line - 2;
    })
    .map((a) => a.textContent ?? '');
}
