// The scan's cell scheduler: never more than the limits, and round-robin over clusters so one big column
// cannot starve the others.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { FairLimiter } from '../../electron/common/fair-limiter.js';

describe('FairLimiter', () => {
  it('respects the global and per-key limits and starts keys in rotation', async () => {
    const limiter = new FairLimiter(4, 2);
    let running = 0;
    let peak = 0;
    const perKey = new Map<string, number>();
    const peakPerKey = new Map<string, number>();
    const order: string[] = [];
    const task = (key: string) => async () => {
      order.push(key);
      running++;
      peak = Math.max(peak, running);
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
      peakPerKey.set(key, Math.max(peakPerKey.get(key) ?? 0, perKey.get(key)!));
      await sleep(5);
      running--;
      perKey.set(key, perKey.get(key)! - 1);
    };
    // 20 tasks of cluster a queued first, then 3 of b and 3 of c.
    const all = [
      ...Array.from({ length: 20 }, () => limiter.run('a', task('a'))),
      ...Array.from({ length: 3 }, () => limiter.run('b', task('b'))),
      ...Array.from({ length: 3 }, () => limiter.run('c', task('c'))),
    ];
    await Promise.all(all);
    expect(peak).toBe(4);
    expect(Math.max(...peakPerKey.values())).toBe(2);
    expect(order).toHaveLength(26);
    // b and c are not stuck behind a's twenty (FIFO would start them at 20–25): rotation starts them early.
    const lastBorC = Math.max(order.lastIndexOf('b'), order.lastIndexOf('c'));
    expect(lastBorC).toBeLessThan(12);
  });

  it('an aborted waiter leaves the queue and rejects; the rest still run', async () => {
    const limiter = new FairLimiter(1, 1);
    const controller = new AbortController();
    const ran: number[] = [];
    const first = limiter.run('a', async () => {
      await sleep(20);
      ran.push(1);
    });
    const second = limiter.run('a', async () => void ran.push(2), controller.signal);
    const third = limiter.run('b', async () => void ran.push(3));
    controller.abort(new Error('stop'));
    await expect(second).rejects.toThrow('stop');
    await Promise.all([first, third]);
    expect(ran).toEqual([1, 3]);
  });
});
