// The one-click update-kubeconfig behind the contract: preview, apply and undo with the plan kept here (the renderer
// only holds its id); after a write, the cell is probed again and the real `kubectl get svc` runs (unless the
// request says verify: false, as the CLI's update-kubeconfig does). Each failure carries the words its source gave
// it (AWS's error code, the file's line) beside the app's own, for the CLI to print.
import { randomBytes } from 'node:crypto';
import { parseClusterArn } from '../../shared/cluster-arn.js';
import { ContractError } from '../../shared/contract-kit.js';
import type { ParsedRequestOf } from '../../shared/contract.js';
import type { KubeconfigApplyResult, KubeconfigPlanResult, KubeconfigUndoResult, NeedsSavedProfile } from '../../shared/diagnosis-types.js';
import { firstLine } from '../common/first-line.js';
import { kubectlGetSvc, type KubectlRunOptions } from '../kubectl/get-svc.js';
import type { MfaSessionStore } from '../profiles/credentials.js';
import type { Env } from '../profiles/deps.js';
import { loadProfiles, type ProfileDescriptor } from '../profiles/load.js';
import type { BackupRecordSink } from './apply.js';
import { failureOrigin } from './failure-origin.js';
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
  /** The file to write: the host's setting (the CLI's --kubeconfig), never a request's (the renderer names no file). */
  kubeconfig?: string;
  /** An IAM Identity Center identity shown under this name without a profile yet (the plan then asks to save it first). */
  unsavedIdentity?: (profile: string) => Promise<{ needs: NeedsSavedProfile; descriptor: ProfileDescriptor } | undefined>;
}

interface StoredPlan {
  plan: UpdatePlan;
  profile: string;
  clusterArn: string;
  /** The identity the profile must be saved as before the write (its exec names the profile). */
  unsaved?: ProfileDescriptor;
}

const MAX_KEPT = 50;

const KUBECONFIG_CHANGED_MESSAGE = 'Your kubeconfig changed since the preview — review the new preview';

const newId = () => randomBytes(12).toString('base64url');

export type KubeconfigPlanRequest = ParsedRequestOf<'kubeconfig.plan'>;

export class KubeconfigService {
  private readonly plans = new Map<string, StoredPlan>();
  private readonly undos = new UndoableWrites();

  constructor(private readonly deps: KubeconfigServiceDeps) {}

  async plan(req: KubeconfigPlanRequest): Promise<KubeconfigPlanResult> {
    // The schema gives either the ARN, or the cluster's name (and maybe its region).
    const arn = req.clusterArn ? parseClusterArn(req.clusterArn)! : { name: req.cluster!, region: req.region };
    const unsaved = await this.unsavedFor(req.profile);
    let plan: UpdatePlan;
    try {
      plan = await planUpdateForProfile({
        ...(unsaved ? { unsaved: unsaved.descriptor } : {}),
        env: this.deps.env,
        profile: req.profile,
        cluster: arn.name,
        ...(arn.region ? { region: arn.region } : {}),
        ...(req.roleArn ? { roleArn: req.roleArn } : {}),
        ...(req.assumeRoleArn ? { assumeRoleArn: req.assumeRoleArn } : {}),
        ...(req.alias ? { alias: req.alias } : {}),
        ...(req.userAlias ? { userAlias: req.userAlias } : {}),
        ...(this.deps.kubeconfig ? { kubeconfig: this.deps.kubeconfig } : {}),
        ...(req.pinProfile ? { pinProfile: true } : {}),
        ...(req.keepCurrentContext ? { keepCurrentContext: true } : {}),
        ...(req.appTokenHelper ? { appTokenHelper: true } : {}),
        ...(this.deps.mfa?.() ? { mfa: this.deps.mfa()! } : {}),
        ...(this.deps.now ? { now: this.deps.now } : {}),
      });
    } catch (err) {
      if (err instanceof UnknownProfileError) throw err; // already PROFILE_NOT_FOUND, in the one wording
      const origin = failureOrigin(err);
      if (err instanceof ClusterNotReadyError) throw new ContractError('CLUSTER_NOT_READY', `The cluster is not ready: ${firstLine(err)}`, origin);
      if (err instanceof KubeconfigFileError) throw new ContractError('KUBECONFIG_INVALID', `Your kubeconfig cannot be read, so it is left alone: ${firstLine(err)}`, origin);
      throw new ContractError('PLAN_FAILED', `The preview could not be made with profile ${req.profile}: ${this.deps.redact(firstLine(err))}`, origin);
    }
    // The cluster entry is named after the ARN DescribeCluster gave: another account's cluster of the same name is never written.
    if (req.clusterArn && plan.entries.cluster.name !== req.clusterArn) throw new ContractError('PLAN_FAILED', `Profile ${req.profile} sees ${plan.entries.cluster.name}, not ${req.clusterArn}: nothing to preview`);
    const planId = newId();
    this.plans.set(planId, { plan, profile: req.profile, clusterArn: plan.entries.cluster.name, ...(unsaved ? { unsaved: unsaved.descriptor } : {}) });
    while (this.plans.size > MAX_KEPT) this.plans.delete(this.plans.keys().next().value!);
    const v = planView(plan);
    return {
      planId,
      view: { ...v, diff: this.deps.redact(v.diff), warnings: v.warnings.map(this.deps.redact) },
      ...(unsaved ? { needsSavedProfile: unsaved.needs } : {}),
    };
  }

