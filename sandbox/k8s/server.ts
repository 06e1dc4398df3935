// One HTTPS Kubernetes API server per cluster on 127.0.0.1. A cluster without a public endpoint
// gets a port nobody listens on, so connections are refused as with a private EKS endpoint.
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { World } from '../world/world.js';
import type { ClusterState } from '../world/types.js';
import { ClusterAuthenticator } from './authenticate.js';
import { handleKubeRequest, statusResponse, type ClusterContext, type KubeResponse } from './routes.js';
import { KubeError } from './status.js';

const MAX_BODY_BYTES = 3 * 1024 * 1024;

export interface ClusterServer {
  port: number;
  close(): Promise<void>;
}

/** A loopback port that was free a moment ago and on which nothing listens now. */
export function reserveClosedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, r: KubeResponse, head: boolean): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(r.status, {
    'content-type': r.contentType,
    'content-length': Buffer.byteLength(r.body),
    'audit-id': crypto.randomUUID(),
    'cache-control': 'no-cache, private',
    'x-kubernetes-pf-flowschema-uid': '3f1d5a3c-6d27-4c3a-9a1e-0a6a0f0c1b2d',
  });
  res.end(head ? undefined : r.body);
}

export async function startClusterServer(
  world: World,
  cluster: ClusterState,
  tls: { certPem: string; keyPem: string },
  opts: { port?: number } = {},
): Promise<ClusterServer> {
  if (!cluster.endpointPublicAccess) {
    const port = await reserveClosedPort();
    cluster.port = port;
    cluster.endpoint = `https://127.0.0.1:${port}`;
    return { port, close: async () => {} };
  }
  const ctx: ClusterContext = { world, cluster, authenticator: new ClusterAuthenticator(world, cluster) };
  const server = createHttpsServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    void (async () => {
      let response: KubeResponse;
      try {
        const body = await readBody(req);
        if (body === 'too-large') {
          response = statusResponse(new KubeError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'));
        } else {
          const url = new URL(req.url ?? '/', 'https://127.0.0.1');
          response = await handleKubeRequest(ctx, {
            method: req.method ?? 'GET',
            path: decodeURIComponent(url.pathname),
            query: url.searchParams,
            headers: req.headers,
            body,
            client: `127.0.0.1:${req.socket.remotePort ?? 0}`,
          });
        }
      } catch {
        response = statusResponse(new KubeError(400, 'BadRequest', 'the server could not parse the request'));
      }
      const latency = world.scenario.faults.latencyMs;
      if (latency > 0) await new Promise((r) => setTimeout(r, latency));
      send(res, response, req.method === 'HEAD');
    })().catch(() => {
      if (!res.headersSent) res.destroy();
    });
  });
  // Unparseable HTTP: answer 400 with a Status, as far as the socket still allows, then hang up.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) {
      const body = JSON.stringify(new KubeError(400, 'BadRequest', 'the server could not parse the request').toStatus());
      socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    } else socket.destroy();
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  cluster.port = port;
  cluster.endpoint = `https://127.0.0.1:${port}`;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
