// The app starts the scan's Kubernetes worker once it is idle after launch: the first scan takes that worker,
// already running, instead of starting one (and loading client-node) while the user waits.
import { describe, expect, it } from 'vitest';
import { returnKubeWorker, takeKubeWorker, warmKubeWorker } from '../../electron/probe/kube-worker-pool.js';
import { kubeWorkerScript } from '../../electron/probe/kube-worker-script.js';

describe('warming the Kubernetes worker', () => {
  it('the first scan takes the worker started ahead of it, already running; warming again adds none', async () => {
    const fresh = await takeKubeWorker(kubeWorkerScript);
    // A worker that has not started yet has run no event loop.
    expect(fresh.performance.eventLoopUtilization().idle + fresh.performance.eventLoopUtilization().active).toBe(0);
    await fresh.terminate();

    await warmKubeWorker(kubeWorkerScript);
    await warmKubeWorker(kubeWorkerScript);
    const first = await takeKubeWorker(kubeWorkerScript);
    const second = await takeKubeWorker(kubeWorkerScript);
    try {
      expect(first.performance.eventLoopUtilization().idle + first.performance.eventLoopUtilization().active).toBeGreaterThan(0);
      // The second warm-up found the kept worker: the next one is new.
      expect(second.threadId).not.toBe(first.threadId);
      expect(second.performance.eventLoopUtilization().idle + second.performance.eventLoopUtilization().active).toBe(0);
    } finally {
      returnKubeWorker(first);
      await second.terminate();
    }
  });
});
