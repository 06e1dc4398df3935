import { onAbort } from './on-abort.js';

interface Waiter {
  start: () => void;
  /** Aborted while waiting: skipped when its turn comes. */
  gone: boolean;
}

/** FIFO of waiters with a moving head (shift() on a long array copies it). */
class WaitQueue {
  private items: Waiter[] = [];
  private head = 0;

  push(w: Waiter): void {
    this.items.push(w);
  }

  /** The next waiter still waiting, removed from the queue. */
  next(): Waiter | undefined {
    while (this.head < this.items.length) {
      const w = this.items[this.head++]!;
      if (!w.gone) {
        this.compact();
        return w;
      }
    }
    this.compact();
    return undefined;
  }

  private compact(): void {
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

export type Priority = 'high' | 'low';

/**
 * Bounded concurrency: at most `limit` calls run at once; the rest wait in FIFO order (or until aborted).
 * Low-priority calls wait until no high-priority call does (discovery describes new clusters first).
 */
export class Limiter {
  private running = 0;
  private readonly high = new WaitQueue();
  private readonly low = new WaitQueue();
  /** Most calls that ran at the same time (benchmarks report the concurrency used). */
  peak = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a whole number ≥ 1 (got ${limit})`);
  }

  async run<T>(call: () => Promise<T>, signal?: AbortSignal, priority: Priority = 'high'): Promise<T> {
    await this.acquire(signal, priority);
    try {
      return await call();
    } finally {
      this.release();
    }
  }

  private acquire(signal: AbortSignal | undefined, priority: Priority): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.running < this.limit) {
      this.take();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      let forget: (() => void) | undefined;
      const waiter: Waiter = {
        gone: false,
        start: () => {
          forget?.();
          this.take();
          resolve();
        },
      };
      if (signal) {
        forget = onAbort(signal, () => {
          waiter.gone = true;
          reject(signal.reason);
        });
      }
      (priority === 'low' ? this.low : this.high).push(waiter);
    });
  }

  private take(): void {
    this.running++;
    if (this.running > this.peak) this.peak = this.running;
  }

  private release(): void {
    this.running--;
    (this.high.next() ?? this.low.next())?.start();
  }
}

/** One limiter per key (AWS calls per account), created on first use. */
export class KeyedLimiter {
  private readonly byKey = new Map<string, Limiter>();
  constructor(readonly limitPerKey: number) {}
  for(key: string): Limiter {
    let l = this.byKey.get(key);
    if (!l) this.byKey.set(key, (l = new Limiter(this.limitPerKey)));
    return l;
  }
  get keys(): string[] {
    return [...this.byKey.keys()];
  }
}
