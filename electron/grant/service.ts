// The grant wizard's main-process side: grant options, preview, apply (then verify) and restore; the verification
// step. Plans and backups stay here under opaque ids; the renderer sees redacted view models only.
import { randomBytes } from 'node:crypto';
import { ContractError } from '../../shared/contract-kit.js';
import type { GrantApplyResult, GrantOptionsView, GrantPlanView, GrantRestoreResult, VerificationView } from '../../shared/wizard-types.js';
import { backupStoreFor, type BackupStore } from '../authmap/backup.js';
import { failureLine } from '../common/first-line.js';
import type { Handlers } from '../common/channel-handlers.js';
import type { DiagnosedCell, DiagnosisService } from '../diagnose/service.js';
import type { KubectlRunOptions } from '../kubectl/get-svc.js';
import { prepareFix } from '../fix/prepare.js';
import { FixRefusal, type FixOptions, type PreparedFix } from '../fix/types.js';
import type { ClusterTarget, Writer } from '../authmap/types.js';
import { clusterTarget } from '../fix/writer.js';
import type { Env } from '../profiles/deps.js';
import type { ProfilesService } from '../profiles/service.js';
import { runRestore } from '../restore/restore-backup.js';
import { findFix, grantFamilyOf, grantOptionsView } from './options.js';
import { grantPlanView } from './plan-view.js';
import { verifyCell } from './verify.js';
import { UnknownProfileError } from '../common/unknown-profile.js';

export interface GrantDeps {
  env: Env;
  profiles: ProfilesService;
  diagnosis: DiagnosisService;
  kubectl?: Pick<KubectlRunOptions, 'kubectl' | 'timeoutMs'>;
  /** Where backups go (default ~/.eks-access-doctor/backups/). */
  backupDir?: string;
}

type PlanRequest = Parameters<Handlers['grant.plan']>[0];

interface StoredGrant {
  prepared: PreparedFix;
  cell: DiagnosedCell;
}

interface StoredBackup {
  writer: string;
  cell: DiagnosedCell;
}

const MAX_KEPT = 50;
const newId = () => randomBytes(12).toString('base64url');

function keep<T>(map: Map<string, T>, id: string, value: T): void {
  map.set(id, value);
  while (map.size > MAX_KEPT) map.delete(map.keys().next().value!);
}

export class GrantService {
  private readonly plans = new Map<string, StoredGrant>();
  private readonly backups = new Map<string, StoredBackup>();

  constructor(private readonly deps: GrantDeps) {}

  async options(req: { profile: string; clusterArn: string; fixId: string }): Promise<GrantOptionsView> {
    const cell = await this.deps.diagnosis.diagnosed(req);
    return grantOptionsView(cell, findFix(cell, req.fixId));
  }

  async verifyCell(req: { profile: string; clusterArn: string }): Promise<VerificationView> {
    return this.verify(req.profile, await this.deps.diagnosis.diagnosed(req));
  }

  private backupStore(): BackupStore {
    return backupStoreFor(this.deps.env, this.deps.backupDir);
  }

  async plan(req: PlanRequest): Promise<GrantPlanView> {
    const cell = await this.deps.diagnosis.diagnosed(req);
    const fix = findFix(cell, req.fixId);
    grantFamilyOf(fix);
    if (!cell.evidence.profiles.some((p) => p.name === req.adminProfile)) throw new UnknownProfileError(req.adminProfile);
    const options: FixOptions = {
      adminProfile: req.adminProfile,
      ...(req.groups?.length ? { groups: req.groups } : {}),
      ...(req.policy ? { policy: req.policy } : {}),
      ...(req.namespaces?.length ? { namespaces: req.namespaces } : {}),
      repairInvalid: Boolean(req.repairInvalid),
      switchMode: Boolean(req.switchMode),
    };
    let prepared: PreparedFix;
    try {
      prepared = await prepareFix({ env: this.deps.env, diagnosis: cell.diagnosis, evidence: cell.evidence, fix, options, profiles: this.deps.profiles, backupDir: this.backupStore().dir });
    } catch (err) {
      if (err instanceof FixRefusal) throw new ContractError('GRANT_REFUSED', this.deps.diagnosis.redact(err.message.replace(/^--admin-profile: /, '')));
      throw new ContractError('PLAN_FAILED', `The preview could not be made as ${req.adminProfile}: ${this.deps.diagnosis.redact(failureLine(err))}`);
    }
    const planId = newId();
    keep(this.plans, planId, { prepared, cell });
    return grantPlanView(planId, fix.title, prepared, this.deps.diagnosis.redact);
  }

  async apply(planId: string): Promise<GrantApplyResult> {
    const stored = this.plans.get(planId);
    if (!stored) throw new ContractError('UNKNOWN_PLAN', 'This preview is no longer available — make a new preview');
    // One preview, one write: after a refusal or a concurrent change the user reviews a new preview.
    this.plans.delete(planId);
    if (stored.prepared.problems.length) throw new ContractError('GRANT_REFUSED', `Not applied: ${stored.prepared.problems.map((p) => this.deps.diagnosis.redact(p.text)).join('; ')}`);
    let done;
    try {
      done = await stored.prepared.apply();
    } catch (err) {
      throw new ContractError('APPLY_FAILED', `The grant was not completed: ${this.deps.diagnosis.redact(failureLine(err))}`);
    }
    // The record's own id: grant.restore takes it back in this run, `restore --backup ID` in any.
    const backupId = done.backupId && stored.prepared.writer ? done.backupId : undefined;
    if (backupId) keep(this.backups, backupId, { writer: stored.prepared.writer!, cell: stored.cell });
    // Probed as the writer found the cluster: the refused identity may not be allowed to describe it.
    const verification = await this.verify(done.probeProfile ?? stored.cell.diagnosis.profile, stored.cell, stored.prepared.cluster);
    return {
      steps: done.applied.steps.map((s) => ({ title: this.deps.diagnosis.redact(s.title), ok: s.ok, message: this.deps.diagnosis.redact(s.message) })),
      ...(done.failure ? { failure: this.deps.diagnosis.redact(done.failure) } : {}),
      ...(backupId ? { backupId, backupPath: done.backup! } : {}),
      verification,
    };
  }

  async restore(id: string): Promise<GrantRestoreResult> {
    const stored = this.backups.get(id);
    if (!stored) throw new ContractError('UNKNOWN_BACKUP', 'There is nothing to restore under this id (already restored, or the app was restarted — the backup files stay in ' + this.backupStore().dir + ')');
    let result;
    try {
      const evidence = stored.cell.evidence;
      const cluster = async (name: string, _region: string, writer: Writer) => {
        const target = await clusterTarget(evidence, writer, this.deps.env);
        if (!target) throw new Error(`the cluster ${name} could not be described`);
        return target;
      };
      result = await runRestore(id, { env: this.deps.env, backups: this.backupStore(), profiles: this.deps.profiles, cluster });
    } catch (err) {
      throw new ContractError('RESTORE_FAILED', `Nothing was restored: ${this.deps.diagnosis.redact(failureLine(err))}`);
    }
    if (!result.restored) throw new ContractError('RESTORE_REFUSED', `Nothing was restored: ${result.problems.map(this.deps.diagnosis.redact).join('; ')}`);
    this.backups.delete(id);
    return { message: this.deps.diagnosis.redact(result.message) };
  }

  private verify(profile: string, cell: DiagnosedCell, cluster?: ClusterTarget): Promise<VerificationView> {
    return verifyCell(this.deps, profile, cell, cluster);
  }
}
