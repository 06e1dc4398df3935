// The Kubernetes side of a scan: one CA-only keep-alive agent per cluster, the request limits (over all clusters
// and per cluster), the reachability check and the cell probe. It runs in the scan's worker thread
// (kube-worker.ts) so TLS and client-node work stays off the thread that makes the AWS calls, or in-process.
import { setMaxListeners } from 'node:events';
import { KeyedLimiter, Limiter } from '../common/limiter.js';
import { sharedClusterAgents, type ClusterAgents } from './cluster-agents.js';
import { probeCell } from './probe-cell.js';
import type { MadeToken, ProbeTarget } from './probe-job.js';
import type { Reachability } from './reachability.js';
import type { RetryPolicy } from '../common/retry.js';
import type { CellResult } from './types.js';

export interface KubeProbeSettings {
  kubeConcurrency: number;
  kubeConcurrencyPerCluster: number;
  timeoutMs: number;
  kubeRetry: RetryPolicy;
}

export interface KubeProbeStats {
  /** Kubernetes requests sent (each retry attempt counts). */
  requests: number;
  /** Most requests in flight at once. */
  peakInFlight: number;
}

/** Jobs belong to a run (the initial scan, a re-run): cancelling the run cancels its jobs. */
export interface ReachJob {
  run: number;
  endpoint: string;
  caData: string;
}

export interface ProbeJob {
  run: number;
  target: ProbeTarget;
  token: MadeToken;
}

/** What the scan asks of its Kubernetes side, wherever that runs. probe() throws ProbeCancelled once its run is cancelled. */
export interface KubeProbing {
  reach(job: ReachJob): Promise<Reachability>;
  probe(job: ProbeJob): Promise<CellResult>;
  cancelRun(run: number): void;
  /** The run is over: forget it. */
  endRun(run: number): void;
  stats(): KubeProbeStats;
  /** Cancels what is in progress; no probe after this. Kept-alive connections stay for the next scan. */
  close(): void;
}

export class KubeProber implements KubeProbing {
  private readonly agents: ClusterAgents;
  private readonly kube: Limiter;
  private readonly perCluster: KeyedLimiter;
  private readonly runs = new Map<number, AbortController>();
  private requests = 0;

  constructor(private readonly settings: KubeProbeSettings) {
    this.agents = sharedClusterAgents(settings.kubeConcurrencyPerCluster);
    this.kube = new Limiter(settings.kubeConcurrency);
    this.perCluster = new KeyedLimiter(settings.kubeConcurrencyPerCluster);
  }

  /** One TLS handshake; when it succeeds its socket becomes the cluster's first connection. */
  reach(job: ReachJob): Promise<Reachability> {
    return this.agents.reach(job.endpoint, job.caData, this.settings.timeoutMs, this.signal(job.run));
  }

  probe(job: ProbeJob): Promise<CellResult> {
    const signal = this.signal(job.run);
    const { arn, endpoint, caData } = job.target.cluster;
    return probeCell(job.target, {
      token: job.token,
      agent: this.agents.forCluster(endpoint, caData),
      // The cluster's own limit first, so a request waiting for its cluster holds no global slot.
      slot: (call) => this.perCluster.for(arn).run(() => this.kube.run(call, signal), signal),
      timeoutMs: this.settings.timeoutMs,
      retry: this.settings.kubeRetry,
      signal,
      onRequest: () => this.requests++,
    });
  }

  cancelRun(run: number): void {
    this.controller(run).abort(new Error('scan cancelled'));
  }

  endRun(run: number): void {
    this.runs.delete(run);
  }

  stats(): KubeProbeStats {
    return { requests: this.requests, peakInFlight: this.kube.peak };
  }

  close(): void {
    for (const c of this.runs.values()) c.abort(new Error('scan closed'));
    this.runs.clear();
  }

  private signal(run: number): AbortSignal {
    return this.controller(run).signal;
  }

  private controller(run: number): AbortController {
    let c = this.runs.get(run);
    if (!c) {
      c = new AbortController();
      // Every waiting request listens for the abort; thousands may wait at once.
      setMaxListeners(0, c.signal);
      this.runs.set(run, c);
    }
    return c;
  }
}
