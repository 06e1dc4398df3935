import { useCallback, useRef, useState } from 'react';
import { callFailure, type CallFailure } from '../../../shared/client.js';

export type CallError = CallFailure;

export interface CallState<T> {
  running: boolean;
  result?: T;
  error?: CallError;
}

/** One async call of a wizard step: running flag, result, error; a newer run wins over an older one. */
export function useCall<A extends unknown[], T>(fn: (...args: A) => Promise<T>) {
  const [state, setState] = useState<CallState<T>>({ running: false });
  const seq = useRef(0);
  const run = useCallback(
    async (...args: A): Promise<T | undefined> => {
      const mine = ++seq.current;
      setState((s) => ({ running: true, ...(s.result !== undefined ? { result: s.result } : {}) }));
      try {
        const result = await fn(...args);
        if (mine === seq.current) setState({ running: false, result });
        return result;
      } catch (err) {
        if (mine === seq.current) setState({ running: false, error: callFailure(err) });
        return undefined;
      }
    },
    // The callers pass stable api functions.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const reset = useCallback(() => setState({ running: false }), []);
  return { ...state, run, reset };
}
