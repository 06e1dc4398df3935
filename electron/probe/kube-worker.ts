// The Kubernetes worker thread: a KubeProber answering one scan's reach and probe jobs at a time
// (kube-probes.ts); kept between scans so a rescan does not load client-node again.
import { parentPort } from 'node:worker_threads';
import { firstLine } from '../common/first-line.js';
import { KubeProber } from './kube-prober.js';
import type { WorkerReply, WorkerRequest } from './kube-worker-protocol.js';
import { ProbeCancelled } from './probe-job.js';

// client-node throws an ApiException for every refused request (most cells of a large matrix end at a 401):
// here they are answers, reported by message, so their stack traces need not be deep.
Error.stackTraceLimit = 3;

const port = parentPort;
if (!port) throw new Error('kube-worker.ts runs as a worker thread');
let prober: KubeProber | undefined;
const cas = new Map<number, string>();
const noStats = { requests: 0, peakInFlight: 0 };

port.on('message', (m: WorkerRequest) => {
  switch (m.op) {
    case 'open':
      prober?.close();
      cas.clear();
      prober = new KubeProber(m.settings);
      return;
    case 'reset':
      prober?.close();
      cas.clear();
      prober = undefined;
      return;
    case 'ca':
      cas.set(m.ref, m.caData);
      return;
    case 'cancel':
      return prober?.cancelRun(m.run);
    case 'end':
      return prober?.endRun(m.run);
  }
  const p = prober;
  let work: Promise<unknown>;
  if (!p) work = Promise.reject(new ProbeCancelled('no scan is open'));
  else if (m.op === 'reach') {
    const { ca, ...job } = m.job;
    work = p.reach({ ...job, caData: cas.get(ca) ?? '' });
  } else {
    const { ca, ...cluster } = m.job.target.cluster;
    work = p.probe({ ...m.job, target: { ...m.job.target, cluster: { ...cluster, caData: cas.get(ca) ?? '' } } });
  }
  work.then(
    (value) => port.postMessage({ id: m.id, ok: true, value, stats: p!.stats() } satisfies WorkerReply),
    (err: unknown) =>
      port.postMessage({
        id: m.id,
        ok: false,
        cancelled: err instanceof ProbeCancelled,
        message: firstLine(err),
        stats: p?.stats() ?? noStats,
      } satisfies WorkerReply),
  );
});
