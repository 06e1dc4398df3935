// What went wrong with one Kubernetes call: an HTTP answer (client-node's ApiException), or no answer.
import { ApiException } from '@kubernetes/client-node';
import { isTlsCode, NETWORK_CODES } from '../../shared/network-errors.js';

export type KubeFailure =
  | { kind: 'http'; status: number; message: string; reason?: string }
  | { kind: 'network'; code: string; message: string }
  | { kind: 'timeout'; code: 'TIMEOUT'; message: string }
  | { kind: 'cancelled'; code: 'CANCELLED'; message: string }
  | { kind: 'other'; code: string; message: string };

/** A Kubernetes Status body's message, or the first line of whatever the server sent. */
function statusMessage(body: unknown): { message: string; reason?: string } {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return { message: body.split('\n')[0]!.slice(0, 300) };
    }
  }
  const s = parsed as { message?: unknown; reason?: unknown } | null;
  return { message: typeof s?.message === 'string' ? s.message : '', ...(typeof s?.reason === 'string' ? { reason: s.reason } : {}) };
}

export function classifyKubeError(err: unknown, timedOut: boolean, cancelled: boolean): KubeFailure {
  if (err instanceof ApiException) {
    // client-node drops the body of the responses its spec declares (401), keeping only the status.
    const { message, reason } = statusMessage(err.body);
    const fallback = err.code === 401 ? 'Unauthorized' : err.code === 403 ? 'Forbidden' : `HTTP ${err.code}`;
    return { kind: 'http', status: err.code, message: message || fallback, ...(reason ? { reason } : {}) };
  }
  const e = err as { name?: string; code?: string; errno?: string; message?: string; type?: string; cause?: { code?: string } };
  if (cancelled) return { kind: 'cancelled', code: 'CANCELLED', message: 'the scan was cancelled' };
  if (timedOut || e?.name === 'AbortError' || e?.type === 'aborted') return { kind: 'timeout', code: 'TIMEOUT', message: 'no answer within the timeout' };
  const code = e?.code ?? e?.errno ?? e?.cause?.code ?? '';
  const message = String(e?.message ?? err).split('\n')[0]!.replace(/^request to \S+ failed, reason: /, '');
  if (NETWORK_CODES.has(code) || isTlsCode(code)) return { kind: 'network', code, message };
  return { kind: 'other', code: code || e?.name || 'Error', message };
}

/** Throttled or a server error: worth another attempt, as for AWS calls. A reset keep-alive socket too. */
export function isRetryableKubeError(err: unknown): boolean {
  if (err instanceof ApiException) return err.code === 429 || err.code >= 500;
  const code = (err as { code?: string })?.code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}
