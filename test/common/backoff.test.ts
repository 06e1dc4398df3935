// The retries' backoff: exponential with full jitter, capped.
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY_POLICY } from '../../electron/common/retry.js';

describe('backoff', () => {
  it('grows exponentially with full jitter, capped', () => {
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 1, () => 0.999)).toBe(199);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 3, () => 0.999)).toBe(799);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 10, () => 0.999)).toBe(1998);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 3, () => 0)).toBe(0);
  });
});
