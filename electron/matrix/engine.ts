// The scan engine: every selected profile against every cluster any of them can describe. Discovery and
// probes run as a pipeline (a cluster's cells start as soon as one profile has described it), under separate
// limits for AWS calls (per account) and Kubernetes requests; results stream out cell by cell.
import { EventEmitter, setMaxListeners } from 'node:events';
import type { STSClient } from '@aws-sdk/client-sts';
import { createScanAwsClients, type ScanAwsClients } from '../clusters/aws-clients.js';
import { discoverInRegion } from '../clusters/discover.js';
import { isThrottled } from '../clusters/errors.js';
import { ClusterRegistry } from '../clusters/registry.js';
import { regionsToSearch } from '../clusters/regions.js';
import type { DiscoveredCluster, DiscoveryDenial, DiscoveryFailure } from '../clusters/types.js';
import { KubeProbes } from '../probe/kube-probes.js';
import { makeToken, ProbeCancelled } from '../probe/probe-job.js';
import type { CellResult } from '../probe/types.js';
import { MfaSessionStore } from '../profiles/credentials.js';
import type { Env, ProfilesDeps } from '../profiles/deps.js';
import { loadProfiles, regionFor, type LoadedProfiles, type ProfileDescriptor } from '../profiles/load.js';
import { generateTokenAs } from '../token/generate.js';
import { partitionOfRegion } from '../token/sts-endpoint.js';
import type { MatrixSnapshot, ScanEvent } from './events.js';
import { FairLimiter } from '../common/fair-limiter.js';
import { limitHeapGrowth } from './heap-policy.js';
import { noCredentialsCell } from './no-credentials-cell.js';
import { unreachableCell } from './unreachable-cell.js';
import { KeyedLimiter, Limiter } from '../common/limiter.js';
import { rejectedCredentials, resolveProfileForScan, type ProfileCredentials } from './profile-credentials.js';
import { scanSettings, type ScanSettings } from './settings.js';
import { eventsUntilDone } from './event-stream.js';
import { cellKey, TOKEN_ENDPOINT_ONLY, toScanCluster, type Row, type Run } from './scan-run.js';
import { unknownProfileMessage } from '../common/unknown-profile.js';

export interface ScanDeps {
  env: Env;
  now?: () => Date;
  /** MFA sessions the app already holds (Profiles page); a scan never asks for a code. */
  mfa?: MfaSessionStore;
  /** How long one profile's credentials may take (default: the env's EAD_CREDENTIAL_TIMEOUT_MS, else 20 s). */
  credentialTimeoutMs?: number;
  /** Rows besides the config's profiles (an IAM Identity Center sign-in's identities), always scanned; nothing is written for them. */
  extraProfiles?: ProfileDescriptor[];
}

/** Unknown profile names and similar: the caller's mistake (CLI exit 2). */
export class ScanArgumentError extends Error {}

/** Which cells to probe again: one cell (both), a row (profile), a column (clusterArn), or everything. */
export interface RerunSelector {
  profile?: string;
  clusterArn?: string;
}


export class MatrixScan extends EventEmitter {
  readonly settings: ScanSettings;
  /** Resolves with the matrix when the initial scan ends (completed or cancelled); rejects on a setup error. */
  readonly done: Promise<MatrixSnapshot>;

  private readonly deps: ProfilesDeps;
  private readonly mfa: MfaSessionStore;
  private readonly aws: ScanAwsClients;
  private readonly kube: KubeProbes;
  /** Cells in progress (token made, client built): bounded, and fair across clusters. */
  private readonly cellSlots: FairLimiter;
  private readonly awsPerAccount: KeyedLimiter;
  private readonly identity: Limiter;
  private readonly registry = new ClusterRegistry();
  private readonly rows = new Map<string, Row>();
  private readonly cells = new Map<string, CellResult>();
  private readonly denials: DiscoveryDenial[] = [];
  private readonly failures: DiscoveryFailure[] = [];
  private readonly runs = new Set<Run>();
  private loaded?: LoadedProfiles;
  private regions: string[] = [];
  private startedAt = performance.now();
  private elapsedMs = 0;
  private cancelled = false;
  private initialStarted = false;
  private cancelledBeforeStart = false;
  private nextRunId = 1;
  private awsRequests = 0;
  private awsInFlight = 0;
  private peakAwsInFlight = 0;
  private readonly discoveryCalls = new Map<string, number>();
  private readonly tokenStsByRegion = new Map<string, STSClient>();
  private readonly extraProfiles: ProfileDescriptor[];

