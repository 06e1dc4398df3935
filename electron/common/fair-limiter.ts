import { onAbort } from './on-abort.js';

/**
 * Bounded concurrency that is fair across keys (clusters): at most `limit` tasks run at once, at most
 * `perKey` of one key, and waiting tasks start round-robin over the keys — so a cluster with 100 cells
 * waiting does not starve the others, and no more cells are in progress (tokens, clients) than can run.
 */
export class FairLimiter {
  private running = 0;
  private readonly runningByKey = new Map<string, number>();
  private readonly queues = new Map<string, (() => void)[]>();
  /** Keys with waiting tasks, in rotation order. */
  private rotation: string[] = [];

  constructor(
    readonly limit: number,
    readonly perKey: number,
  ) {}

  async run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(key, signal);
    try {
      return await task();
    } finally {
      this.running--;
      this.runningByKey.set(key, (this.runningByKey.get(key) ?? 1) - 1);
      this.dispatch();
    }
  }

  private acquire(key: string, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      let forget: (() => void) | undefined;
      const start = () => {
        forget?.();
        resolve();
      };
      if (signal) {
        forget = onAbort(signal, () => {
          const q = this.queues.get(key);
          const i = q ? q.indexOf(start) : -1;
          if (i >= 0) q!.splice(i, 1);
          reject(signal.reason);
        });
      }
      let q = this.queues.get(key);
      if (!q) {
        this.queues.set(key, (q = []));
        this.rotation.push(key);
      }
      q.push(start);
      this.dispatch();
    });
  }

  private dispatch(): void {
    let scanned = 0;
    while (this.running < this.limit && this.rotation.length && scanned < this.rotation.length) {
      const key = this.rotation.shift()!;
      const q = this.queues.get(key)!;
      if (!q.length) {
        this.queues.delete(key);
        scanned = 0;
        continue;
      }
      if ((this.runningByKey.get(key) ?? 0) >= this.perKey) {
        this.rotation.push(key);
        scanned++;
        continue;
      }
      const start = q.shift()!;
      this.running++;
      this.runningByKey.set(key, (this.runningByKey.get(key) ?? 0) + 1);
      if (q.length) this.rotation.push(key);
      else this.queues.delete(key);
      scanned = 0;
      start();
    }
  }
}
