import { abortable, onAbort } from './on-abort.js';

/**
 * `run`, or `timeoutError()` once `ms` have passed — whichever comes first. The signal `run` gets aborts at the
 * deadline (and with `outer`), so the work can end what it started (a child's process group, an HTTP call).
 */
export function withDeadline<T>(ms: number, timeoutError: () => Error, run: (signal: AbortSignal) => Promise<T>, outer?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  const forgetOuter = outer ? onAbort(outer, () => controller.abort(outer.reason)) : () => {};
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = timeoutError();
      controller.abort(err);
      reject(err);
    }, ms);
  });
  const work = run(controller.signal);
  work.catch(() => {});
  return abortable(Promise.race([work, timeout]), outer).finally(() => {
    clearTimeout(timer);
    forgetOuter();
  });
}