  constructor(settings: Partial<ScanSettings>, deps: ScanDeps) {
    super();
    limitHeapGrowth();
    this.settings = scanSettings(settings);
    this.aws = createScanAwsClients(deps.env, {
      requestTimeoutMs: this.settings.timeoutMs,
      maxAttempts: this.settings.awsMaxAttempts,
      onRequest: (delta) => {
        if (delta === 1) this.awsRequests++;
        this.awsInFlight += delta;
        if (this.awsInFlight > this.peakAwsInFlight) this.peakAwsInFlight = this.awsInFlight;
      },
    });
    const now = deps.now ?? (() => new Date());
    this.deps = { env: deps.env, now, aws: this.aws, checkTimeoutMs: this.settings.timeoutMs, credentialTimeoutMs: deps.credentialTimeoutMs };
    this.mfa = deps.mfa ?? new MfaSessionStore();
    this.extraProfiles = deps.extraProfiles ?? [];
    const kubeSettings = {
      kubeConcurrency: this.settings.kubeConcurrency,
      kubeConcurrencyPerCluster: this.settings.kubeConcurrencyPerCluster,
      timeoutMs: this.settings.timeoutMs,
      kubeRetry: this.settings.kubeRetry,
    };
    this.kube = new KubeProbes(kubeSettings, { thread: this.settings.probeThread });
    this.cellSlots = new FairLimiter(this.settings.kubeConcurrency, this.settings.kubeConcurrencyPerCluster);
    this.awsPerAccount = new KeyedLimiter(this.settings.awsConcurrencyPerAccount);
    this.identity = new Limiter(this.settings.awsConcurrencyPerAccount * 2);
    // Started on the next turn so listeners attached right after construction see every event.
    this.done = new Promise<void>((r) => setImmediate(r)).then(() => this.runInitial());
    this.done.catch(() => {});
  }

  /** Every event until the end of the current run (initial scan or re-run); attach before awaiting. */
  events(): AsyncIterableIterator<ScanEvent> {
    return eventsUntilDone<ScanEvent>(this);
  }

  /** Stops every run in progress: cells not yet answered are left out, 'done' says cancelled. */
  cancel(): void {
    // The initial run starts on the next turn: a cancel before then must still stop it.
    if (!this.initialStarted) this.cancelledBeforeStart = true;
    for (const run of this.runs) run.controller.abort(new Error('scan cancelled'));
  }

  /** Probes the selected cells again (credentials that had failed are resolved again); streams as a run. */
  async rerun(selector: RerunSelector = {}): Promise<CellResult[]> {
    await this.done.catch(() => undefined);
    if (!this.loaded) throw new Error('the scan did not start');
    const rows = selector.profile ? [this.row(selector.profile)] : [...this.rows.values()];
    let clusters = this.registry.list();
    if (selector.clusterArn) {
      const c = this.registry.get(selector.clusterArn);
      if (!c) throw new ScanArgumentError(`no cluster with ARN ${selector.clusterArn} in this matrix`);
      clusters = [c];
    }
    const run = this.newRun(true, () => rows.length * clusters.length);
    for (const row of rows) {
      if (!(await row.creds).ok) this.resolveRow(row, run);
    }
    const results = await Promise.all(rows.flatMap((row) => clusters.map((c) => this.cell(row, c, run))));
    this.finishRun(run);
    return results.filter((r): r is CellResult => r !== undefined);
  }

