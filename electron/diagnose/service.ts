// The app's diagnosis service behind the contract: diagnose a cell and hand back a redacted view model; preview,
// apply and undo the one-click update-kubeconfig with the plan kept here (the renderer only holds its id); after
// a write, probe the cell again through the matrix and run the real `kubectl get svc`; export the Markdown report.
import { randomBytes } from 'node:crypto';
import { parseClusterArn } from '../../shared/cluster-arn.js';
import { ContractError } from '../../shared/contract-kit.js';
import type {
  DiagnosisView, KubeconfigApplyResult, KubeconfigPlanResult, KubeconfigUndoResult, ReportExportResult,
} from '../../shared/diagnosis-types.js';
import type { MatrixCell, MatrixEventPayload } from '../../shared/matrix-types.js';
import { DiagnoseArgumentError, diagnoseCell } from './diagnose.js';
import type { Diagnosis, Evidence } from './types.js';
import { execSearchPath } from './exec-login-path.js';
import {
  applyPlan, ClusterNotReadyError, KubeconfigChangedError, KubeconfigFileError, planUpdateForProfile, planView,
  UnknownProfileError, type UpdatePlan,
} from '../kubeconfig/index.js';
import { BackupStore, defaultBackupDir } from '../authmap/backup.js';
import type { MatrixService } from '../matrix/service.js';
import type { MfaSessionStore } from '../profiles/credentials.js';
import { UndoableWrites } from '../kubeconfig/undoable-writes.js';
import { homeDirOf, type Env } from '../profiles/deps.js';
import type { MatrixSnapshot } from '../matrix/events.js';
import { kubectlGetSvc, type KubectlRunOptions } from '../kubectl/get-svc.js';
import { envSecrets, redactKnown } from '../../shared/redact.js';
import { reportFile } from './report-markdown.js';
import { diagnosisView } from './view.js';

export interface DoctorDeps {
  env: Env;
  matrix: MatrixService;
  /** Subscribes to matrix events (the EventHub); returns the unsubscribe. */
  onMatrixEvent: (listener: (payload: MatrixEventPayload) => void) => () => void;
  mfa?: () => MfaSessionStore | undefined;
  now?: () => Date;
  /** Per AWS / Kubernetes call of the diagnosis. */
  timeoutMs?: number;
  reprobeTimeoutMs?: number;
  kubectl?: Pick<KubectlRunOptions, 'kubectl' | 'timeoutMs'>;
  /** Opened from a GUI launcher: aws and kubectl are looked up on the login shell's PATH, as in the user's terminal. */
  fromGui?: boolean;
  /** Where the record of each kubeconfig write goes, for `restore --backup ID` (default ~/.eks-access-doctor/backups/). */
  backupDir?: string;
}

export interface DiagnosedCell {
  diagnosis: Diagnosis;
  evidence: Evidence;
}

interface StoredPlan {
  plan: UpdatePlan;
  profile: string;
  clusterArn: string;
}

const MAX_KEPT = 50;

export const KUBECONFIG_CHANGED_MESSAGE = 'Your kubeconfig changed since the preview — review the new preview';

const newId = () => randomBytes(12).toString('base64url');

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}

/** Keeps at most MAX_KEPT entries, oldest out first. */
function keep<T>(map: Map<string, T>, id: string, value: T): void {
  map.set(id, value);
  while (map.size > MAX_KEPT) map.delete(map.keys().next().value!);
}

export class DoctorService {
  private readonly plans = new Map<string, StoredPlan>();
  private readonly undos = new UndoableWrites();
  private readonly views = new Map<string, DiagnosisView>();
  /** The last diagnosis of each cell with its evidence, for the wizards (never sent to the renderer). */
  private readonly results = new Map<string, DiagnosedCell>();

  constructor(private readonly deps: DoctorDeps) {}

  readonly redact = (text: string) => redactKnown(text, envSecrets(this.deps.env));

