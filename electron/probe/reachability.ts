// Does the cluster endpoint answer at all? One TLS handshake trusting only the cluster CA, made once per
// cluster and run: refused, TLS failure or no handshake within the timeout → every cell of the column is
// UNREACHABLE at once, instead of each waiting for the timeout.
import { connect, createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';

export type Reachability = { reachable: true; ms: number } | { reachable: false; code: string; message: string; ms: number };

export interface ReachOptions {
  /** The cluster's CA-only context (made from caData when absent). */
  secureContext?: SecureContext;
  /**
   * Takes the connected socket instead of closing it (ClusterAgents makes it a probe's first connection).
   * Called once the server's TLS session ticket has arrived (or after `sessionGraceMs`), so later connections
   * to the cluster can resume the session.
   */
  keep?: (socket: TLSSocket, session: Buffer | undefined) => void;
  sessionGraceMs?: number;
  /** A TLS session an earlier verified handshake with this cluster got: offered, so the server can resume it. */
  session?: Buffer;
}

export function checkReachable(endpoint: string, caData: string, timeoutMs: number, signal?: AbortSignal, opts: ReachOptions = {}): Promise<Reachability> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return Promise.resolve({ reachable: false, code: 'BAD_ENDPOINT', message: `not a URL: ${endpoint}`, ms: 0 });
  }
  return new Promise((resolve) => {
    let settled = false;
    let session: Buffer | undefined;
    let reached: Reachability = { reachable: true, ms: 0 };
    let grace: NodeJS.Timeout | undefined;
    let handshook = false;
    const finish = (r: Reachability) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(grace);
      signal?.removeEventListener('abort', onAbort);
      socket.removeListener('session', onSession);
      socket.removeListener('error', onError);
      if (r.reachable && opts.keep && !socket.destroyed) {
        opts.keep(socket, session);
      } else {
        socket.on('error', () => {});
        socket.destroy();
      }
      resolve(r);
    };
    const secureContext = opts.secureContext ?? createSecureContext({ ca: [Buffer.from(caData, 'base64').toString('utf8')] });
    const socket = connect({ host: url.hostname, port: Number(url.port || 443), servername: /^[\d.]+$/.test(url.hostname) ? undefined : url.hostname, secureContext, ALPNProtocols: ['http/1.1'], ...(opts.session ? { session: opts.session } : {}) });
    const timer = setTimeout(() => finish({ reachable: false, code: 'TIMEOUT', message: `no TLS handshake within ${timeoutMs} ms`, ms: ms() }), timeoutMs);
    const onAbort = () => finish({ reachable: false, code: 'CANCELLED', message: 'the scan was cancelled', ms: ms() });
    const onSession = (s: Buffer) => {
      session = s;
      // Not from inside OpenSSL's new-session callback: a probe writing to the socket in the microtasks that
      // would run there loses its request.
      if (handshook) setImmediate(() => finish(reached));
    };
    // After the handshake (waiting for the ticket) an error only means the socket is not worth keeping.
    const onError = (err: NodeJS.ErrnoException) => handshook ? finish(reached) : finish({ reachable: false, code: err.code ?? 'ERROR', message: err.message.split('\n')[0]!, ms: ms() });
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('session', onSession);
    socket.once('secureConnect', () => {
      reached = { reachable: true, ms: ms() };
      handshook = true;
      if (!opts.keep) return finish(reached);
      if (session) return void setImmediate(() => finish(reached));
      // TLS 1.3 sends the ticket just after the handshake: wait briefly for it, the socket stays open meanwhile.
      grace = setTimeout(() => finish(reached), Math.min(opts.sessionGraceMs ?? 100, timeoutMs));
    });
    socket.on('error', onError);
  });
}