  snapshot(): MatrixSnapshot {
    const clusters = this.registry.list();
    const cells: CellResult[] = [];
    for (const row of this.rows.values()) {
      for (const c of clusters) {
        const cell = this.cells.get(cellKey(row.view.name, c.arn));
        if (cell) cells.push(cell);
      }
    }
    return {
      profiles: [...this.rows.values()].map((r) => ({ ...r.view })),
      clusters: clusters.map(toScanCluster),
      cells,
      denials: [...this.denials],
      failures: [...this.failures],
      regions: [...this.regions],
      elapsedMs: this.elapsedMs,
      cancelled: this.cancelled,
      stats: {
        awsRequests: this.awsRequests,
        kubeRequests: this.kube.stats().requests,
        peakKubeInFlight: this.kube.stats().peakInFlight,
        probeThread: this.kube.thread,
        ...(this.kube.fallbackReason ? { probeThreadFallback: this.kube.fallbackReason } : {}),
        peakAwsInFlight: this.peakAwsInFlight,
        settings: (({ kubeConcurrency, kubeConcurrencyPerCluster, awsConcurrencyPerAccount, timeoutMs }) => ({ kubeConcurrency, kubeConcurrencyPerCluster, awsConcurrencyPerAccount, timeoutMs }))(this.settings),
        accounts: this.awsPerAccount.keys.length,
        discoveryCallsByAccount: Object.fromEntries(this.discoveryCalls),
      },
    };
  }

  /** Ends the scan (cancelled if still running); it cannot probe after this. Kept-alive connections stay in the process for the next scan. */
  close(): void {
    this.cancel();
    this.kube.close();
    this.aws.destroy();
  }

  private emitEvent(e: ScanEvent): void {
    this.emit('event', e);
  }

  private row(name: string): Row {
    const row = this.rows.get(name);
    if (!row) throw new ScanArgumentError(unknownProfileMessage(name));
    return row;
  }

  private newRun(rerun: boolean, total: () => number): Run {
    const controller = new AbortController();
    // Every waiting call listens for the abort; thousands may wait at once.
    setMaxListeners(0, controller.signal);
    const id = this.nextRunId++;
    controller.signal.addEventListener('abort', () => this.kube.cancelRun(id), { once: true });
    const run: Run = { id, controller, reach: new Map(), started: performance.now(), done: 0, total, discovering: !rerun, rerun };
    if (!rerun) {
      this.initialStarted = true;
      if (this.cancelledBeforeStart) controller.abort(new Error('scan cancelled'));
    }
    this.runs.add(run);
    return run;
  }

  private finishRun(run: Run): void {
    this.runs.delete(run);
    this.kube.endRun(run.id);
    const cancelled = run.controller.signal.aborted;
    const elapsedMs = Math.round(performance.now() - run.started);
    if (!run.rerun) {
      this.elapsedMs = elapsedMs;
      this.cancelled = cancelled;
    }
    this.emitEvent({ type: 'done', cancelled, elapsedMs, rerun: run.rerun });
  }

  private progress(run: Run): void {
    this.emitEvent({ type: 'progress', done: run.done, total: run.total(), elapsedMs: Math.round(performance.now() - run.started), discovering: run.discovering });
  }

