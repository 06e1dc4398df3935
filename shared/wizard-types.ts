/**
 * View models of the fix wizards: granting access (aws-auth, access entries, RBAC), finding the creator,
 * the authenticator logs and the message for the cluster admin. Built in the main process; plans and backups stay
 * there under opaque ids. No secret ever reaches these shapes.
 */
import type { KubectlRunView } from './diagnosis-types.js';
import type { MatrixOutcome } from './matrix-types.js';

export type GrantFamily = 'aws-auth' | 'access-entry' | 'rbac';

/** A profile of the user's that could write the grant, from the cluster's matrix column. */
export interface AdminChoice {
  profile: string;
  outcome: MatrixOutcome;
  /** Why it qualifies, in plain words ("administrator on the cluster", "may update aws-auth"). */
  why: string;
  /** Set when the profile cannot write this grant: shown disabled, with this plain reason. */
  cannotGrant?: string;
}

export interface GroupChoice {
  group: string;
  label: string;
  /** Shown next to the choice (system:masters). */
  warning?: string;
  /** The Kubernetes names behind the label, on a second line. */
  technical?: string;
  /** The choice the wizard starts with (the `fix` command's default when no group is given). */
  isDefault?: boolean;
}

export interface PolicyChoice {
  /** Short name, e.g. AmazonEKSViewPolicy. */
  name: string;
  summary: string;
}

/** What the grant wizard offers for one fix of a diagnosed cell. */
export interface GrantOptionsView {
  fixId: string;
  title: string;
  family: GrantFamily;
  cluster: { name: string; region: string; arn: string; authenticationMode: string };
  /** The identity that needs access, as STS reported it, and the ARN that will be granted. */
  identityArn?: string;
  principalArn?: string;
  /** Profiles that can write, best first. Empty: no profile of the user's can grant — ask the admin. */
  admins: AdminChoice[];
  /** aws-auth: groups to choose from, narrowest first; the wizard pre-selects none of the risky ones. */
  groups: GroupChoice[];
  /** Access entries: the policies, narrowest first. */
  policies: PolicyChoice[];
  /** A CONFIG_MAP cluster: access entries need the one-way switch (explained). */
  modeSwitch?: { needed: boolean; explanation: string };
}

export interface GrantPlanView {
  planId: string;
  title: string;
  writerProfile: string;
  /** The preview as readable lines (steps, notes). */
  lines: string[];
  /** aws-auth: unified diff of the ConfigMap data. */
  diff?: string;
  /** The equivalent CLI commands, in order. */
  commands: string[];
  /** aws-auth: each step in plain words, its technical names, and the commands that do the same. */
  steps?: { words: string; technical: string; commands: string[] }[];
  warnings: string[];
  /** The same warnings in plain words, each with its technical sentence (the `warnings` text) for a second line. */
  warningWords?: { words: string; technical: string }[];
  /** Non-empty: applying is refused; each says why and what to do. */
  problems: string[];
  /** The same refusals naming the `fix` command's flags (--switch-mode, --repair-invalid) where `problems` names the wizard's boxes. */
  flagProblems: string[];
  /** Those of flagProblems that one of the `fix` command's flags lifts (it exits 2 for them, as for a missing argument). */
  flagLifted: string[];
  /** The whole preview as one text (what `fix` prints). */
  previewText: string;
  /** The change as data (what `fix --json` prints as its preview): the family's own fields, such as diff, steps, writer. */
  preview: Record<string, unknown>;
  /** Said when no access was chosen and the narrowest that lets `kubectl get svc` work was taken. */
  defaultAccess?: string;
}

export interface GrantStepView {
  title: string;
  ok: boolean;
  message: string;
}

/** The verification step of every wizard: the cell probed again and the real `kubectl get svc`. */
export interface VerificationView {
  profile: string;
  outcome?: MatrixOutcome;
  username?: string;
  groups?: string[];
  message?: string;
  kubectl?: KubectlRunView;
  kubectlNote?: string;
  /** Who kubectl really signed in as through its context (`kubectl auth whoami`), compared with the profile. */
  kubectlIdentity?: KubectlIdentityCheck;
  /** Probe got in, kubectl (when run) exited 0, and kubectl signed in as the profile's identity (when known). */
  ok: boolean;
}

export interface KubectlIdentityCheck {
  context: string;
  command: string;
  username?: string;
  arn?: string;
  /** The verified profile's own identity. */
  profileArn?: string;
  /** Undefined when either side is unknown. */
  sameAsProfile?: boolean;
  error?: string;
}

export interface GrantApplyResult {
  steps: GrantStepView[];
  failure?: string;
  /** The write's backup record (grant.restore takes it back in this run, backups.restore in any) and its file. */
  backupId?: string;
  backupPath?: string;
  verification: VerificationView;
}

export interface GrantRestoreResult {
  message: string;
}

export type CreatorSource = 'access-entry' | 'cloudtrail' | 'authenticator-logs';

export interface CreatorSourceView {
  source: CreatorSource;
  label: string;
  /** The CLI command that shows the same. */
  command: string;
  /** The creator's ARN found there. */
  found?: string;
  /** Why this source said nothing ("logging is off", "AccessDeniedException: …"). */
  note?: string;
}

export interface CreatorProfileView {
  profile: string;
  canonicalArn?: string;
  outcome?: MatrixOutcome;
}

export interface CreatorView {
  cluster: { name: string; region: string; arn: string };
  creatorArn?: string;
  sources: CreatorSourceView[];
  /** The diagnosed profile is the creator. */
  isThisIdentity: boolean | null;
  /** The user's profiles that are the creator's identity. */
  profiles: CreatorProfileView[];
  /** When no profile is the creator: how to make one (role to assume / keys of the user). */
  makeProfile?: { title: string; command: string };
}

export interface LogsStatusView {
  logGroup: string;
  /** The authenticator log type is on. */
  enabled: boolean;
  enabledTypes: string[];
  command: string;
}

export interface LogsEnableResult {
  updateId?: string;
  /** Already on: nothing to do. */
  alreadyEnabled: boolean;
  status: string;
  command: string;
}

export interface LogsUpdateView {
  status: 'InProgress' | 'Successful' | 'Failed' | 'Cancelled';
  errors: string[];
  command: string;
}

export type LogsQueryName = 'identity' | 'creator' | 'denied';

export interface AuthenticatorLogRow {
  timestamp: string;
  stream: string;
  /** `access granted`, `access denied` or another event. */
  decision: 'granted' | 'denied' | 'other';
  arn?: string;
  username?: string;
  groups?: string;
  /** Why the authenticator refused: its `error="…"` field (redacted), on denied lines. */
  reason?: string;
  /** The line, as logged. */
  message: string;
}

export interface LogsQueryResult {
  query: string;
  /** `aws logs start-query …` then `aws logs get-query-results …`. */
  commands: string[];
  rows: AuthenticatorLogRow[];
  /** Why the rows may be incomplete (the authenticator log is off now). */
  note?: string;
}

export interface AdminMessageResult {
  /** The message, ready to paste. */
  text: string;
  /** The commands inside it, each runnable by an admin as written. */
  commands: string[];
  filename: string;
  mimeType: 'text/plain';
  /** The user's own profiles that the last scan found able to grant this themselves (empty before a scan). */
  granters: string[];
}
