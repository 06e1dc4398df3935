/**
 * "Your kubectl": every context of the kubeconfig kubectl reads, what its credential helper really signs in as,
 * and what the cluster answers. Built in the main process (electron/contexts/); no token or key ever reaches
 * these shapes, and exec command lines have their secret-looking values masked.
 */
import type { DiagnosisFixView, KubeconfigUndoResult } from './diagnosis-types.js';
import type { MatrixOutcome } from './matrix-types.js';

/** How kubectl gets its credentials for a context. */
export type CredentialKind =
  | 'aws-cli'
  | 'aws-iam-authenticator'
  | 'app-token'
  | 'other-exec'
  | 'static-token'
  | 'client-certificate'
  | 'none';

/** Where the AWS profile of the exec comes from, in the order botocore looks. */
export type ProfileSource = 'exec-args' | 'exec-env' | 'environment' | 'default-chain';

export interface ContextCredentialView {
  kind: CredentialKind;
  /** The exec command line as kubectl runs it, its env block first (AWS_PROFILE=… aws …), secret-looking values masked. */
  command?: string;
  /** The AWS profile the exec runs as. */
  profile?: string;
  profileSource?: ProfileSource;
  /** Whether that profile is in the AWS config or credentials file. */
  profileExists?: boolean;
  roleArn?: string;
  /** AWS_* key variables of the environment that replace the profile. */
  envOverrides: string[];
}

/** The one thing to do about a failing context. */
export interface ContextActionView {
  /** `use-with-kubectl`: the app's own "Use with kubectl" dialog; else a fix id of the diagnosis. */
  kind: 'use-with-kubectl' | 'fix' | 'update-kubeconfig';
  label: string;
  /** The diagnosis's fix (kind `fix`), with which the existing wizard or one-click fix opens. */
  fix?: DiagnosisFixView;
  /** The profile the fix was diagnosed for (the profile kubectl runs as). */
  profile?: string;
}

export interface KubectlContextView {
  name: string;
  current: boolean;
  eks: boolean;
  /** The file that defines the context (KUBECONFIG may list several). */
  file: string;
  server?: string;
  clusterArn?: string;
  clusterName?: string;
  region?: string;
  account?: string;
  credential: ContextCredentialView;
  /** The IAM identity the credential helper's token stands for (asked of STS, as the authenticator does). */
  identityArn?: string;
  /** The Kubernetes user the cluster saw. */
  username?: string;
  /** EKS contexts only: the outcome of the probe with kubectl's own token. */
  outcome?: MatrixOutcome;
  /** Why no token could be made, or what the cluster said. */
  problem?: string;
  /** The primary cause when it fails: catalogue code and one plain sentence. */
  cause?: { code: string; sentence: string };
  action?: ContextActionView;
}

export interface ContextsListResult {
  /** The kubeconfig files kubectl reads, in order, and whether each exists. */
  files: Array<{ path: string; exists: boolean }>;
  currentContext?: string;
  /** Current context first, then the others in file order. */
  contexts: KubectlContextView[];
  /** The kubeconfig cannot be read (kubectl refuses it too). */
  error?: string;
  /** The error is another program changing the file right now (its lock stayed while the app waited), not a broken file. */
  errorBusy?: boolean;
  /** kubectl on this computer (the PATH the credential helpers run with). */
  kubectl?: KubectlToolView;
}

/**
 * One step of a `contexts.list` asked with a progressId: first every context unchecked, then each context again as
 * its check ends (its outcome), and each failing one again once its cause is found. The list's answer has them all.
 */
export interface ContextsProgress {
  progressId: string;
  /** The contexts that are checked (EKS ones), and how many of them are done. */
  total: number;
  checked: number;
  /** The contexts this step changed, whole. */
  contexts: KubectlContextView[];
}

export interface KubectlToolView {
  found: boolean;
  /** As `kubectl version --client` says it (v1.32.3). */
  version?: string;
  /** Older than any Amazon EKS version still supported allows. */
  tooOld?: boolean;
}

export interface UseWithKubectlPlanView {
  planId: string;
  context: string;
  profile: string;
  file: string;
  /** What changes, in words. */
  summary: string;
  /** Other contexts that share the user entry and so run as the profile too. */
  alsoAffects: string[];
  diff: string;
  /** Set when the write also re-formats lines the diff leaves out: says so in one plain line. */
  relaidOutNote?: string;
  changed: boolean;
  /** The terminal equivalent, and what it is (for one session, or the same change to the file). */
  terminal: string;
  terminalTitle: string;
}

export interface UseWithKubectlApplyResult {
  message: string;
  /** The backup record's id (what `restore --backup` takes); backupPath is its copy of the previous file. */
  backupId: string;
  backupPath: string | null;
  undoId: string;
  /** Who kubectl signs in as through the context now, and what the cluster says. */
  after: KubectlContextView;
}

export type UseWithKubectlUndoResult = KubeconfigUndoResult;
