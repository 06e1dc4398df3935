/** Bounded concurrency: at most `limit` calls run at once; the rest wait in FIFO order (or until aborted). */
export class Limiter {
  private running = 0;
  private readonly waiting: { start: () => void; fail: (err: unknown) => void }[] = [];
  /** Most calls that ran at the same time (benchmarks report the concurrency used). */
  peak = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a whole number ≥ 1 (got ${limit})`);
  }

  async run<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await call();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.running < this.limit) {
      this.take();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          this.take();
          resolve();
        },
        fail: reject,
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private take(): void {
    this.running++;
    if (this.running > this.peak) this.peak = this.running;
  }

  private release(): void {
    this.running--;
    const next = this.waiting.shift();
    if (next) next.start();
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
