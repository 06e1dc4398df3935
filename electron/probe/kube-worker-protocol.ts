// The messages between a scan and its Kubernetes worker thread (structured clones, never leaving the process).
import type { KubeProbeSettings, KubeProbeStats, ProbeJob, ReachJob } from './kube-prober.js';
import type { ProbeTarget } from './probe-job.js';

/**
 * Jobs name a cluster's CA by number: each CA crosses once per scan (`ca`), where a 100 × 200 matrix would
 * otherwise copy the same ~1.5 KB into 20,000 messages.
 */
export type WireReachJob = Omit<ReachJob, 'caData'> & { ca: number };
export type WireProbeJob = Omit<ProbeJob, 'target'> & {
  target: Omit<ProbeTarget, 'cluster'> & { cluster: Omit<ProbeTarget['cluster'], 'caData'> & { ca: number } };
};

export type WorkerRequest =
  /** A scan takes the worker: a fresh prober (agents, limits) with the scan's settings. */
  | { op: 'open'; settings: KubeProbeSettings }
  /** The scan is closed: its connections are closed, its jobs cancelled; the worker waits for the next scan. */
  | { op: 'reset' }
  | { op: 'ca'; ref: number; caData: string }
  | { op: 'reach'; id: number; job: WireReachJob }
  | { op: 'probe'; id: number; job: WireProbeJob }
  | { op: 'cancel'; run: number }
  | { op: 'end'; run: number };

export type WorkerReply =
  | { id: number; ok: true; value: unknown; stats: KubeProbeStats }
  | { id: number; ok: false; cancelled: boolean; message: string; stats: KubeProbeStats };
