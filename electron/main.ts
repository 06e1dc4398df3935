import { app, BrowserWindow, ipcMain, net, Notification, protocol, session, shell } from 'electron';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAppContext } from './app-context.js';
import { warmKubeWorker } from './probe/kube-worker-pool.js';
import { kubeWorkerScript } from './probe/kube-worker-script.js';
import { expiryNotice } from './expiry-notice.js';
import { isAllowedExternalUrl } from './external-links.js';
import { bindIpc, forwardEvents, isRendererUrl } from './ipc.js';

// The window and the app lifecycle only. Built to dist/electron/main.js; the renderer is in dist/renderer.
const here = import.meta.dirname;
const rendererDir = resolve(here, '..', 'renderer');
const preloadFile = join(here, 'preload.cjs');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
const extraExternalOrigins = (process.env.EAD_EXTERNAL_ORIGINS ?? '').split(',').filter(Boolean);

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

// Every web contents: no navigation away, no new windows (allowlisted links go to the system browser), no webviews.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isRendererUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isRendererUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Only allowlisted https origins (SSO verification pages, the AWS console) reach the system browser.
    if (isAllowedExternalUrl(url, extraExternalOrigins)) void shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
    return { action: 'deny' };
  });
});

app.whenReady().then(() => {
  const context = createAppContext({
    mode: 'electron',
    version: app.getVersion(),
    demo: process.env.EAD_DEMO === '1',
    versions: { electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '' },
    watch: true,
  });
  app.on('will-quit', () => context.close());
  // The profile checks start now, while the window loads; the Profiles page's first list then has their results.
  // Once they are done and the window has its first list, the scan's Kubernetes worker is started and the other
  // rooms' code is loaded (each room is otherwise loaded on its first call), so the first scan waits for neither.
  void context.loadRoomsAfterFirstList(() => warmKubeWorker(kubeWorkerScript)).catch(() => {});

  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'renderer') return new Response('not found', { status: 404 });
    const file = resolve(join(rendererDir, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)));
    if (!file.startsWith(rendererDir + sep)) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', CSP);
    return new Response(response.body, { status: response.status, headers });
  });

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });

  bindIpc(ipcMain, context.handlers, isRendererUrl);

  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'EKS Access Doctor',
    webPreferences: {
      // The preload is the bundled contract bridge (one function per channel, no Node APIs exposed).
      preload: preloadFile, /* eng-disable PRELOAD_JS_CHECK */
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const stopEvents = forwardEvents(context.events, win.webContents);
  // Ten minutes before a sign-in ends: a desktop notification; clicking it brings the window (its banner renews).
  const stopNotices = context.events.subscribe((name, payload) => {
    if (name !== 'expiry.warning' || !Notification.isSupported()) return;
    const notice = new Notification(expiryNotice(payload as Parameters<typeof expiryNotice>[0]));
    notice.on('click', () => {
      if (win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.focus();
    });
    notice.show();
  });
  win.on('closed', () => {
    stopEvents();
    stopNotices();
  });
  void win.loadURL('app://renderer/index.html');
});

app.on('window-all-closed', () => app.quit());
