// One async call's bookkeeping, without React (useCall keeps its state in a component): a running flag, the result,
// the error. A newer run supersedes an older one: the older one's result or error is dropped — neither shown nor
// returned to its caller — so a slow earlier load never overwrites what a later one gave.
import { callFailure, type CallFailure } from '../../shared/client.js';

export type CallError = CallFailure;

export interface CallState<T> {
  running: boolean;
  result?: T;
  error?: CallError;
}

export interface CallSettings<A extends unknown[], T> {
  fn: (...args: A) => Promise<T>;
  /** A failed run keeps the last result (a list still worth showing under its error). */
  keepResultOnError: boolean;
}

export class CallRunner<A extends unknown[], T> {
  private seq = 0;

  /** settings: read at each run (the latest function); update: how the state changes (React's setState). */
  constructor(
    private readonly settings: () => CallSettings<A, T>,
    private readonly update: (next: (s: CallState<T>) => CallState<T>) => void,
  ) {}

  /** The run's result; undefined when it failed or a newer run (or reset) superseded it. */
  readonly run = async (...args: A): Promise<T | undefined> => {
    const mine = ++this.seq;
    const { fn, keepResultOnError } = this.settings();
    this.update((s) => ({ running: true, ...(s.result !== undefined ? { result: s.result } : {}) }));
    try {
      const result = await fn(...args);
      if (mine !== this.seq) return undefined;
      this.update(() => ({ running: false, result }));
      return result;
    } catch (err) {
      if (mine !== this.seq) return undefined;
      const error = callFailure(err);
      this.update((s) => ({ running: false, error, ...(keepResultOnError && s.result !== undefined ? { result: s.result } : {}) }));
      return undefined;
    }
  };

  /** Forgets the result and the error; a run still in flight no longer reports. */
  readonly reset = (): void => {
    this.seq++;
    this.update(() => ({ running: false }));
  };
}
