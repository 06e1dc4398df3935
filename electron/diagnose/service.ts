// The app's diagnosis service behind the contract: diagnose a cell and hand back a redacted view model, keep the
// last diagnosis of each cell for the wizards, export the Markdown report, and probe a cell again after a change.
// The report and the re-probe (the Kubernetes probe code) load when first asked for: `diagnose` needs neither.
import { ContractError } from '../../shared/contract-kit.js';
import type { DiagnosisView, ReportExportResult } from '../../shared/diagnosis-types.js';
import type { MatrixEventPayload } from '../../shared/matrix-types.js';
import { envSecrets, redactKnown } from '../../shared/redact.js';
import { firstLine } from '../common/first-line.js';
import type { MatrixSnapshot } from '../matrix/events.js';
import type { DirectProbe, Reprobed } from '../matrix/reprobe.js';
import type { MatrixService } from '../matrix/service.js';
import type { MfaSessionStore } from '../profiles/credentials.js';
import type { Env } from '../profiles/deps.js';
import type { ProfileDescriptor } from '../profiles/load.js';
import { DiagnoseArgumentError, diagnoseCell, type DiagnoseDeps } from './diagnose.js';
import { execSearchPath } from './exec-login-path.js';
import type { Diagnosis, Evidence } from './types.js';
import { diagnosisView } from './view.js';

export interface CellRequest {
  profile: string;
  clusterArn: string;
}

export interface DiagnosisDeps {
  env: Env;
  /** The app's matrix (the CLI has none: it scans for the one cell it diagnoses). */
  matrix?: MatrixService;
  /** Subscribes to matrix events (the EventHub); returns the unsubscribe. */
  onMatrixEvent?: (listener: (payload: MatrixEventPayload) => void) => () => void;
  /** What the host already has for a cell it asks about (the CLI's scan for it, kubectl's run started alongside): no new scan. */
  given?: (req: CellRequest) => Pick<DiagnoseDeps, 'matrix' | 'kubectl'> | undefined;
  mfa?: () => MfaSessionStore | undefined;
  now?: () => Date;
  /** Per AWS / Kubernetes call of the diagnosis. */
  timeoutMs?: number;
  reprobeTimeoutMs?: number;
  /** Opened from a GUI launcher: aws and kubectl are looked up on the login shell's PATH, as in the user's terminal. */
  fromGui?: boolean;
  /** The IAM Identity Center identity shown under a profile name the config file does not have yet. */
  unsavedIdentity?: (profile: string) => Promise<{ descriptor: ProfileDescriptor } | undefined>;
}

type Known = Pick<DiagnoseDeps, 'kubectl'>;

export interface DiagnosedCell {
  diagnosis: Diagnosis;
  evidence: Evidence;
}

const MAX_KEPT = 50;

/** Keeps at most MAX_KEPT entries, oldest out first. */
function keep<T>(map: Map<string, T>, id: string, value: T): void {
  map.set(id, value);
  while (map.size > MAX_KEPT) map.delete(map.keys().next().value!);
}

export class DiagnosisService {
  private readonly views = new Map<string, DiagnosisView>();
  /** The last diagnosis of each cell with its evidence, for the wizards (never sent to the renderer). */
  private readonly results = new Map<string, DiagnosedCell>();
  /** The diagnosis of each cell under way: a report asked for meanwhile waits for it rather than give the older answer. */
  private readonly running = new Map<string, Promise<DiagnosisView>>();

  constructor(private readonly deps: DiagnosisDeps) {}

  readonly redact = (text: string) => redactKnown(text, envSecrets(this.deps.env));

  private snapshot(): MatrixSnapshot | undefined {
    try {
      return this.deps.matrix?.current();
    } catch {
      return undefined;
    }
  }

  /** `known`: what the caller has already found out for this cell (kubectl's run of the context), used as is. */
  run(req: CellRequest, known?: Known): Promise<DiagnosisView> {
    const key = `${req.profile}\n${req.clusterArn}`;
    const running = this.diagnose(req, known);
    this.running.set(key, running);
    const settled = () => {
      if (this.running.get(key) === running) this.running.delete(key);
    };
    running.then(settled, settled);
    return running;
  }