  private snapshot(): MatrixSnapshot | undefined {
    try {
      return this.deps.matrix.current();
    } catch {
      return undefined;
    }
  }

  async run(req: { profile: string; clusterArn: string }): Promise<DiagnosisView> {
    const started = Date.now();
    const matrix = this.snapshot();
    let result;
    try {
      result = await diagnoseCell(req.profile, req.clusterArn, {
        env: this.deps.env,
        ...(this.deps.now ? { now: this.deps.now } : {}),
        ...(this.deps.mfa?.() ? { mfa: this.deps.mfa()! } : {}),
        ...(this.deps.timeoutMs ? { timeoutMs: this.deps.timeoutMs } : {}),
        ...(this.deps.fromGui ? { fromGui: true } : {}),
        // The app's matrix already holds this cell's row and column: no new scan.
        ...(matrix && matrix.cells.some((c) => c.profile === req.profile && c.clusterArn === req.clusterArn) ? { matrix } : {}),
      });
    } catch (err) {
      if (err instanceof DiagnoseArgumentError) throw new ContractError('PROFILE_NOT_FOUND', this.redact(firstLine(err)));
      throw new ContractError('DIAGNOSIS_FAILED', `The diagnosis could not finish: ${this.redact(firstLine(err))}`);
    }
    const view = diagnosisView(result.diagnosis, result.evidence, this.redact, Date.now() - started);
    keep(this.views, `${req.profile}\n${req.clusterArn}`, view);
    keep(this.results, `${req.profile}\n${req.clusterArn}`, result);
    return view;
  }

  /** The cell's last diagnosis and evidence; diagnosed now when there is none. */
  async diagnosed(req: { profile: string; clusterArn: string }): Promise<DiagnosedCell> {
    const key = `${req.profile}\n${req.clusterArn}`;
    if (!this.results.has(key)) await this.run(req);
    return this.results.get(key)!;
  }

  async plan(req: { profile: string; clusterArn: string; pinProfile?: boolean; keepCurrentContext?: boolean; appTokenHelper?: boolean; roleArn?: string; alias?: string }): Promise<KubeconfigPlanResult> {
    const arn = parseClusterArn(req.clusterArn)!;
    let plan: UpdatePlan;
    try {
      plan = await planUpdateForProfile({
        env: this.deps.env,
        profile: req.profile,
        cluster: arn.name,
        region: arn.region,
        ...(req.roleArn ? { roleArn: req.roleArn } : {}),
        ...(req.alias ? { alias: req.alias } : {}),
        ...(req.pinProfile ? { pinProfile: true } : {}),
        ...(req.keepCurrentContext ? { keepCurrentContext: true } : {}),
        ...(req.appTokenHelper ? { appTokenHelper: true } : {}),
        ...(this.deps.mfa?.() ? { mfa: this.deps.mfa()! } : {}),
        ...(this.deps.now ? { now: this.deps.now } : {}),
      });
    } catch (err) {
      if (err instanceof UnknownProfileError) throw new ContractError('PROFILE_NOT_FOUND', firstLine(err));
      if (err instanceof ClusterNotReadyError) throw new ContractError('CLUSTER_NOT_READY', `The cluster is not ready: ${firstLine(err)}`);
      if (err instanceof KubeconfigFileError) throw new ContractError('KUBECONFIG_INVALID', `Your kubeconfig cannot be read, so it is left alone: ${firstLine(err)}`);
      throw new ContractError('PLAN_FAILED', `The preview could not be made with profile ${req.profile}: ${this.redact(firstLine(err))}`);
    }
    // The cluster entry is named after the ARN DescribeCluster gave: another account's cluster of the same name is never written.
    if (plan.entries.cluster.name !== req.clusterArn) throw new ContractError('PLAN_FAILED', `Profile ${req.profile} sees ${plan.entries.cluster.name}, not ${req.clusterArn}: nothing to preview`);
    const planId = newId();
    keep(this.plans, planId, { plan, profile: req.profile, clusterArn: req.clusterArn });
    const v = planView(plan);
    return { planId, view: { ...v, diff: this.redact(v.diff), warnings: v.warnings.map(this.redact) } };
  }

