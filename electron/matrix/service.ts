// The app's current access-matrix scan: starts, cancels and re-runs it, forwards its events (tagged with
// the scan's id so the UI can drop a replaced scan's stragglers) and answers for its latest snapshot.
import { ContractError } from '../../shared/contract-kit.js';
import type {
  MatrixEventPayload, MatrixExportResult, MatrixKubectlUse, MatrixProgress, MatrixRerunResult, MatrixScanEvent, MatrixStartResult, MatrixState,
} from '../../shared/matrix-types.js';
import type { MfaSessionStore } from '../profiles/credentials.js';
import type { Env } from '../profiles/deps.js';
import { loadProfiles } from '../profiles/load.js';
import { MatrixScan, ScanArgumentError, type ScanDeps } from './engine.js';
import type { MatrixSnapshot, ScanEvent } from './events.js';
import type { ScanSettings } from './settings.js';
import { exportMatrix } from './export.js';
import { clusterArnOf, kubectlContextUses, type KubectlContextUse } from '../kubeconfig/context-profiles.js';
import { UnknownProfileError } from '../common/unknown-profile.js';

export interface MatrixStartRequest {
  profiles?: string[];
  regions?: string[];
  allRegions?: boolean;
  concurrency?: number;
  /** Also scan every account × role of this IAM Identity Center sign-in. */
  ssoSession?: string;
}

export interface MatrixServiceDeps {
  env: Env;
  /** The MFA sessions the Profiles page holds, so a role unlocked there is scanned with its session. */
  mfa?: () => MfaSessionStore | undefined;
  /** Where events go (the EventHub). */
  emit: (payload: MatrixEventPayload) => void;
  /** Overrides for every scan (tests: shorter timeouts). */
  settings?: Partial<ScanSettings>;
  startScan?: (settings: Partial<ScanSettings>, deps: ScanDeps) => MatrixScan;
  /** Rows for an IAM Identity Center sign-in's identities (matrix.start's ssoSession). */
  ssoRows?: (session: string) => Promise<ScanDeps['extraProfiles']>;
}

export function scanSettingsFor(req: MatrixStartRequest, base: Partial<ScanSettings> = {}): Partial<ScanSettings> {
  return {
    ...base,
    ...(req.profiles ? { profiles: req.profiles } : {}),
    ...(req.regions ? { regions: { only: req.regions } } : req.allRegions ? { regions: { all: true } } : {}),
    ...(req.concurrency ? { kubeConcurrency: req.concurrency } : {}),
  };
}

/** The longest a scan's end waits for the kubeconfig's contexts (a local file read). */
const USES_WAIT_MS = 1000;

export class MatrixService {
  private scan?: MatrixScan;
  private scanId = 0;
  private activeRuns = 0;
  private progress?: MatrixProgress;
  private error?: { code: string; message: string };
  /** A cancel asked for before the scan's run had begun (the engine starts it on the next turn): applied on its first event. */
  private cancelPending = false;
  /** kubeconfig contexts and the profile each one's exec runs as, read when a scan starts. */
  private contextUses?: KubectlContextUse[];

  constructor(private readonly deps: MatrixServiceDeps) {}

  async start(req: MatrixStartRequest): Promise<MatrixStartResult> {
    if (req.profiles?.length) {
      const loaded = await loadProfiles(this.deps.env);
      const unknown = req.profiles.filter((n) => !loaded.profiles.some((p) => p.name === n));
      if (unknown.length) throw new UnknownProfileError(unknown);
    }
    const extraProfiles = req.ssoSession && this.deps.ssoRows ? await this.deps.ssoRows(req.ssoSession) : undefined;
    this.close();
    const scanId = ++this.scanId;
    const start = this.deps.startScan ?? ((s, d) => new MatrixScan(s, d));
    const scan = start(scanSettingsFor(req, this.deps.settings), { env: this.deps.env, mfa: this.deps.mfa?.(), ...(extraProfiles ? { extraProfiles } : {}) });
    this.scan = scan;
    this.activeRuns = 1;
    this.progress = undefined;
    this.error = undefined;
    this.cancelPending = false;
    this.contextUses = undefined;
    this.readUses(scanId, scan);
    scan.done.catch((err: unknown) => {
      if (this.scanId !== scanId) return;
      this.activeRuns = 0;
      const code = err instanceof ScanArgumentError ? 'BAD_SETTINGS' : 'SCAN_FAILED';
      this.error = { code, message: String((err as Error)?.message ?? err).split('\n')[0]! };
      this.emit(scanId, { type: 'failed', ...this.error });
    });
    return { scanId };
  }

