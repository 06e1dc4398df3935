/**
 * View models of the diagnosis and of the one-click update-kubeconfig: what the renderer may see.
 * Built in the main process (electron/diagnose/ and electron/kubeconfig/) from the diagnosis and the kubeconfig plan; every
 * free-text field has been through the redaction there — no secret key, session token, bearer
 * token or SSO token ever reaches these shapes.
 */
import type { MatrixOutcome } from './matrix-types.js';

export interface DiagnosisCauseView {
  code: string;
  title: string;
  detail: string;
  /** The catalogue's plain explanation of the code (shared/causes.ts). */
  explanation: string;
  evidence: string[];
}

/** What a fix's `update-kubeconfig` step asks for, so the app can preview and apply it in one click. */
export interface KubeconfigFixTarget {
  profile: string;
  roleArn?: string;
  alias?: string;
  pinProfile: boolean;
  /** kubectl gets its token from the app's own command instead of `aws eks get-token`. */
  appTokenHelper?: boolean;
}

export interface DiagnosisFixView {
  id: string;
  title: string;
  /** Who performs it: the kubeconfig fix and the grants (aws-auth, access entries, RBAC) have wizards; manual fixes are steps. */
  family: 'kubeconfig' | 'aws-auth' | 'access-entry' | 'rbac' | 'manual';
  /** `caution`: a risk the step carries, shown as a warning before its command. */
  steps: Array<{ title: string; command: string; caution?: string }>;
  /** Present when a step writes the kubeconfig entry with a known profile: the app performs it. */
  kubeconfig?: KubeconfigFixTarget;
}

export interface DiagnosisSummaryView {
  profile: string;
  cluster: { name: string; region: string; arn: string };
  identity?: { arn: string; canonicalArn: string };
  kubectlIdentity?: { arn: string; via: string };
  outcome: MatrixOutcome;
  causes: DiagnosisCauseView[];
  fixes: DiagnosisFixView[];
  creator: { arn?: string; source?: string; isThisIdentity: boolean | null; isOneOfYourProfiles?: string };
  unknowns: Array<{ what: string; why: string; step: string }>;
}

/** "What kubectl really uses" for this cluster. */
export interface KubectlSideView {
  context?: string;
  contextFile?: string;
  /** Whether plain `kubectl` (no --context) uses that context. */
  isCurrent?: boolean;
  currentContext?: string;
  server?: string;
  /** The exec plugin's command line, secret-looking values masked. */
  exec?: string;
  execEnv: string[];
  apiVersion?: string;
  arn?: string;
  canonicalArn?: string;
  via: string;
  /** AWS_* credential variables in the environment that take the place of the profile. */
  envOverrides: string[];
  failure?: { kind: string; message: string };
}

/** "What the app tested": the profile's own identity and the matrix cell. */
export interface AppSideView {
  profile: string;
  identityArn?: string;
  canonicalArn?: string;
  outcome: MatrixOutcome;
  username?: string;
  groups?: string[];
}

export interface EvidenceSection {
  title: string;
  lines: string[];
}

export interface DiagnosisView {
  diagnosis: DiagnosisSummaryView;
  /** Everything gathered, by topic, for the expandable Evidence section. */
  evidenceLines: EvidenceSection[];
  kubectl: KubectlSideView;
  app: AppSideView;
  /** Both sides have an ARN and they are not the same identity. */
  arnsDiffer: boolean;
  elapsedMs: number;
}

export interface KubeconfigPlanViewModel {
  target: string;
  contextName: string;
  updatingExisting: boolean;
  changed: boolean;
  /** Unified diff; credential values masked. */
  diff: string;
  /** Set when the write also re-formats lines the diff leaves out: says so in one plain line. */
  relaidOutNote?: string;
  /** The line the CLI prints: `Added new context …` / `Updated context …`. */
  message: string;
  warnings: string[];
  /** Which entries already exist under the same name in the file and are replaced (the others are added). */
  replaced: { cluster: boolean; user: boolean; context: boolean };
  /** kubectl's current context (all KUBECONFIG files merged) before and after the write. */
  currentContext: { before?: string; after?: string };
}

/** The plan's profile is not in the AWS config: it is an IAM Identity Center identity shown under the name it would be saved as. */
export interface NeedsSavedProfile {
  /** The sign-in (sso-session name) the identity belongs to. */
  session: string;
  /** accountId/roleName, as identityCenter.preview and identityCenter.save take it. */
  identity: string;
  /** The profile name the kubeconfig entry's exec names. */
  name: string;
}

export interface KubeconfigPlanResult {
  planId: string;
  view: KubeconfigPlanViewModel;
  /** Present when the profile must be saved first: kubeconfig.apply refuses until it is in the AWS config. */
  needsSavedProfile?: NeedsSavedProfile;
}

export interface KubectlRunView {
  command: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface KubeconfigApplyResult {
  message: string;
  backupPath: string | null;
  undoId: string;
  /** The write's backup record: backups.restore takes it back in a later run too (undoId lasts this run only). */
  backupId: string;
  /** The matrix cell probed again after the write (absent outcome: no matrix to re-probe in). */
  reprobe: { outcome?: MatrixOutcome; username?: string; message?: string };
  /** `kubectl get svc --context <context>` right after the write; absent when kubectl is not installed. */
  kubectl?: KubectlRunView;
  kubectlNote?: string;
}

export interface KubeconfigUndoResult {
  message: string;
}

export interface ReportExportResult {
  filename: string;
  mimeType: 'text/markdown';
  content: string;
}
