import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Like the SDK's standard strategy: up to 3 attempts, exponential backoff with full jitter. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 2000 };

/** Full-jitter exponential backoff, as the AWS SDKs compute it. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
}

/** Runs `call` until it succeeds, fails with a non-retryable error, or runs out of attempts. */
export async function withRetry<T>(
  call: () => Promise<T>,
  retryable: (err: unknown) => boolean,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<{ value: T; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await call(), attempts: attempt };
    } catch (err) {
      if (attempt >= policy.attempts || signal?.aborted || !retryable(err)) {
        throw Object.assign(err as object, { attempts: attempt });
      }
      await sleep(backoffDelay(policy, attempt), undefined, signal ? { signal } : undefined);
    }
  }
}
