// `npm run demo` as a person sees it in the terminal: what runs, then one line that says what to open. It runs
// what `npm run demo` runs (scripts/start.mjs, the bundle in dist/start), with TypeScript's loader refused.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureRendererBuilt, RENDERER_DIST } from '../../scripts/ensure-renderer.js';
import { cleanEnv } from '../helpers/run.js';

describe('start script (browser mode where the desktop runtime is missing)', () => {
  it('prints one line a person understands: Open <url> in your browser; the URL serves the app and its profiles', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'start-script-'));
    const hook = path.join(work, 'no-tsx.mjs');
    const refuse = `export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes('/node_modules/tsx/')) throw new Error('tsx loaded: ' + r.url); return r; }`;
    writeFileSync(hook, `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(${JSON.stringify(refuse)}));\n`);
    const child = spawn(process.execPath, ['scripts/start.mjs', '--demo', '--no-open'], { env: cleanEnv({ NODE_OPTIONS: `--import ${hook}` }), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL line within 120 s:\n${out}`)), 120_000);
        child.stdout!.on('data', () => {
          const m = /^Open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+) in your browser \(the demo\)\. Press Ctrl-C here to stop the app\.$/m.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
      });
      // The URL is printed before the app's code and the demo sandbox are loaded: the first call, made at once, waits
      // for them and gets the demo's profiles.
      const { port, searchParams } = new URL(url);
      const call = (channel: string) => new Promise<string>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path: `/api/call/${channel}`, method: 'POST', headers: { 'content-type': 'application/json', 'x-ead-token': searchParams.get('token')! } },
          (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d));
            res.on('end', () => resolve(body));
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
      const listed = await call('profiles.list');
      const profiles = (JSON.parse(listed) as { ok: boolean; result: { profiles: { name: string }[] } }).result.profiles;
      expect(profiles.length).toBe(12);
      // Another room's code is its own chunk of the bundle, loaded on its first call.
      expect(JSON.parse(await call('matrix.snapshot'))).toMatchObject({ ok: true, result: { running: false } });
      expect(out).toMatch(/^Demo sandbox running\. To use aws and kubectl on it in a terminal: \. \S+\/env$/m);
      expect(out).toMatch(/^The desktop window is not installed on this machine, so the app runs in your web browser instead\.$/m);
      expect(out).not.toMatch(/Electron binary|no downloaded runtime/);
      const status = await new Promise<number>((resolve, reject) => get(url, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject));
      expect(status).toBe(200);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      rmSync(work, { recursive: true, force: true });
    }
    const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (c) => resolve(c))));
    expect(code).toBe(0);
  });

  it('serves the production build of the UI, also when a test built it (where NODE_ENV is "test")', async () => {
    expect(process.env.NODE_ENV).toBe('test');
    await ensureRendererBuilt();
    const assets = path.join(RENDERER_DIST, 'assets');
    const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      const code = readFileSync(path.join(assets, file), 'utf8');
      expect(code.includes('jsxDEV'), `${file}: JSX compiled for development`).toBe(false);
      expect(code.includes('Download the React DevTools'), `${file}: React's development build`).toBe(false);
    }
    expect(process.env.NODE_ENV).toBe('test');
  }, 120_000);
});
