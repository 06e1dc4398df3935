import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildElectron } from '../../scripts/build-electron.js';
import { isAllowedExternalUrl } from '../../electron/external-links.js';
import { isRendererUrl } from '../../electron/ipc.js';

// Electron cannot run here (no binary), so the security baseline is checked in the source and the
// built bundles; electronegativity cannot load next to TypeScript 7 (its parser needs the TS 5 API).

describe('the Electron edge', () => {
  // Which files may import Electron at all is a dependency rule (.dependency-cruiser.cjs, test/app/dependency-rules.test.ts).
  it('ipc.ts imports Electron for types only: it runs under plain Node in tests', () => {
    expect(readFileSync('electron/ipc.ts', 'utf8')).toMatch(/^import type \{[^}]+\} from 'electron';$/m);
  });

  it('the window has the full security baseline', () => {
    const main = readFileSync('electron/main.ts', 'utf8');
    for (const setting of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webSecurity: true', 'webviewTag: false', 'allowRunningInsecureContent: false']) {
      expect(main).toContain(setting);
    }
    expect(main).toContain("script-src 'self'");
    expect(main).toMatch(/setWindowOpenHandler\([\s\S]*?return \{ action: 'deny' \}/);
    expect(main).toMatch(/'will-navigate'[\s\S]*?preventDefault/);
    expect(main).toMatch(/setPermissionRequestHandler\(\(_contents, _permission, callback\) => callback\(false\)\)/);
    expect(main).toContain('bindIpc(ipcMain, context.handlers, isRendererUrl)');
  });

  it('the preload bundles to one CommonJS file that requires nothing but electron', async () => {
    await buildElectron();
    const preload = readFileSync('dist/electron/preload.cjs', 'utf8');
    const requires = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect([...new Set(requires)]).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld');
    expect(readFileSync('dist/electron/main.js', 'utf8')).toMatch(/from "electron"/);
  });

  it('trusts only our renderer as IPC sender and opens only allowlisted links', () => {
    expect(isRendererUrl('app://renderer/index.html')).toBe(true);
    expect(isRendererUrl('app://renderer.evil/index.html')).toBe(false);
    expect(isRendererUrl('file:///index.html')).toBe(false);
    expect(isAllowedExternalUrl('https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH')).toBe(true);
    expect(isAllowedExternalUrl('https://acme.awsapps.com/start')).toBe(true);
    expect(isAllowedExternalUrl('https://us-east-1.console.aws.amazon.com/eks/home')).toBe(true);
    expect(isAllowedExternalUrl('http://device.sso.us-east-1.amazonaws.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://device.sso.us-east-1.amazonaws.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@acme.awsapps.com/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('https://127.0.0.1:4443/device', ['https://127.0.0.1:4443'])).toBe(true);
    expect(isAllowedExternalUrl('https://127.0.0.1:4444/device', ['https://127.0.0.1:4443'])).toBe(false);
  });
});
