// Shapes shared by the fix actions: what a fix needs, what it previews and what it did.
import type { ClusterTarget } from '../authmap/types.js';
import type { Diagnosis, Evidence, Fix } from '../diagnose/types.js';
import type { Env } from '../profiles/deps.js';
import type { ProfilesService } from '../profiles/service.js';

export interface FixOptions {
  /** `--admin-profile`: the profile that writes the grant. */
  adminProfile?: string;
  /** `--group` (repeatable): aws-auth groups for the identity (default system:masters, with a warning). */
  groups?: string[];
  /** `--policy`: the access policy of an access entry (default AmazonEKSViewPolicy). */
  policy?: string;
  /** `--namespace` (repeatable): scope the access policy to these namespaces instead of the whole cluster. */
  namespaces?: string[];
  /** `--repair-invalid`: consent to repair malformed aws-auth items. */
  repairInvalid: boolean;
  /** `--switch-mode`: consent to the one-way switch of a CONFIG_MAP cluster to API_AND_CONFIG_MAP. */
  switchMode: boolean;
}

export interface FixContext {
  env: Env;
  diagnosis: Diagnosis;
  evidence: Evidence;
  fix: Fix;
  options: FixOptions;
  profiles: ProfilesService;
  backupDir?: string;
}

export interface StepResult {
  title: string;
  ok: boolean;
  message: string;
}

export interface AppliedFix {
  id: string;
  title: string;
  steps: StepResult[];
}

/** What a fix does once consented to. */
export interface ApplyOutcome {
  applied: AppliedFix;
  /** One line when a step failed (the command then exits 1). */
  failure?: string;
  backup?: string;
  /** What `restore --backup ID` takes to undo this fix's write. */
  backupId?: string;
  /** The profile to probe again, when not the diagnosed one (the profile kubectl now uses). */
  probeProfile?: string;
}

/** A flag of `fix` that lifts a refusal: the consent or the choice the refusal asks for. */
export type LiftingFlag = '--switch-mode' | '--repair-invalid' | '--group';

/** Why applying is refused, in words that say what to do; `liftedBy` when a flag of `fix` lifts it. */
export interface Refusal {
  text: string;
  liftedBy?: LiftingFlag;
}

/** A planned fix: the preview to show and the action to run with --yes. */
export interface PreparedFix {
  /** Readable lines: the diff or the steps, warnings, notes. */
  previewText: string;
  /** The same for --json (no secrets). */
  preview: Record<string, unknown>;
  /** Non-empty: applying is refused. */
  problems: Refusal[];
  apply(): Promise<ApplyOutcome>;
  /** The profile that writes (grant fixes). */
  writer?: string;
  /** The cluster to re-probe, when the action knows it better than the evidence. */
  cluster?: ClusterTarget;
  /** Said in the output when no access was chosen and the narrowest default was taken. */
  defaultAccess?: string;
}

/** A fix the user must do (or an admin must do), with the reason. */
export class FixRefusal extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
    this.name = 'FixRefusal';
  }
}