  private async runInitial(): Promise<MatrixSnapshot> {
    this.startedAt = performance.now();
    const loaded = (this.loaded = await loadProfiles(this.deps.env));
    for (const e of this.extraProfiles) if (!loaded.profiles.some((p) => p.name === e.name)) loaded.profiles.push(e);
    const wanted = this.settings.profiles;
    let descriptors = loaded.profiles;
    if (wanted?.length) {
      const unknown = wanted.filter((n) => !loaded.profiles.some((p) => p.name === n));
      if (unknown.length) throw new ScanArgumentError(unknownProfileMessage(unknown, loaded.files));
      const names = [...wanted, ...this.extraProfiles.map((e) => e.name).filter((n) => !wanted.includes(n))];
      descriptors = names.map((n) => loaded.profiles.find((p) => p.name === n)!);
    }
    const run = this.newRun(false, () => this.rows.size * this.registry.size);
    run.started = this.startedAt;
    this.regions = regionsToSearch(
      descriptors.map((d) => regionFor(d, this.deps)),
      this.deps.env.AWS_REGION || this.deps.env.AWS_DEFAULT_REGION || 'us-east-1',
      this.settings.regions,
    );
    for (const d of descriptors) {
      const row: Row = { descriptor: d, view: { name: d.name, type: d.type, region: d.region, status: 'pending' }, creds: Promise.resolve({ ok: false, status: 'error', code: 'Pending', message: '' }) };
      this.rows.set(d.name, row);
      this.resolveRow(row, run);
    }
    const cellsInFlight: Promise<unknown>[] = [];
    const listener = {
      cluster: (described: Omit<DiscoveredCluster, 'describedBy'>, profile: string) => {
        const { cluster, isNew } = this.registry.add(described, profile);
        if (!isNew) return;
        this.emitEvent({ type: 'cluster', cluster: toScanCluster(cluster) });
        for (const row of this.rows.values()) cellsInFlight.push(this.cell(row, cluster, run));
      },
      denied: (denial: DiscoveryDenial) => {
        this.denials.push(denial);
        this.emitEvent({ type: 'denied', denial });
      },
      failed: (failure: DiscoveryFailure) => {
        this.failures.push(failure);
        this.emitEvent({ type: 'discovery-failed', failure });
      },
    };
    const signal = run.controller.signal;
    /** account/region/name of clusters some profile is already describing. */
    const claimed = new Set<string>();
    await Promise.all(
      [...this.rows.values()].map(async (row) => {
        const pc = await row.creds;
        // Keys AWS rejects find nothing; keys whose identity check was only throttled may well describe clusters.
        const rejected = pc.ok && pc.identityError && !isThrottled({ code: pc.identityError.code, message: pc.identityError.message });
        if (!pc.ok || rejected || signal.aborted) return;
        const account = pc.account ?? 'unknown';
        const limiter = this.awsPerAccount.for(account);
        const runCall = <T>(call: () => Promise<T>, priority?: 'high' | 'low') => {
          this.discoveryCalls.set(account, (this.discoveryCalls.get(account) ?? 0) + 1);
          return limiter.run(call, signal, priority);
        };
        // A key works only in its own partition: China's and GovCloud's regions are other AWSs to a commercial key.
        const partition = /^arn:([^:]+):/.exec(pc.identityArn ?? '')?.[1] ?? partitionOfRegion(regionFor(row.descriptor, this.deps));
        await Promise.all(
          this.regions.filter((region) => partitionOfRegion(region) === partition).map((region) => {
            const claim = (name: string) => {
              if (!pc.account) return true;
              const key = `${pc.account}/${region}/${name}`;
              if (claimed.has(key)) return false;
              claimed.add(key);
              return true;
            };
            return discoverInRegion(row.view.name, region, this.aws.eks(region, pc.credentials), runCall, listener, signal, claim);
          }),
        );
      }),
    );
    run.discovering = false;
    // Cells scheduled while we waited are in cellsInFlight; none are added after discovery ends.
    await Promise.all(cellsInFlight);
    this.progress(run);
    this.finishRun(run);
    return this.snapshot();
  }

