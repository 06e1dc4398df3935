// From the answers of a probe to the cell's outcome.
import type { KubeFailure } from './kube-errors.js';
import type { AccessQuestion, CellOutcome } from './types.js';

/** No usable answer: the endpoint does not answer or TLS fails → UNREACHABLE; else ERROR. */
export function outcomeOfFailure(f: KubeFailure): { outcome: CellOutcome; message: string; retryable?: boolean } {
  if (f.kind === 'http' && f.status === 401) return { outcome: 'UNAUTHORIZED', message: `401 ${f.message || 'Unauthorized'}` };
  // Still throttled after the retries: the cluster asked us to slow down, a later try may well get through.
  if (f.kind === 'http' && f.status === 429) return { outcome: 'ERROR', message: `HTTP 429${f.reason ? ` ${f.reason}` : ''}: ${f.message}`, retryable: true };
  if (f.kind === 'network') return { outcome: 'UNREACHABLE', message: `${f.code}: ${f.message}` };
  if (f.kind === 'timeout') return { outcome: 'UNREACHABLE', message: f.message };
  if (f.kind === 'http') return { outcome: 'ERROR', message: `HTTP ${f.status}${f.reason ? ` ${f.reason}` : ''}: ${f.message}` };
  return { outcome: 'ERROR', message: `${f.code}: ${f.message}` };
}

/**
 * Authenticated: ADMIN when `*` on `*` is allowed, ACCESS when listing services in default is (what
 * `kubectl get svc` needs), FORBIDDEN otherwise. `undefined` answers are questions the server did not answer.
 */
export function outcomeOfAnswers(answers: Map<AccessQuestion, boolean | undefined>): { outcome: CellOutcome; message?: string } {
  if (answers.get('* on *')) return { outcome: 'ADMIN' };
  if (answers.get('list services in default')) return { outcome: 'ACCESS' };
  const unanswered = [...answers].filter(([, v]) => v === undefined).map(([q]) => q);
  if (unanswered.includes('list services in default')) return { outcome: 'ERROR', message: `the cluster did not answer: ${unanswered.join(', ')}` };
  const allowed = [...answers].filter(([, v]) => v).map(([q]) => q);
  return { outcome: 'FORBIDDEN', message: allowed.length ? `may only: ${allowed.join(', ')}` : 'authenticated, but may do none of the things asked' };
}
