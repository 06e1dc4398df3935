// `npm start` / `npm run demo`: the desktop app on the user's AWS config (or on the demo sandbox).
// Where the Electron binary is missing, says so in one line and serves browser mode instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AppContext } from '../electron/app-context.js';
import { startWebServer } from '../electron/web.js';
import type { SandboxHandle } from '../sandbox/index.js';
import { ensureCliBuilt } from './build-cli.js';
import { ensureRendererBuilt, RENDERER_DIST } from './ensure-renderer.js';
import { repoRoot } from './repo-root.js';

const root = repoRoot();
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * The Electron runtime, if it was downloaded. Its package is not required to find out: the current one,
 * when required without its runtime, tries the download again and prints a stack trace where that cannot work.
 */
function electronBinary(): string | undefined {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** The app's environment: the user's, or for the demo the sandbox's with the user's AWS_* and KUBECONFIG removed. */
function demoEnv(sandboxEnv: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_') && k !== 'KUBECONFIG') base[k] = v;
  return { ...base, ...sandboxEnv, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
}

/** Whether a program is on the PATH: a desktop without xdg-open gets "Open …", not a false "Opened …". */
function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, program)));
}

/** Opens `url` in the desktop's browser where there is a desktop; false where there is none or it fails. */
function openInBrowser(url: string): boolean {
  const opener =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['rundll32', 'url.dll,FileProtocolHandler', url]
        : (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && onPath('xdg-open')
          ? ['xdg-open', url]
          : undefined;
  if (!opener) return false;
  try {
    const child = spawn(opener[0]!, opener.slice(1), { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}

/** The demo sandbox, started from its own chunk: the sandbox's code is loaded only for the demo. */
async function startDemoSandbox(): Promise<SandboxHandle> {
  const { startSandbox } = await import('../sandbox/index.js');
  const sandbox = await startSandbox(join(root, 'sandbox', 'scenarios', 'demo.yaml'));
  console.log(`Demo sandbox running. To use aws and kubectl on it in a terminal: . ${sandbox.envFile}`);
  return sandbox;
}

/** The demo's pages the desktop app may open in the system browser: its AWS endpoint and its sign-in page. */
function demoOrigins(sandbox: SandboxHandle): string[] {
  return [new URL(sandbox.awsEndpoint).origin, ...(sandbox.world.ssoPageUrl ? [new URL(sandbox.world.ssoPageUrl).origin] : [])];
}

/** Starts the matrix scan's Kubernetes worker thread ahead of the first scan (its own chunk, loaded here). */
async function warmFirstScan(): Promise<void> {
  const [{ warmKubeWorker }, { kubeWorkerScript }] = await Promise.all([import('../electron/probe/kube-worker-pool.js'), import('../electron/probe/kube-worker-script.js')]);
  await warmKubeWorker(kubeWorkerScript);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { demo: { type: 'boolean' }, port: { type: 'string' }, 'browser-mode': { type: 'boolean' }, 'no-open': { type: 'boolean' } }, strict: true });
  const demo = Boolean(values.demo);
  // What is stale is built first: the UI, and the bundled command line (the kubeconfig's token command).
  await Promise.all([ensureRendererBuilt(), ensureCliBuilt()]);

  const electron = values['browser-mode'] ? undefined : electronBinary();
  if (electron) {
    const [sandbox] = await Promise.all([demo ? startDemoSandbox() : undefined, import('./build-electron.js').then((m) => m.ensureElectronBuilt())]);
    const child = spawn(electron, [join(root, 'dist', 'electron', 'main.js')], {
      stdio: 'inherit',
      env: sandbox ? { ...demoEnv(sandbox.env), EAD_DEMO: '1', EAD_EXTERNAL_ORIGINS: demoOrigins(sandbox).join(',') } : process.env,
    });
    child.on('exit', (code) => void (sandbox?.stop() ?? Promise.resolve()).then(() => process.exit(code ?? 0)));
    return;
  }

  if (!values['browser-mode']) console.log('The desktop window is not installed on this machine, so the app runs in your web browser instead.');
  // The server answers first and its URL is printed; the app's code (its own chunk) and the demo sandbox load
  // behind it, and the page's first calls wait for them.
  const sandbox = demo ? startDemoSandbox() : undefined;
  const context: Promise<AppContext> = Promise.all([import('../electron/app-context.js'), sandbox]).then(([{ createAppContext }, running]) => {
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version;
    const created = createAppContext({ env: running ? demoEnv(running.env) : process.env, mode: 'browser', demo, watch: true, ...(version ? { version } : {}) });
    // The profile checks start now, while the browser loads the page; its first list then has their results.
    // Once they are done and the page has its first list, the scan's Kubernetes worker is started and the other
    // rooms' code is loaded, so the first scan waits for neither — a second after that list, which the page asks for
    // as it starts evaluating its code, so that they do not take the two cores from its first render. (A config that
    // cannot be read is reported to the page when it asks.)
    void created.loadRoomsAfterFirstList(warmFirstScan, 5000, 1000).catch(() => {});
    return created;
  });
  const server = await startWebServer({ context, staticDir: RENDERER_DIST, port: values.port ? Number(values.port) : 0 });
  const opened = !values['no-open'] && openInBrowser(server.openUrl);
  console.log(`${opened ? 'Opened' : 'Open'} ${server.openUrl} in your browser${demo ? ' (the demo)' : ''}. Press Ctrl-C here to stop the app.`);
  const shutdown = () => {
    void context
      .then((c) => c.close(), () => {})
      .then(() => server.close())
      .then(() => sandbox?.then((s) => s.stop(), () => {}))
      .then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // A sandbox or context that cannot start ends the app, as it did when they started before the server.
  await context;
}

main().catch((err: Error) => {
  console.error(`error: ${err.message.split('\n')[0]}`);
  process.exit(1);
});
