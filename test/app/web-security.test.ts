import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppContext } from '../../electron/app-context.js';
import { startWebServer, type WebServer } from '../../electron/web.js';
import { tempAwsHome } from './support.js';

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** Raw HTTP so the test controls Host and Origin exactly. */
function raw(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers, timeout: 20_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** The event stream's text, read until `marker` arrives (then the stream is closed). */
function eventsUntil(port: number, hostHeader: string, token: string, marker: string, timeout?: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/events', headers: { host: hostHeader, 'x-ead-token': token }, ...(timeout ? { timeout } : {}) }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString('utf8');
        if (text.includes(marker)) {
          req.destroy();
          resolve(text);
        }
      });
    });
    req.on('error', (e) => (e.message === 'socket hang up' ? undefined : reject(e)));
    req.end();
  });
}

let server: WebServer;
let host: string;
let context: ReturnType<typeof createAppContext>;
const staticDir = mkdtempSync(join(tmpdir(), 'ead-static-'));
mkdirSync(join(staticDir, 'assets'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(tmpdir(), 'ead-outside.txt'), 'secret file');

beforeAll(async () => {
  const { env } = tempAwsHome({ config: '[profile a]\nregion = us-east-1\n' });
  context = createAppContext({ env, mode: 'browser', profilesDeps: { checkTimeoutMs: 2000 } });
  server = await startWebServer({ context, staticDir });
  host = `127.0.0.1:${server.port}`;
});
afterAll(() => server.close());

const call = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  raw(server.port, `/api/call/${channel}`, {
    method: 'POST',
    headers: { host, 'content-type': 'application/json', 'x-ead-token': server.token, origin: `http://${host}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('browser mode server', () => {
  it('listens on loopback with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
    expect(server.openUrl).toBe(`${server.url}?token=${server.token}`);
  });

  it('serves the page with the token in the URL, then by cookie, with a strict CSP', async () => {
    const first = await raw(server.port, `/?token=${server.token}`, { headers: { host } });
    expect(first.status).toBe(200);
    expect(first.headers['content-security-policy']).toContain("script-src 'self'");
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const asset = await raw(server.port, '/assets/app.js', { headers: { host, cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });

  it('rejects a missing or wrong token', async () => {
    expect((await raw(server.port, '/', { headers: { host } })).status).toBe(401);
    expect((await raw(server.port, '/?token=wrong', { headers: { host } })).status).toBe(401);
    expect((await raw(server.port, '/assets/app.js', { headers: { host, cookie: `ead_token_${server.port}=nope` } })).status).toBe(401);
    expect((await call('profiles.active', {}, { 'x-ead-token': '' })).status).toBe(401);
    // One character off (never the same character: that would be the right token).
    const last = server.token.at(-1) === 'x' ? 'y' : 'x';
    const wrong = await call('profiles.active', {}, { 'x-ead-token': server.token.slice(0, -1) + last });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toEqual({ ok: false, error: { code: 'BAD_TOKEN', message: 'missing or wrong token' } });
    expect((await raw(server.port, '/api/events', { headers: { host } })).status).toBe(401);
  });

  it('calls need the header: the cookie alone is not enough', async () => {
    const first = await raw(server.port, `/?token=${server.token}`, { headers: { host } });
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    const res = await raw(server.port, '/api/call/profiles.active', { method: 'POST', headers: { host, cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
  });

  it('rejects a foreign Origin', async () => {
    const res = await call('profiles.active', {}, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('FORBIDDEN_ORIGIN');
    expect((await call('profiles.active', {}, { origin: `http://127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await raw(server.port, `/?token=${server.token}`, { headers: { host, origin: 'null' } })).status).toBe(403);
  });

  it('rejects a foreign Host (DNS rebinding)', async () => {
    const res = await call('profiles.active', {}, { host: `evil.example:${server.port}` });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('FORBIDDEN_HOST');
    expect((await raw(server.port, `/?token=${server.token}`, { headers: { host: '127.0.0.1' } })).status).toBe(403);
  });

  it('validates bodies with the contract schemas', async () => {
    const bad = await call('profiles.setActive', { name: 7 });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(/^invalid request for profiles\.setActive: name:/);
    expect((await call('profiles.setActive', '{not json')).status).toBe(400);
    expect((await call('nope.nope', {})).status).toBe(404);
    expect((await call('profiles.active', {}, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await call('profiles.active', 'x'.repeat(1024 * 1024 + 10))).status).toBe(413);
    const ok = await call('profiles.setActive', { name: 'a' });
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, result: { name: 'a' } });
  });

  it('never serves files outside the renderer', async () => {
    for (const path of ['/../ead-outside.txt', '/%2e%2e/ead-outside.txt', '/assets/../../ead-outside.txt', '/..%2fead-outside.txt', '/%E0%A4%A', '/index.html%00']) {
      const res = await raw(server.port, `${path}?token=${server.token}`, { headers: { host } });
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('secret file');
    }
  });

  it('streams contract events to authenticated clients', async () => {
    const stream = eventsUntil(server.port, host, server.token, 'event: sso.completed', 5000);
    setTimeout(() => context.events.emit('sso.completed', { flowId: 'flow1234', profile: 'a', state: 'expired' }), 200);
    const received = await stream;
    expect(received).toContain('data: {"flowId":"flow1234","profile":"a","state":"expired"}');
  });

  it('answers HEAD /api/events at once (headers, no stream)', async () => {
    const started = Date.now();
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: '/api/events', method: 'HEAD', headers: { host, 'x-ead-token': server.token }, signal: AbortSignal.timeout(3000) },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/event-stream');
    expect(Date.now() - started).toBeLessThan(3000);
    // Without the token, HEAD is refused like GET.
    expect((await raw(server.port, '/api/events', { method: 'HEAD', headers: { host } })).status).toBe(401);
  });
});