  private async diagnose(req: CellRequest, known?: Known): Promise<DiagnosisView> {
    const started = Date.now();
    const matrix = this.snapshot();
    let result;
    try {
      result = await this.diagnoseRow(req, matrix, undefined, known);
    } catch (err) {
      // A matrix row of an unsaved identity: diagnosed as the identity (listing the sign-in only then).
      if (!(err instanceof ContractError && err.code === 'PROFILE_NOT_FOUND')) throw err;
      const unsaved = (await this.deps.unsavedIdentity?.(req.profile))?.descriptor;
      if (!unsaved) throw err;
      result = await this.diagnoseRow(req, matrix, unsaved, known);
    }
    const view = diagnosisView(result.diagnosis, result.evidence, this.redact, Date.now() - started);
    keep(this.views, `${req.profile}\n${req.clusterArn}`, view);
    keep(this.results, `${req.profile}\n${req.clusterArn}`, result);
    return view;
  }

  private async diagnoseRow(req: CellRequest, matrix: MatrixSnapshot | undefined, unsaved?: ProfileDescriptor, known?: Known): Promise<DiagnosedCell> {
    const given = { ...this.deps.given?.(req), ...known };
    try {
      return await diagnoseCell(req.profile, req.clusterArn, {
        ...(unsaved ? { unsaved } : {}),
        env: this.deps.env,
        ...(this.deps.now ? { now: this.deps.now } : {}),
        ...(this.deps.mfa?.() ? { mfa: this.deps.mfa()! } : {}),
        ...(this.deps.timeoutMs ? { timeoutMs: this.deps.timeoutMs } : {}),
        ...(this.deps.fromGui ? { fromGui: true } : {}),
        // The app's matrix already holds this cell's row and column: no new scan.
        ...(matrix && matrix.cells.some((c) => c.profile === req.profile && c.clusterArn === req.clusterArn) ? { matrix } : {}),
        ...given,
      });
    } catch (err) {
      // An unknown profile is the UnknownProfileError itself (one wording): dispatch makes it PROFILE_NOT_FOUND.
      if (err instanceof ContractError) throw err;
      if (err instanceof DiagnoseArgumentError) throw new ContractError('BAD_REQUEST', this.redact(firstLine(err)));
      throw new ContractError('DIAGNOSIS_FAILED', `The diagnosis could not finish: ${this.redact(firstLine(err))}`);
    }
  }

  /** The cell's last diagnosis and evidence; diagnosed now when there is none. */
  async diagnosed(req: CellRequest): Promise<DiagnosedCell> {
    const key = `${req.profile}\n${req.clusterArn}`;
    if (!this.results.has(key)) await this.run(req);
    return this.results.get(key)!;
  }

  async report(req: CellRequest): Promise<ReportExportResult> {
    const key = `${req.profile}\n${req.clusterArn}`;
    const latest = await this.running.get(key)?.catch(() => undefined);
    const view = latest ?? this.views.get(key) ?? (await this.run(req));
    const { reportFile } = await import('./report-markdown.js');
    return reportFile(view, this.deps.now?.() ?? new Date(), this.redact);
  }

  /** The environment kubectl runs with: from a GUI launcher, with the login shell's PATH. */
  async kubectlEnv(): Promise<Env> {
    if (!this.deps.fromGui) return this.deps.env;
    const PATH = await execSearchPath(this.deps.env, { fromGui: true });
    return PATH ? { ...this.deps.env, PATH } : this.deps.env;
  }

  /** Re-runs the matrix cell and waits for its new result; with `direct`, probes it directly when the matrix does not answer. */
  async reprobe(profile: string, clusterArn: string, direct?: DirectProbe): Promise<Reprobed> {
    const { reprobeAfterChange } = await import('../matrix/reprobe.js');
    const { matrix, onMatrixEvent } = this.deps;
    const viaMatrix = matrix && onMatrixEvent ? { matrix: { matrix, onMatrixEvent, timeoutMs: this.deps.reprobeTimeoutMs, redact: this.redact } } : {};
    return reprobeAfterChange({ ...viaMatrix, ...(direct ? { direct } : {}) }, profile, clusterArn);
  }
}