  /** (Re)starts resolving a row's credentials; reports the profile when known. */
  private resolveRow(row: Row, run: Run): void {
    row.view = { name: row.view.name, type: row.view.type, region: row.view.region, status: 'pending' };
    row.creds = this.identity
      .run(() => resolveProfileForScan(row.descriptor, this.loaded!, this.deps, this.mfa, run.controller.signal), run.controller.signal)
      .catch((err: unknown) => ({ ok: false as const, status: 'error', code: 'Cancelled', message: String((err as Error)?.message ?? err) }));
    void row.creds.then((pc) => {
      if (pc.ok) {
        row.view = {
          ...row.view,
          status: pc.identityError ? pc.identityError.status : 'valid',
          ...(pc.identityArn ? { identityArn: pc.identityArn } : {}),
          ...(pc.account ? { account: pc.account } : {}),
          ...(pc.identityError ? { error: { code: pc.identityError.code, message: pc.identityError.message } } : {}),
        };
      } else {
        row.view = { ...row.view, status: pc.status, error: { code: pc.code, message: pc.message } };
      }
      if (!run.controller.signal.aborted) this.emitEvent({ type: 'profile', profile: { ...row.view } });
    });
  }

  /** One cell: waits for the row's credentials, probes (or says NO_CREDENTIALS, or ERROR when throttled), records and streams it. */
  private async cell(row: Row, cluster: DiscoveredCluster, run: Run): Promise<CellResult | undefined> {
    const signal = run.controller.signal;
    const started = performance.now();
    try {
      const pc = await row.creds;
      let result: CellResult;
      if (signal.aborted) return undefined;
      // Credentials AWS rejects (a deleted key, an expired session) make no token worth probing either.
      const unusable = pc.ok ? rejectedCredentials(pc) : pc;
      if (unusable) result = noCredentialsCell(row.view.name, cluster.arn, unusable, Math.round(performance.now() - started));
      else result = await this.probe(row, pc as Extract<typeof pc, { ok: true }>, cluster, run);
      if (signal.aborted) return undefined;
      this.cells.set(cellKey(result.profile, result.clusterArn), result);
      run.done++;
      this.emitEvent({ type: 'cell', cell: result });
      this.progress(run);
      return result;
    } catch (err) {
      if (err instanceof ProbeCancelled || signal.aborted) return undefined;
      throw err;
    }
  }

  private async probe(row: Row, pc: Extract<ProfileCredentials, { ok: true }>, cluster: DiscoveredCluster, run: Run): Promise<CellResult> {
    const started = performance.now();
    const signal = run.controller.signal;
    const target = {
      profile: row.view.name,
      // Only what the probe needs: the target is copied to the Kubernetes worker for every cell.
      cluster: { arn: cluster.arn, name: cluster.name, endpoint: cluster.endpoint, caData: cluster.caData },
      describedVia: cluster.describedBy[0],
      ...(pc.identityArn ? { identityArn: pc.identityArn } : {}),
    };
    let reach = run.reach.get(cluster.arn);
    if (!reach && cluster.endpoint && cluster.caData) {
      run.reach.set(cluster.arn, (reach = this.kube.reach({ run: run.id, endpoint: cluster.endpoint, caData: cluster.caData })));
    }
    const reached = reach ? await reach : undefined;
    if (signal.aborted) throw new ProbeCancelled('cancelled');
    if (reached && !reached.reachable) return unreachableCell(target, cluster, reached, Math.round(performance.now() - started));
    // The token is made when the cell's turn comes (tokens are short-lived), on this thread, which holds the credentials.
    const result = await this.cellSlots.run(
      cluster.arn,
      async () => {
        const token = await makeToken(async () => (await generateTokenAs(this.tokenSts(cluster.region), pc.credentials, cluster.name)).token);
        if (signal.aborted) throw new ProbeCancelled('cancelled');
        return this.kube.probe({ run: run.id, target, token });
      },
      signal,
    );
    if (reached) result.evidence.steps.unshift({ call: 'connect', ok: true, attempts: 1, ms: reached.ms });
    result.ms = Math.round(performance.now() - started);
    return result;
  }

  /** The STS client a token for this region (the cluster's, as update-kubeconfig writes) is presigned for; each profile signs its own. */
  private tokenSts(region: string): STSClient {
    let sts = this.tokenStsByRegion.get(region);
    if (!sts) this.tokenStsByRegion.set(region, (sts = this.aws.sts(region, TOKEN_ENDPOINT_ONLY)));
    return sts;
  }
}