describe('browser mode server started before the app is loaded (the URL is printed first)', () => {
  it('answers the page at once; a call made meanwhile waits for the app and succeeds; events flow once it is there', async () => {
    let ready!: (c: ReturnType<typeof createAppContext>) => void;
    const later = new Promise<ReturnType<typeof createAppContext>>((resolve) => (ready = resolve));
    const early = await startWebServer({ context: later, staticDir });
    const earlyHost = `127.0.0.1:${early.port}`;
    try {
      let settled = false;
      const pending = raw(early.port, '/api/call/profiles.list', {
        method: 'POST',
        headers: { host: earlyHost, 'content-type': 'application/json', 'x-ead-token': early.token },
        body: '{}',
      }).finally(() => (settled = true));
      const events = eventsUntil(early.port, earlyHost, early.token, 'event: sso.completed');
      // The page itself needs no app: it is served while the call waits.
      expect((await raw(early.port, `/?token=${early.token}`, { headers: { host: earlyHost } })).status).toBe(200);
      expect(settled).toBe(false);
      const { env } = tempAwsHome({ config: '[profile early]\nregion = us-east-1\n' });
      const loaded = createAppContext({ env, mode: 'browser', profilesDeps: { checkTimeoutMs: 2000 } });
      ready(loaded);
      const reply = await pending;
      expect(reply.status).toBe(200);
      const body = JSON.parse(reply.body) as { ok: boolean; result: { profiles: { name: string }[] } };
      expect(body.ok).toBe(true);
      expect(body.result.profiles.map((p) => p.name)).toEqual(['early']);
      await later;
      loaded.events.emit('sso.completed', { flowId: 'flow5678', profile: 'early', state: 'expired' });
      expect(await events).toContain('"flowId":"flow5678"');
      loaded.close();
    } finally {
      await early.close();
    }
  });

  it('a call fails with the reason when the app cannot start', async () => {
    const failing = startWebServer({ context: Promise.reject(new Error('the demo sandbox did not start: port in use')), staticDir });
    const broken = await failing;
    try {
      const brokenHost = `127.0.0.1:${broken.port}`;
      const reply = await raw(broken.port, '/api/call/app.info', {
        method: 'POST',
        headers: { host: brokenHost, 'content-type': 'application/json', 'x-ead-token': broken.token },
        body: '{}',
      });
      expect(reply.status).toBe(503);
      expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'the app could not start: the demo sandbox did not start: port in use' } });
    } finally {
      await broken.close();
    }
  });
});
