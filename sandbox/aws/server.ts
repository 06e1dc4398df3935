// The sandbox's one AWS endpoint (HTTPS on 127.0.0.1): routes SigV4 requests by their credential
// scope's service, the unsigned IAM Identity Center APIs by path, and the device sign-in page.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import type { World } from '../world/world.js';
import { AwsError, restJsonError } from './errors.js';
import { applyLatency, faultError, pickFault } from './faults.js';
import { scopeOf, verifySigV4 } from './sigv4.js';
import { authFailureError, internalError, protocolError, protocolOf, type AwsProtocol } from './sigv4-errors.js';
import { isSsoPagePath, ssoPage } from './sso-page.js';
import { assumeRoleWithWebIdentity, isWebIdentityCall } from './sts-web-identity.js';
import type { AwsRequest, AwsResponse, SignedServiceHandler, UnsignedServiceHandler } from './types.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface AwsServices {
  signed: Record<string, SignedServiceHandler>;
  ssoOidc: UnsignedServiceHandler;
  ssoPortal: UnsignedServiceHandler;
}

export interface AwsServerHandle {
  port: number;
  url: string;
  close(): Promise<void>;
}

type Route =
  | { kind: 'page' }
  | { kind: 'sso-oidc' }
  | { kind: 'sso-portal' }
  | { kind: 'signed'; service: string; signed: boolean };

const OIDC_PATHS = new Set(['/client/register', '/device_authorization', '/token']);
const PORTAL_PATHS = new Set(['/federation/credentials', '/assignment/accounts', '/assignment/roles', '/logout']);

/** The service a request is for, before its body is read. */
function routeOf(method: string, rawPath: string, rawQuery: string, req: IncomingMessage): Route {
  if (isSsoPagePath(rawPath)) return { kind: 'page' };
  if (method === 'POST' && OIDC_PATHS.has(rawPath)) return { kind: 'sso-oidc' };
  if (PORTAL_PATHS.has(rawPath)) return { kind: 'sso-portal' };
  const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
  const scope = scopeOf(authorization, rawQuery);
  if (scope) return { kind: 'signed', service: scope.service, signed: true };
  return { kind: 'signed', service: guessService(rawPath, req), signed: Boolean(authorization) };
}

/** For requests without a readable credential scope: which service's error shape to answer in. */
function guessService(rawPath: string, req: IncomingMessage): string {
  const target = String(req.headers['x-amz-target'] ?? '');
  if (target.startsWith('Logs_')) return 'logs';
  if (target.startsWith('com.amazonaws.cloudtrail')) return 'cloudtrail';
  if (rawPath.startsWith('/clusters') || rawPath.startsWith('/access-policies')) return 'eks';
  return 'sts';
}

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
      } else chunks.push(c);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, r: AwsResponse, requestId: string): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { 'x-amzn-requestid': requestId, ...(r.headers ?? {}) };
  res.writeHead(r.status, headers);
  res.end(r.body);
}

function wantsJson(req: IncomingMessage): boolean {
  return String(req.headers.accept ?? '').includes('application/json');
}

function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    throw new AwsError(400, 'InvalidRequest', 'The request path contains a malformed percent-encoding.');
  }
}

export async function createAwsServer(
  world: World,
  tls: { certPem: string; keyPem: string },
  services: AwsServices,
  opts: { port?: number } = {},
): Promise<AwsServerHandle> {
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const route = routeOf(method, rawPath, rawQuery, req);
    const protocol: AwsProtocol = route.kind === 'signed' ? protocolOf(route.service) : 'rest-json';
    const json = wantsJson(req);
    const fault = (err: AwsError): AwsResponse => protocolError(protocol, err, requestId, json);
    let response: AwsResponse;
    try {
      const body = await readBody(req, MAX_BODY_BYTES);
      if (route.kind === 'page') {
        send(res, ssoPage(world, { method, rawPath, rawQuery, body }), requestId);
        return;
      }
      const awsReq: AwsRequest = { method, path: decodePath(rawPath), rawPath, query: new URLSearchParams(rawQuery), headers: req.headers, body };
      if (route.kind === 'sso-oidc') response = await services.ssoOidc(awsReq, { world, requestId });
      else if (route.kind === 'sso-portal') response = await services.ssoPortal(awsReq, { world, requestId });
      else if (!route.signed && route.service === 'sts' && isWebIdentityCall(awsReq)) response = assumeRoleWithWebIdentity(awsReq, { world, requestId });
      else response = await handleSigned(route.service, awsReq, req.rawHeaders, rawQuery, requestId, fault);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        response = fault(new AwsError(413, 'RequestEntityTooLarge', `Request body must be no larger than ${MAX_BODY_BYTES} bytes.`));
      } else if (err instanceof AwsError) response = fault(err);
      else response = fault(internalError(protocol));
    }
    await applyLatency(world);
    send(res, response, requestId);
  }

  async function handleSigned(
    service: string,
    awsReq: AwsRequest,
    rawHeaders: string[],
    rawQuery: string,
    requestId: string,
    fault: (err: AwsError) => AwsResponse,
  ): Promise<AwsResponse> {
    const protocol = protocolOf(service);
    const handler = Object.hasOwn(services.signed, service) ? services.signed[service] : undefined;
    const verified = verifySigV4(world, { method: awsReq.method, rawPath: awsReq.rawPath, rawQuery, rawHeaders, body: awsReq.body });
    if (!verified.ok) return fault(authFailureError(protocol, verified));
    if (!handler) {
      return fault(new AwsError(403, protocol === 'query' ? 'SignatureDoesNotMatch' : 'InvalidSignatureException', `Credential should be scoped to correct service: '${service}'. `));
    }
    const injected = pickFault(world, service);
    if (injected) return fault(faultError(service, injected));
    return handler(awsReq, { world, caller: verified.caller, region: verified.region, requestId });
  }

  const server: Server = createServer({ cert: tls.certPem, key: tls.keyPem, keepAlive: true }, (req, res) => {
    handle(req, res).catch(() => {
      // Last resort: handle() already turns every error into a response; this covers a failing socket.
      if (!res.headersSent && !res.destroyed) send(res, restJsonError(new AwsError(500, 'InternalFailure', 'An internal error occurred.'), 'none'), 'none');
    });
  });
  server.keepAliveTimeout = 65_000;
  // closeAllConnections() misses sockets still in their TLS handshake; those then held close() for the 65 s above.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify({ message: tooLarge ? 'Request headers are too large.' : 'The request could not be parsed.' });
    const code = tooLarge ? 'RequestHeaderFieldsTooLarge' : 'BadRequest';
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: application/json\r\nx-amzn-errortype: ${code}\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;
  const url = `https://127.0.0.1:${port}`;
  world.awsEndpoint = url;
  return {
    port,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
  };
}
