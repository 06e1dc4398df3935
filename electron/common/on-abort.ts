// Many waiters on one AbortSignal (every queued call of a scan waits on the scan's signal): one listener per
// signal that runs them all, instead of one listener each — EventTarget keeps listeners in a list, so adding
// and removing thousands of them costs O(n) each.
const watchers = new WeakMap<AbortSignal, Set<() => void>>();

/** Runs `fn` once when `signal` aborts (at once if it already has); returns a function that forgets it. */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  if (signal.aborted) {
    fn();
    return () => {};
  }
  let set = watchers.get(signal);
  if (!set) {
    const fns = (set = new Set());
    watchers.set(signal, fns);
    signal.addEventListener(
      'abort',
      () => {
        watchers.delete(signal);
        for (const f of [...fns]) f();
        fns.clear();
      },
      { once: true },
    );
  }
  const fns = set;
  fns.add(fn);
  return () => void fns.delete(fn);
}

/**
 * `work`, or a rejection with the signal's reason as soon as it aborts (the work itself runs on: for calls that
 * cannot take the signal, e.g. an AWS SDK client with its middleware cached, which forbids per-call options).
 */
export function abortable<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const forget = onAbort(signal, () => {
      work.catch(() => {});
      reject(signal.reason);
    });
    work.then(
      (v) => {
        forget();
        resolve(v);
      },
      (err) => {
        forget();
        reject(err);
      },
    );
  });
}
