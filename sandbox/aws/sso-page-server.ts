// The device sign-in page also on plain http://127.0.0.1: a loopback address is a secure context, so a browser opens
// it without the certificate warning the AWS endpoint (signed by the sandbox's own CA) gives. The page only: every
// other path is 404, and the AWS APIs stay on https.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { World } from '../world/world.js';
import { MAX_BODY_BYTES, readBody, send } from './server.js';
import { isSsoPagePath, ssoPage } from './sso-page.js';

export interface SsoPageServerHandle {
  url: string;
  close(): Promise<void>;
}

export async function createSsoPageServer(world: World): Promise<SsoPageServerHandle> {
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const requestId = randomUUID();
    if (!isSsoPagePath(rawPath)) {
      send(res, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not found\n' }, requestId);
      return;
    }
    readBody(req, MAX_BODY_BYTES).then(
      (body) => send(res, ssoPage(world, { method: req.method ?? 'GET', rawPath, rawQuery, body }), requestId),
      () => {
        res.setHeader('connection', 'close');
        send(res, { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Request too large\n' }, requestId);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  world.ssoPageUrl = url;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