  async apply(req: { planId: string }): Promise<KubeconfigApplyResult> {
    const stored = this.plans.get(req.planId);
    if (!stored) throw new ContractError('UNKNOWN_PLAN', 'This preview is no longer available — open the fix again for a new preview');
    // One preview, one write: a refused write needs a new preview too.
    this.plans.delete(req.planId);
    let applied;
    try {
      applied = await applyPlan(stored.plan, { now: this.deps.now, records: new BackupStore(this.deps.backupDir ?? defaultBackupDir(homeDirOf(this.deps.env))) });
    } catch (err) {
      if (err instanceof KubeconfigChangedError) throw new ContractError('KUBECONFIG_CHANGED', `${KUBECONFIG_CHANGED_MESSAGE} (${err.file} was modified; nothing was written).`);
      throw new ContractError('APPLY_FAILED', `The kubeconfig was not written: ${this.redact(firstLine(err))}`);
    }
    const undoId = this.undos.remember(applied.record);
    const [reprobe, kubectl] = await Promise.all([
      this.reprobe(stored.profile, stored.clusterArn),
      this.kubectlEnv().then((env) => kubectlGetSvc({ env, context: stored.plan.contextName, ...this.deps.kubectl })),
    ]);
    return {
      message: applied.message,
      backupPath: applied.backupPath,
      undoId,
      reprobe,
      ...(kubectl
        ? { kubectl: { command: kubectl.command, exitCode: kubectl.exitCode, stdout: this.redact(kubectl.stdout), stderr: this.redact(kubectl.stderr) } }
        : { kubectlNote: 'kubectl is not installed (not found on PATH), so `kubectl get svc` was not run' }),
    };
  }

  async undo(req: { undoId: string }): Promise<KubeconfigUndoResult> {
    return this.undos.undo(req.undoId);
  }

  async report(req: { profile: string; clusterArn: string }): Promise<ReportExportResult> {
    const view = this.views.get(`${req.profile}\n${req.clusterArn}`) ?? (await this.run(req));
    return reportFile(view, this.deps.now?.() ?? new Date(), this.redact);
  }

  async kubectlEnv(): Promise<Env> {
    if (!this.deps.fromGui) return this.deps.env;
    const PATH = await execSearchPath(this.deps.env, { fromGui: true });
    return PATH ? { ...this.deps.env, PATH } : this.deps.env;
  }

  /** Re-runs the matrix cell and waits for its new result. */
  async reprobe(profile: string, clusterArn: string): Promise<KubeconfigApplyResult['reprobe']> {
    const timeoutMs = this.deps.reprobeTimeoutMs ?? 60_000;
    let unsubscribe = () => {};
    const cell = new Promise<MatrixCell | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      unsubscribe = this.deps.onMatrixEvent(({ event }) => {
        if (event.type === 'cell' && event.cell.profile === profile && event.cell.clusterArn === clusterArn) {
          clearTimeout(timer);
          resolve(event.cell);
        } else if (event.type === 'failed') {
          clearTimeout(timer);
          resolve(undefined);
        }
      });
    });
    try {
      await this.deps.matrix.rerun({ profile, clusterArn });
    } catch (err) {
      unsubscribe();
      return { message: `The cell was not probed again: ${firstLine(err)}` };
    }
    const result = await cell;
    unsubscribe();
    if (!result) return { message: `The cell's new probe did not finish within ${Math.round(timeoutMs / 1000)} s` };
    return { outcome: result.outcome, ...(result.username !== undefined ? { username: result.username } : {}), ...(result.message ? { message: this.redact(result.message) } : {}) };
  }
}
