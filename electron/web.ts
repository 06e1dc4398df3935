import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AppContext } from './app-context.js';
import type { ErrorCode } from '../shared/error-codes.js';

/**
 * Browser mode: the built renderer and the contract over loopback HTTP.
 * Every request must carry the per-run token (URL query on first load → HttpOnly cookie for
 * assets/events; `x-ead-token` header for calls), come with our Host (DNS rebinding) and, when
 * the browser sends one, our Origin (other sites). Bodies are validated with the contract.
 */
export interface WebServer {
  url: string;
  /** The URL to open, token included. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface WebServerOptions {
  /**
   * The app's services, or their promise: the server answers (and its URL can be printed) before they are loaded;
   * calls and event streams that arrive meanwhile wait for them.
   */
  context: AppContext | Promise<AppContext>;
  /** Directory of the built renderer (index.html + assets). */
  staticDir: string;
  port?: number;
  token?: string;
}

export const TOKEN_HEADER = 'x-ead-token';
const MAX_BODY = 1024 * 1024;
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff', '.json': 'application/json', '.ico': 'image/x-icon', '.map': 'application/json',
};

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    ...extra,
  });
  res.end(body);
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

// The contract's schemas load with the first call or refusal, not before the server first answers.
const loadDispatch = () => import('./dispatch.js');

async function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): Promise<void> {
  const { errorEnvelope } = await loadDispatch();
  send(res, status, JSON.stringify(errorEnvelope(code, message)));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('TOO_LARGE');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The built renderer's files. Its assets (assets/, each name carrying a hash of its content) are read once, as the
 * server starts, and served from memory: at launch the app's own start keeps this process busy while the browser
 * asks for them, and every read from disk would wait its turn behind that work (a third of a second for the 2.7 MB).
 */
function staticFiles(staticRoot: string): (file: string) => Promise<Buffer> {
  const assets = join(staticRoot, 'assets') + sep;
  const kept = new Map<string, Promise<Buffer>>();
  const read = (file: string): Promise<Buffer> => {
    if (!file.startsWith(assets)) return readFile(file);
    let content = kept.get(file);
    if (!content) {
      content = readFile(file);
      kept.set(file, content);
      content.catch(() => kept.delete(file));
    }
    return content;
  };
  void readdir(assets).then((names) => names.forEach((name) => void read(join(assets, name)).catch(() => {})), () => {});
  return read;
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const staticRoot = resolve(opts.staticDir);
  const readStatic = staticFiles(staticRoot);
  let port = 0;
  let cookieName = '';
  const sseClients = new Set<ServerResponse>();

  const context = Promise.resolve(opts.context);
  let closed = false;
  let unsubscribe = () => {};
  // A context that fails to load fails each call with its reason (below); the subscription then has nothing to do.
  void context.then(
    (c) => {
      if (closed) return;
      unsubscribe = c.events.subscribe((name, payload) => {
        const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
        for (const res of sseClients) res.write(frame);
      });
    },
    () => {},
  );

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) return sendError(res, 403, 'FORBIDDEN_HOST', 'this server only answers to 127.0.0.1');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin)) {
      return sendError(res, 403, 'FORBIDDEN_ORIGIN', 'requests from other sites are refused');
    }
    if (req.headers['sec-fetch-site'] === 'cross-site') return sendError(res, 403, 'FORBIDDEN_ORIGIN', 'requests from other sites are refused');

    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const headerToken = req.headers[TOKEN_HEADER];
    const viaHeader = sameToken(typeof headerToken === 'string' ? headerToken : undefined, token);
    const viaCookie = sameToken(cookieValue(req, cookieName), token);
    const viaQuery = sameToken(url.searchParams.get('token') ?? undefined, token);

    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'calls are POST');
      // Calls need the header: a cookie alone could be replayed by a form on another page.
      if (!viaHeader) return sendError(res, 401, 'BAD_TOKEN', 'missing or wrong token');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendError(res, 415, 'BAD_CONTENT_TYPE', 'send application/json');
      let body: unknown;
      try {
        const text = await readBody(req);
        body = text.trim() === '' ? {} : JSON.parse(text);
      } catch (err) {
        if ((err as Error).message === 'TOO_LARGE') return sendError(res, 413, 'TOO_LARGE', 'request body over 1 MB');
        return sendError(res, 400, 'INVALID_JSON', 'the request body is not valid JSON');
      }
      let handlers: AppContext['handlers'];
      try {
        handlers = (await context).handlers;
      } catch (err) {
        return sendError(res, 503, 'INTERNAL', `the app could not start: ${(err as Error).message.split('\n')[0]}`);
      }
      const { dispatch } = await loadDispatch();
      const envelope = await dispatch(handlers, safeDecode(url.pathname.slice('/api/call/'.length)) ?? '', body);
      const status = envelope.ok ? 200 : envelope.error.code === 'INVALID_REQUEST' ? 400 : envelope.error.code === 'UNKNOWN_CHANNEL' ? 404 : 200;
      return send(res, status, JSON.stringify(envelope));
    }

    if (!(viaHeader || viaCookie || viaQuery)) return sendError(res, 401, 'BAD_TOKEN', 'missing or wrong token: open the URL printed at start, with its token');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'only GET here');

    if (url.pathname === '/api/events') {
      const headers = { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
      // A HEAD has no body, so no stream: the headers, and done (a stream never ends and would hold it open).
      if (req.method === 'HEAD') return void res.writeHead(200, headers).end();
      res.writeHead(200, { ...headers, connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(keepAlive);
        sseClients.delete(res);
      });
      return;
    }

    const wanted = safeDecode(url.pathname === '/' ? '/index.html' : url.pathname);
    if (wanted === undefined || wanted.includes('\0')) return sendError(res, 404, 'NOT_FOUND', 'not found');
    const file = resolve(join(staticRoot, normalize(wanted)));
    if (!file.startsWith(staticRoot + sep)) return sendError(res, 404, 'NOT_FOUND', 'not found');
    let content: Buffer;
    try {
      content = await readStatic(file);
    } catch {
      return sendError(res, 404, 'NOT_FOUND', 'not found');
    }
    const extra: Record<string, string> = { 'content-security-policy': CSP };
    if (viaQuery) extra['set-cookie'] = `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    return send(res, 200, content, TYPES[extname(file)] ?? 'application/octet-stream', extra);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) void sendError(res, 500, 'INTERNAL', 'internal error').catch(() => res.end());
      else res.end();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  cookieName = `ead_token_${port}`;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}?token=${token}`,
    port,
    token,
    close: async () => {
      closed = true;
      unsubscribe();
      for (const res of sseClients) res.end();
      sseClients.clear();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