  /**
   * Reads which contexts kubectl uses once the scan's discovery has ended (they are matched to the clusters
   * found), not as it starts: the kubeconfig's YAML parse on this thread would hold up the scan's first calls,
   * a first scan's most (the parser's code runs cold). The initial run's 'done' waits for the read (at most
   * USES_WAIT_MS), so the state the page asks for after it has the pairs; events after it keep their order.
   */
  private readUses(scanId: number, scan: MatrixScan): void {
    let read: Promise<unknown> | undefined;
    let held: ScanEvent[] | undefined;
    scan.on('event', (e: ScanEvent) => {
      if (held) return void held.push(e);
      if ((e.type === 'progress' && !e.discovering) || e.type === 'done') {
        read ??= kubectlContextUses(this.deps.env).then((uses) => {
          if (this.scanId === scanId) this.contextUses = uses;
        });
      }
      if (e.type !== 'done' || e.rerun || this.contextUses) return this.forward(scanId, e);
      held = [e];
      let timer: NodeJS.Timeout | undefined;
      void Promise.race([read, new Promise((r) => (timer = setTimeout(r, USES_WAIT_MS)))]).then(() => {
        clearTimeout(timer);
        const events = held!;
        held = undefined;
        for (const x of events) this.forward(scanId, x);
      });
    });
  }

  cancel(): { cancelled: boolean } {
    if (!this.scan || this.activeRuns === 0) return { cancelled: false };
    this.scan.cancel();
    this.cancelPending = true;
    return { cancelled: true };
  }

  async rerun(selector: { profile?: string; clusterArn?: string }): Promise<MatrixRerunResult> {
    const scan = this.scan;
    if (!scan) throw new ContractError('NO_SCAN', 'no scan to re-run: start one first');
    await scan.done.catch(() => undefined);
    if (this.error) throw new ContractError('NO_SCAN', `the scan did not start: ${this.error.message}`);
    const m = scan.snapshot();
    if (selector.profile && !m.profiles.some((p) => p.name === selector.profile)) {
      throw new UnknownProfileError(selector.profile);
    }
    if (selector.clusterArn && !m.clusters.some((c) => c.arn === selector.clusterArn)) {
      throw new ContractError('CLUSTER_NOT_FOUND', `no cluster with ARN ${selector.clusterArn} in this matrix`);
    }
    const rows = selector.profile ? 1 : m.profiles.length;
    const cols = selector.clusterArn ? 1 : m.clusters.length;
    this.activeRuns++;
    // Not awaited: the cells stream as events; the caller gets an answer at once.
    scan.rerun(selector).catch((err: unknown) => {
      if (scan === this.scan) this.emit(this.scanId, { type: 'failed', code: 'RERUN_FAILED', message: String((err as Error)?.message ?? err).split('\n')[0]! });
    });
    return { scanId: this.scanId, cells: rows * cols };
  }

  state(): MatrixState {
    if (!this.scan) return { scanId: 0, running: false };
    const { stats: _stats, ...matrix } = this.scan.snapshot();
    return {
      scanId: this.scanId,
      running: this.activeRuns > 0,
      ...(this.progress ? { progress: this.progress } : {}),
      ...(this.error ? { error: this.error } : {}),
      ...(this.error ? {} : { matrix }),
      ...(this.contextUses ? { kubectl: this.kubectlUses(matrix.clusters) } : {}),
    };
  }

  /**
   * Reads again which contexts kubectl uses (the kubeconfig changed on disk, or the app wrote it); when that moves
   * the cells kubectl uses, the page is told at once rather than at the next scan.
   */
  async refreshKubectlUses(): Promise<void> {
    const scanId = this.scanId;
    const uses = await kubectlContextUses(this.deps.env);
    if (this.scanId !== scanId || !this.scan) return;
    const clusters = this.scan.snapshot().clusters;
    const before = this.contextUses && this.kubectlUses(clusters);
    this.contextUses = uses;
    const after = this.kubectlUses(clusters);
    if (before && JSON.stringify(before) !== JSON.stringify(after)) this.emit(scanId, { type: 'kubectl', uses: after });
  }

  /** The (profile, cluster) pairs kubectl uses, for the clusters found so far. */
  private kubectlUses(clusters: Array<{ arn: string; endpoint: string }>): MatrixKubectlUse[] {
    const out: MatrixKubectlUse[] = [];
    for (const u of this.contextUses ?? []) {
      const clusterArn = clusterArnOf(u, clusters);
      if (clusterArn) out.push({ context: u.context, current: u.current, profile: u.profile, clusterArn });
    }
    return out;
  }

  export(format: 'csv' | 'json'): MatrixExportResult {
    const m = this.current();
    return exportMatrix(m, format);
  }

  /** The matrix so far; throws when there is none. */
  current(): MatrixSnapshot {
    if (!this.scan || this.error) throw new ContractError('NO_SCAN', 'there is no matrix yet: start a scan first');
    return this.scan.snapshot();
  }

  close(): void {
    this.scan?.close();
    this.scan = undefined;
    this.activeRuns = 0;
  }

  private forward(scanId: number, e: ScanEvent): void {
    if (scanId !== this.scanId) return;
    if (this.cancelPending && e.type !== 'done') this.scan?.cancel();
    if (e.type === 'progress') this.progress = e;
    if (e.type === 'done') {
      this.activeRuns = Math.max(0, this.activeRuns - 1);
      if (this.activeRuns === 0) this.cancelPending = false;
    }
    this.emit(scanId, e);
  }

  private emit(scanId: number, event: MatrixScanEvent): void {
    this.deps.emit({ scanId, event });
  }
}