  /** Only asked when the config has no such profile: listing a sign-in's identities costs portal calls. */
  private async unsavedFor(profile: string) {
    if (!this.deps.unsavedIdentity) return undefined;
    const loaded = await loadProfiles(this.deps.env);
    if (loaded.profiles.some((p) => p.name === profile)) return undefined;
    return this.deps.unsavedIdentity(profile);
  }

  /** The write waits for the profile its exec names: the same identity, saved in the AWS config. */
  private async refuseUnsaved(stored: StoredPlan): Promise<void> {
    const want = stored.unsaved?.sso;
    if (!want) return;
    const saved = (await loadProfiles(this.deps.env)).profiles.find((p) => p.name === stored.profile);
    if (saved?.sso?.accountId === want.accountId && saved?.sso?.roleName === want.roleName) return;
    throw new ContractError(
      'PROFILE_NOT_SAVED',
      `Save ${stored.profile} as a profile first: the kubeconfig entry runs aws with profile ${stored.profile}, which your AWS config does not have yet. Nothing was written.`,
    );
  }

  async apply(req: ParsedRequestOf<'kubeconfig.apply'>): Promise<KubeconfigApplyResult> {
    const stored = this.plans.get(req.planId);
    if (!stored) throw new ContractError('UNKNOWN_PLAN', 'This preview is no longer available — open the fix again for a new preview');
    await this.refuseUnsaved(stored);
    // One preview, one write: a refused write needs a new preview too.
    this.plans.delete(req.planId);
    let applied;
    try {
      applied = await applyPlan(stored.plan, { now: this.deps.now, records: this.deps.records });
    } catch (err) {
      const origin = failureOrigin(err);
      if (err instanceof KubeconfigChangedError) throw new ContractError('KUBECONFIG_CHANGED', `${KUBECONFIG_CHANGED_MESSAGE} (${err.file} was modified; nothing was written).`, origin);
      throw new ContractError('APPLY_FAILED', `The kubeconfig was not written: ${this.deps.redact(firstLine(err))}`, origin);
    }
    const undoId = this.undos.remember(applied.record);
    const written = { message: applied.message, backupPath: applied.backupPath, undoId, backupId: applied.record.id };
    if (req.verify === false) return { ...written, reprobe: { message: 'Not probed again: the request asked for no check' }, kubectlNote: 'kubectl get svc was not run: the request asked for no check' };
    const [reprobe, kubectl] = await Promise.all([
      this.deps.reprobe(stored.profile, stored.clusterArn),
      this.deps.kubectlEnv().then((env) => kubectlGetSvc({ env, context: stored.plan.contextName, ...this.deps.kubectl })),
    ]);
    return {
      ...written,
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
