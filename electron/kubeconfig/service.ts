// The one-click update-kubeconfig behind the contract: preview, apply and undo with the plan kept here (the renderer
// only holds its id); after a write, the cell is probed again and the real `kubectl get svc` runs.
import { randomBytes } from 'node:crypto';
import { parseClusterArn } from '../../shared/cluster-arn.js';
import { ContractError } from '../../shared/contract-kit.js';
import type { KubeconfigApplyResult, KubeconfigPlanResult, KubeconfigUndoResult } from '../../shared/diagnosis-types.js';
import { firstLine } from '../common/first-line.js';
import { kubectlGetSvc, type KubectlRunOptions } from '../kubectl/get-svc.js';
import type { MfaSessionStore } from '../profiles/credentials.js';
import type { Env } from '../profiles/deps.js';
import type { BackupRecordSink } from './apply.js';
import {
  applyPlan, ClusterNotReadyError, KubeconfigChangedError, KubeconfigFileError, planUpdateForProfile, planView,
  UnknownProfileError, type UpdatePlan,
} from './index.js';
import { UndoableWrites } from './undoable-writes.js';

export interface KubeconfigServiceDeps {
  env: Env;
  mfa?: () => MfaSessionStore | undefined;
  now?: () => Date;
  kubectl?: Pick<KubectlRunOptions, 'kubectl' | 'timeoutMs'>;
  /** Where the record of each write goes, for `restore --backup ID` (the app's BackupStore). */
  records: BackupRecordSink;
  /** The environment kubectl runs with (the login shell's PATH from a GUI launcher). */
  kubectlEnv: () => Promise<Env>;
  /** Probes the cell again after the write. */
  reprobe: (profile: string, clusterArn: string) => Promise<KubeconfigApplyResult['reprobe']>;
  redact: (text: string) => string;
}

interface StoredPlan {
  plan: UpdatePlan;
  profile: string;
  clusterArn: string;
}

const MAX_KEPT = 50;

const KUBECONFIG_CHANGED_MESSAGE = 'Your kubeconfig changed since the preview — review the new preview';

const newId = () => randomBytes(12).toString('base64url');

export type KubeconfigPlanRequest = { profile: string; clusterArn: string; pinProfile?: boolean; keepCurrentContext?: boolean; appTokenHelper?: boolean; roleArn?: string; alias?: string };

export class KubeconfigService {
  private readonly plans = new Map<string, StoredPlan>();
  private readonly undos = new UndoableWrites();

  constructor(private readonly deps: KubeconfigServiceDeps) {}

  async plan(req: KubeconfigPlanRequest): Promise<KubeconfigPlanResult> {
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
      throw new ContractError('PLAN_FAILED', `The preview could not be made with profile ${req.profile}: ${this.deps.redact(firstLine(err))}`);
    }
    // The cluster entry is named after the ARN DescribeCluster gave: another account's cluster of the same name is never written.
    if (plan.entries.cluster.name !== req.clusterArn) throw new ContractError('PLAN_FAILED', `Profile ${req.profile} sees ${plan.entries.cluster.name}, not ${req.clusterArn}: nothing to preview`);
    const planId = newId();
    this.plans.set(planId, { plan, profile: req.profile, clusterArn: req.clusterArn });
    while (this.plans.size > MAX_KEPT) this.plans.delete(this.plans.keys().next().value!);
    const v = planView(plan);
    return { planId, view: { ...v, diff: this.deps.redact(v.diff), warnings: v.warnings.map(this.deps.redact) } };
  }

  async apply(req: { planId: string }): Promise<KubeconfigApplyResult> {
    const stored = this.plans.get(req.planId);
    if (!stored) throw new ContractError('UNKNOWN_PLAN', 'This preview is no longer available — open the fix again for a new preview');
    // One preview, one write: a refused write needs a new preview too.
    this.plans.delete(req.planId);
    let applied;
    try {
      applied = await applyPlan(stored.plan, { now: this.deps.now, records: this.deps.records });
    } catch (err) {
      if (err instanceof KubeconfigChangedError) throw new ContractError('KUBECONFIG_CHANGED', `${KUBECONFIG_CHANGED_MESSAGE} (${err.file} was modified; nothing was written).`);
      throw new ContractError('APPLY_FAILED', `The kubeconfig was not written: ${this.deps.redact(firstLine(err))}`);
    }
    const undoId = this.undos.remember(applied.record);
    const [reprobe, kubectl] = await Promise.all([
      this.deps.reprobe(stored.profile, stored.clusterArn),
      this.deps.kubectlEnv().then((env) => kubectlGetSvc({ env, context: stored.plan.contextName, ...this.deps.kubectl })),
    ]);
    return {
      message: applied.message,
      backupPath: applied.backupPath,
      undoId,
      reprobe,
      ...(kubectl
        ? { kubectl: { command: kubectl.command, exitCode: kubectl.exitCode, stdout: this.deps.redact(kubectl.stdout), stderr: this.deps.redact(kubectl.stderr) } }
        : { kubectlNote: 'kubectl is not installed (not found on PATH), so `kubectl get svc` was not run' }),
    };
  }

  async undo(req: { undoId: string }): Promise<KubeconfigUndoResult> {
    return this.undos.undo(req.undoId);
  }
}
