import { useCallback, useEffect, useRef, useState } from 'react';
import { callFailure, type CallFailure } from '../../shared/client.js';

export type CallError = CallFailure;

export interface CallState<T> {
  running: boolean;
  result?: T;
  error?: CallError;
}

/**
 * One async call: running flag, result, error; a newer run wins over an older one. `run` stays the same function
 * for the component's life and always calls the latest `fn`, so it can sit in an effect's dependencies.
 * A failed run forgets the last result, unless `keepResultOnError` (a list still worth showing under its error).
 */
export function useCall<A extends unknown[], T>(fn: (...args: A) => Promise<T>, opts: { keepResultOnError?: boolean } = {}) {
  const keepResultOnError = Boolean(opts.keepResultOnError);
  const [state, setState] = useState<CallState<T>>({ running: false });
  const seq = useRef(0);
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  const run = useCallback(async (...args: A): Promise<T | undefined> => {
    const mine = ++seq.current;
    setState((s) => ({ running: true, ...(s.result !== undefined ? { result: s.result } : {}) }));
    try {
      const result = await latest.current(...args);
      if (mine === seq.current) setState({ running: false, result });
      return result;
    } catch (err) {
      const error = callFailure(err);
      if (mine === seq.current) setState((s) => ({ running: false, error, ...(keepResultOnError && s.result !== undefined ? { result: s.result } : {}) }));
      return undefined;
    }
  }, [keepResultOnError]);
  /** Forgets the result and the error; a run still in flight no longer reports. */
  const reset = useCallback(() => {
    seq.current++;
    setState({ running: false });
  }, []);
  return { ...state, run, reset };
}
