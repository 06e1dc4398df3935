import { useEffect, useRef, useState } from 'react';
import { CallRunner, type CallError, type CallSettings, type CallState } from './call-runner.js';

export type { CallError, CallState };

/**
 * One async call: running flag, result, error; a newer run wins over an older one, whose result is dropped (see
 * call-runner.ts). `run` stays the same function for the component's life and always calls the latest `fn`, so it
 * can sit in an effect's dependencies. A failed run forgets the last result, unless `keepResultOnError`.
 */
export function useCall<A extends unknown[], T>(fn: (...args: A) => Promise<T>, opts: { keepResultOnError?: boolean } = {}) {
  const [state, setState] = useState<CallState<T>>({ running: false });
  const latest = useRef<CallSettings<A, T>>({ fn, keepResultOnError: Boolean(opts.keepResultOnError) });
  useEffect(() => {
    latest.current = { fn, keepResultOnError: Boolean(opts.keepResultOnError) };
  });
  const [runner] = useState(() => new CallRunner<A, T>(() => latest.current, setState));
  return { ...state, run: runner.run, reset: runner.reset };
}
