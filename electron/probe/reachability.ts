// Does the cluster endpoint answer at all? One TLS handshake trusting only the cluster CA, made once per
// cluster and run: refused, TLS failure or no handshake within the timeout → every cell of the column is
// UNREACHABLE at once, instead of each waiting for the timeout.
import { connect } from 'node:tls';
import { createSecureContext } from 'node:tls';

export type Reachability = { reachable: true; ms: number } | { reachable: false; code: string; message: string; ms: number };

export function checkReachable(endpoint: string, caData: string, timeoutMs: number, signal?: AbortSignal): Promise<Reachability> {
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
    const finish = (r: Reachability) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(r);
    };
    const secureContext = createSecureContext({ ca: [Buffer.from(caData, 'base64').toString('utf8')] });
    const socket = connect({ host: url.hostname, port: Number(url.port || 443), servername: /^[\d.]+$/.test(url.hostname) ? undefined : url.hostname, secureContext, ALPNProtocols: ['http/1.1'] });
    const timer = setTimeout(() => finish({ reachable: false, code: 'TIMEOUT', message: `no TLS handshake within ${timeoutMs} ms`, ms: ms() }), timeoutMs);
    const onAbort = () => finish({ reachable: false, code: 'CANCELLED', message: 'the scan was cancelled', ms: ms() });
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => finish({ reachable: true, ms: ms() }));
    socket.once('error', (err: NodeJS.ErrnoException) => finish({ reachable: false, code: err.code ?? 'ERROR', message: err.message.split('\n')[0]!, ms: ms() }));
  });
}
