// A scan's Kubernetes side. By default in a worker thread: the same KubeProber on another core, so the thread
// that makes the AWS calls (and, in the app, answers the window) is not held up by TLS handshakes and
// client-node. In-process when the setting says so — or when the worker cannot start or dies: its jobs and every
// later one then run here, and a scan never fails for want of a thread. The in-process prober (and client-node
// with it) is loaded only then.
import type { Worker } from 'node:worker_threads';
import { firstLine } from '../common/first-line.js';
import type { KubeProbeSettings, KubeProbeStats, KubeProber, KubeProbing, ProbeJob, ReachJob } from './kube-prober.js';
import { returnKubeWorker, takeKubeWorker } from './kube-worker-pool.js';
import type { WorkerReply, WorkerRequest } from './kube-worker-protocol.js';
import { kubeWorkerScript } from './kube-worker-script.js';
import { ProbeCancelled } from './probe-job.js';
import type { Reachability } from './reachability.js';
import type { CellResult } from './types.js';

type Job = { op: 'reach'; job: ReachJob } | { op: 'probe'; job: ProbeJob };

interface Pending {
  id: number;
  work: Job;
  resolve: (value: never) => void;
  reject: (err: Error) => void;
}

export interface KubeProbesOptions {
  thread: 'worker' | 'main';
  /** The worker's script (tests point it elsewhere). */
  script?: () => Promise<URL>;
}

/** Job ids are unique in the process: a worker kept between scans may still answer the previous scan's jobs. */
let nextJobId = 1;

const cancelledReach = (): Reachability => ({ reachable: false, code: 'CANCELLED', message: 'the scan was cancelled', ms: 0 });

export class KubeProbes implements KubeProbing {
  /** Why the probes run in-process although a worker was wanted (it could not start, or stopped). */
  fallbackReason?: string;

  private worker?: Worker;
  private local?: { prober?: KubeProber; ready: Promise<KubeProber> };
  private readonly waiting: Pending[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly cancelled = new Set<number>();
  private workerStats: KubeProbeStats = { requests: 0, peakInFlight: 0 };
  /** CAs the worker has been given, by their number in jobs. */
  private readonly cas = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly settings: KubeProbeSettings,
    opts: KubeProbesOptions,
  ) {
    if (opts.thread === 'main') {
      this.runHere();
      return;
    }
    takeKubeWorker(opts.script ?? kubeWorkerScript).then(
      (worker) => this.start(worker),
      (err: unknown) => this.fallBack(`the worker did not start: ${firstLine(err)}`),
    );
  }

  /** Where the probes run now. */
  get thread(): 'worker' | 'main' {
    return this.local ? 'main' : 'worker';
  }

  reach(job: ReachJob): Promise<Reachability> {
    if (this.cancelled.has(job.run)) return Promise.resolve(cancelledReach());
    return this.submit({ op: 'reach', job });
  }

  probe(job: ProbeJob): Promise<CellResult> {
    if (this.cancelled.has(job.run)) return Promise.reject(new ProbeCancelled('cancelled'));
    return this.submit({ op: 'probe', job });
  }

  cancelRun(run: number): void {
    this.cancelled.add(run);
    if (this.local) void this.local.ready.then((p) => p.cancelRun(run));
    else this.post({ op: 'cancel', run });
    // The scan moves on at once; late answers for these jobs are dropped.
    for (const p of [...this.pending.values(), ...this.waiting]) if (p.work.job.run === run) this.settleCancelled(p);
  }

  endRun(run: number): void {
    this.cancelled.delete(run);
    if (this.local) void this.local.ready.then((p) => p.endRun(run));
    else this.post({ op: 'end', run });
  }

  stats(): KubeProbeStats {
    const local = this.local?.prober?.stats() ?? { requests: 0, peakInFlight: 0 };
    return { requests: this.workerStats.requests + local.requests, peakInFlight: Math.max(this.workerStats.peakInFlight, local.peakInFlight) };
  }

