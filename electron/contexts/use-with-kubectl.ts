// "Use with kubectl": a context and the AWS profile it should run as → preview (the kubeconfig diff), write with a
// backup (the kubeconfig's own safe write), undo. The plan stays here; the renderer holds its id only.
import { randomBytes } from 'node:crypto';
import { ContractError } from '../../shared/contract-kit.js';
import type { UseWithKubectlApplyResult, UseWithKubectlPlanView, UseWithKubectlUndoResult } from '../../shared/contexts-types.js';
import { shellArg } from '../../shared/shell-arg.js';
import { redactFileLines } from '../../shared/redact.js';
import { backupStoreFor } from '../authmap/backup.js';
import { UndoableWrites } from '../kubeconfig/undoable-writes.js';
import {
  applyPlan, contextNamed, KubeconfigChangedError, KubeconfigFileError, loadMergedKubeconfig, planSetProfile, relaidOutNote, SetProfileError,
  type SetProfilePlan,
} from '../kubeconfig/index.js';
import { loadProfiles } from '../profiles/load.js';
import { describeContext } from './describe.js';
import { checkContext, type ContextsDeps } from './service.js';
import { UnknownProfileError } from '../common/unknown-profile.js';

const MAX_KEPT = 50;
const newId = () => randomBytes(12).toString('base64url');
const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!;

function keep<T>(map: Map<string, T>, id: string, value: T): void {
  map.set(id, value);
  while (map.size > MAX_KEPT) map.delete(map.keys().next().value!);
}

/**
 * `export AWS_PROFILE` is the whole story only when the entry names no profile of its own: a profile in the exec
 * env or args wins over the shell's, so then the terminal equivalent is the same edit, made with kubectl.
 */
function terminalEquivalent(plan: SetProfilePlan, profile: string, ownProfile: boolean): Pick<UseWithKubectlPlanView, 'terminal' | 'terminalTitle'> {
  const check = `kubectl --context ${shellArg(plan.context)} get svc`;
  if (!ownProfile) {
    return { terminalTitle: 'The same for one terminal session, without changing any file', terminal: `export AWS_PROFILE=${shellArg(profile)}\n${check}` };
  }
  return {
    terminalTitle: 'The same change made in a terminal (export AWS_PROFILE alone would not do: this entry names its own profile, which wins)',
    terminal: [
      `kubectl config set-credentials ${shellArg(plan.user)} --exec-command=${shellArg(String(plan.exec.command))} --exec-api-version=${shellArg(String(plan.exec.apiVersion))} \\`,
      `  ${(plan.exec.args ?? []).map((a) => `--exec-arg=${shellArg(a)}`).join(' ')} --exec-env=AWS_PROFILE=${shellArg(profile)}`,
      check,
    ].join('\n'),
  };
}

export class UseWithKubectl {
  private readonly plans = new Map<string, SetProfilePlan>();
  private readonly undos = new UndoableWrites();

  constructor(private readonly deps: ContextsDeps & { now?: () => Date }) {}

  async plan(req: { context: string; profile: string }): Promise<UseWithKubectlPlanView> {
    const loaded = await loadProfiles(this.deps.env);
    if (!loaded.profiles.some((p) => p.name === req.profile)) {
      throw new UnknownProfileError(req.profile, loaded.files);
    }
    let plan: SetProfilePlan;
    let ownProfile: boolean;
    try {
      const kc = await loadMergedKubeconfig(this.deps.env);
      const found = contextNamed(kc, req.context);
      if (!found) throw new SetProfileError(`kubectl has no context named ${req.context}`);
      const facts = describeContext(found, this.deps.env);
      ownProfile = facts.credential.profileSource === 'exec-args' || facts.credential.profileSource === 'exec-env';
      plan = await planSetProfile(kc, req.context, req.profile, { ...(facts.clusterName ? { name: facts.clusterName } : {}), ...(facts.region ? { region: facts.region } : {}) });
    } catch (err) {
      if (err instanceof SetProfileError) throw new ContractError('PLAN_FAILED', firstLine(err));
      if (err instanceof KubeconfigFileError) throw new ContractError('KUBECONFIG_INVALID', `Your kubeconfig cannot be read, so it is left alone: ${firstLine(err)}`);
      throw err;
    }
    const planId = newId();
    keep(this.plans, planId, plan);
    return {
      planId,
      context: plan.context,
      profile: req.profile,
      file: plan.target,
      summary: plan.summary,
      alsoAffects: plan.alsoAffects,
      diff: redactFileLines(plan.diff.split('\n')).join('\n'),
      ...(plan.relaidOut ? { relaidOutNote: relaidOutNote(plan.relaidOut) } : {}),
      changed: plan.before !== plan.after,
      ...terminalEquivalent(plan, req.profile, ownProfile),
    };
  }

  async apply(req: { planId: string }): Promise<UseWithKubectlApplyResult> {
    const plan = this.plans.get(req.planId);
    if (!plan) throw new ContractError('UNKNOWN_PLAN', 'This preview is no longer available — open "Use with kubectl" again for a new preview');
    this.plans.delete(req.planId);
    let applied;
    try {
      applied = await applyPlan(plan, { now: this.deps.now, records: backupStoreFor(this.deps.env) });
    } catch (err) {
      if (err instanceof KubeconfigChangedError) throw new ContractError('KUBECONFIG_CHANGED', `Your kubeconfig changed since the preview — review the new preview (${err.file} was modified; nothing was written).`);
      throw new ContractError('APPLY_FAILED', `The kubeconfig was not written: ${firstLine(err)}`);
    }
    const undoId = this.undos.remember(applied.record);
    const after = await checkContext(plan.context, this.deps);
    if (!after) throw new ContractError('APPLY_FAILED', `The kubeconfig was written, but context ${plan.context} is gone from it`);
    return { message: applied.message, backupId: applied.record.id, backupPath: applied.backupPath, undoId, after };
  }

  async undo(req: { undoId: string }): Promise<UseWithKubectlUndoResult> {
    return this.undos.undo(req.undoId);
  }
}
