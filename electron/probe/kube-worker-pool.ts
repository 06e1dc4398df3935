// Kubernetes worker threads kept between scans: starting one loads client-node and the probe code again
// (~0.3 s of CPU), which a rescan, a re-run or the next CLI scan in the same process need not pay.
// An idle worker is unref'd: it never keeps the process alive.
import { Worker } from 'node:worker_threads';
import type { WorkerRequest } from './kube-worker-protocol.js';

const MAX_IDLE = 1;
/**
 * Not a cap (the old generation grows as it needs): the worker's space for short-lived objects. V8's default
 * for a second isolate added ~15–20 MB to a 100 × 200 scan's peak RSS; 10 MB costs no measurable speed, 4 MB did
 * (bench/matrix.ts, docs/benchmarks.md).
 */
const WORKER_YOUNG_GENERATION_MB = 10;
const idle: { worker: Worker; script: string; gone: () => void }[] = [];
const scriptOf = new WeakMap<Worker, string>();

/** A worker running `script` for one scan: an idle one if there is one, else a new one. */
export async function takeKubeWorker(script: () => Promise<URL>): Promise<Worker> {
  const url = await script();
  const i = idle.findIndex((k) => k.script === url.href);
  if (i >= 0) {
    const [kept] = idle.splice(i, 1);
    kept!.worker.off('exit', kept!.gone).off('error', kept!.gone);
    return kept!.worker;
  }
  const worker = new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
  scriptOf.set(worker, url.href);
  worker.unref();
  return worker;
}

/** The scan is done with it: its jobs are cancelled and it waits for the next scan (or is ended). */
export function returnKubeWorker(worker: Worker): void {
  worker.postMessage({ op: 'reset' } satisfies WorkerRequest);
  worker.unref();
  if (idle.length >= MAX_IDLE) {
    void worker.terminate();
    return;
  }
  const gone = () => {
    const i = idle.findIndex((k) => k.worker === worker);
    if (i >= 0) idle.splice(i, 1);
  };
  worker.once('exit', gone).once('error', gone);
  idle.push({ worker, script: scriptOf.get(worker) ?? '', gone });
}

/**
 * Starts a worker ahead of the first scan, so that scan does not wait for client-node to load (the app calls this
 * once it is idle after launch). Resolves when the thread is running; a kept worker makes this a no-op.
 */
export async function warmKubeWorker(script: () => Promise<URL>): Promise<void> {
  const url = await script();
  if (idle.some((k) => k.script === url.href)) return;
  const worker = await takeKubeWorker(() => Promise.resolve(url));
  const running = await new Promise<boolean>((resolve) => worker.once('online', () => resolve(true)).once('error', () => resolve(false)));
  if (running) returnKubeWorker(worker);
  else void worker.terminate();
}