  close(): void {
    if (this.closed) return;
    for (const p of [...this.pending.values(), ...this.waiting]) this.settleCancelled(p);
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      this.detach(worker);
      returnKubeWorker(worker);
    }
    void this.local?.ready.then((p) => p.close());
  }

  private submit<T>(work: Job): Promise<T> {
    if (this.closed) return Promise.reject(new ProbeCancelled('the scan is closed'));
    return new Promise<T>((resolve, reject) => {
      const p: Pending = { id: nextJobId++, work, resolve: resolve as (v: never) => void, reject };
      if (this.local) this.runLocally(p);
      else if (this.worker) this.send(p);
      else this.waiting.push(p);
    });
  }

  private readonly onMessage = (reply: WorkerReply) => this.answer(reply);
  private readonly onError = (err: Error) => this.fallBack(`the worker failed: ${firstLine(err)}`);
  private readonly onExit = (code: number) => this.fallBack(`the worker exited with code ${code}`);

  private start(worker: Worker): void {
    if (this.closed || this.local) return void returnKubeWorker(worker);
    this.worker = worker;
    // Only pending jobs keep the process alive (a scan left open must not hold a CLI run).
    worker.unref();
    worker.on('message', this.onMessage).on('error', this.onError).on('exit', this.onExit);
    this.post({ op: 'open', settings: this.settings });
    for (const p of this.waiting.splice(0)) this.send(p);
  }

  private detach(worker: Worker): void {
    worker.off('message', this.onMessage).off('error', this.onError).off('exit', this.onExit);
  }

  private send(p: Pending): void {
    if (this.pending.size === 0) this.worker!.ref();
    this.pending.set(p.id, p);
    const w = p.work;
    if (w.op === 'reach') {
      const { caData, ...job } = w.job;
      this.post({ op: 'reach', id: p.id, job: { ...job, ca: this.caRef(caData) } });
    } else {
      const { caData, ...cluster } = w.job.target.cluster;
      this.post({ op: 'probe', id: p.id, job: { ...w.job, target: { ...w.job.target, cluster: { ...cluster, ca: this.caRef(caData) } } } });
    }
  }

  private caRef(caData: string): number {
    let ref = this.cas.get(caData);
    if (ref === undefined) {
      this.cas.set(caData, (ref = this.cas.size + 1));
      this.post({ op: 'ca', ref, caData });
    }
    return ref;
  }

  private post(m: WorkerRequest): void {
    this.worker?.postMessage(m);
  }

  private answer(reply: WorkerReply): void {
    // Not ours (a job settled already, or the previous scan's on a kept worker): its stats are not ours either.
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.workerStats = reply.stats;
    this.forget(p);
    if (reply.ok) p.resolve(reply.value as never);
    else p.reject(reply.cancelled ? new ProbeCancelled(reply.message) : new Error(reply.message));
  }

  private forget(p: Pending): void {
    if (this.pending.delete(p.id) && this.pending.size === 0) this.worker?.unref();
    const i = this.waiting.indexOf(p);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  private settleCancelled(p: Pending): void {
    this.forget(p);
    if (p.work.op === 'reach') p.resolve(cancelledReach() as never);
    else p.reject(new ProbeCancelled('cancelled'));
  }

  /** From now on, in-process: jobs the worker held are run again here (probes only read). */
  private fallBack(reason: string): void {
    if (this.closed || this.local) return;
    this.fallbackReason = reason;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      this.detach(worker);
      void worker.terminate();
    }
    this.runHere();
    const jobs = [...this.pending.values(), ...this.waiting];
    this.pending.clear();
    this.waiting.length = 0;
    for (const p of jobs) this.runLocally(p);
  }

  private runHere(): void {
    const local: NonNullable<KubeProbes['local']> = {
      ready: import('./kube-prober.js').then(({ KubeProber }) => {
        const prober = new KubeProber(this.settings);
        for (const run of this.cancelled) prober.cancelRun(run);
        return (local.prober = prober);
      }),
    };
    this.local = local;
  }

  private runLocally(p: Pending): void {
    this.local!.ready.then((prober): Promise<unknown> => (p.work.op === 'reach' ? prober.reach(p.work.job) : prober.probe(p.work.job))).then(
      p.resolve as (v: unknown) => void,
      p.reject,
    );
  }
}
