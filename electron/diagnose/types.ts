// What the diagnosis gathers (evidence) and what it concludes (causes, fixes). No secrets in either.
import type { CauseCode } from '../../shared/causes.js';
import type { ProfileView } from '../../shared/profile-types.js';
import type { CellOutcome, CellResult } from '../probe/types.js';
import type { ScanProfile } from '../matrix/events.js';
import type { KubectlIdentity, ServerComparison } from './kubectl-identity.js';
import type { AwsAuthMappings } from './aws-auth-mappings.js';
import type { FixId } from './fix-families.js';

/** An AWS or Kubernetes call that failed: its error code and one line. */
export interface CallFailure {
  code: string;
  message: string;
}

export interface ClusterFacts {
  name: string;
  region: string;
  arn: string;
  account: string;
  endpoint: string;
  caData: string;
  status?: string;
  createdAt?: string;
  authenticationMode?: string;
  bootstrapClusterCreatorAdminPermissions?: boolean;
  endpointPublicAccess?: boolean;
  endpointPrivateAccess?: boolean;
  /** Control-plane log types that are enabled (authenticator, api, audit …). */
  logTypes: string[];
  /** The profile whose DescribeCluster gave these facts. */
  describedVia: string;
}

export interface AccessEntryFacts {
  principalArn: string;
  username?: string;
  kubernetesGroups: string[];
  type?: string;
  createdAt?: string;
  policies: Array<{ policyArn: string; scope: string; namespaces: string[] }>;
}

export type Gathered<T> = { ok: true; value: T; via?: string } | { ok: false; failure: CallFailure; via?: string };

export interface AwsAuthFacts {
  /** The ConfigMap's data as read (mapRoles/mapUsers/mapAccounts strings); absent when the ConfigMap does not exist. */
  data?: Record<string, string>;
  parsed: AwsAuthMappings;
}

export interface LogFacts {
  /** Authenticator lines mentioning the identity, newest first. */
  identityLines: string[];
  /** The article's `username=kubernetes-admin` lines, newest first. */
  creatorLines: string[];
}

export interface CreatorFacts {
  arn?: string;
  /** Where the creator's ARN came from. */
  source?: 'cloudtrail' | 'authenticator-log' | 'access-entry';
  /** When the cluster was created (ISO), for the 90-day CloudTrail window. */
  createdAt?: string;
  /** Lines saying how each source answered. */
  notes: string[];
}

export interface Evidence {
  profile: string;
  clusterName: string;
  region: string;
  /** The profile's check (STS GetCallerIdentity) with its status and error. */
  profileView: ProfileView;
  /** Seconds the AWS clock is ahead of this machine's (negative: behind), when an error revealed it. */
  clockSkewSeconds?: number;
  /** The profile's own DescribeCluster: ok, or why not (AccessDeniedException, ResourceNotFoundException …). */
  ownDescribe?: Gathered<true>;
  cluster?: ClusterFacts;
  /** The cluster's ARN from the kubeconfig, when DescribeCluster gave none. */
  clusterArnHint?: string;
  /** Every profile of the matrix row for this cluster, with its cell. */
  profiles: ScanProfile[];
  cells: CellResult[];
  /** The cell of the diagnosed profile. */
  cell?: CellResult;
  kubectl?: KubectlIdentity;
  /** Profiles the kubeconfig's exec entries use, for any cluster. */
  kubeconfigProfiles?: string[];
  server?: ServerComparison;
  accessEntries?: Gathered<AccessEntryFacts[]>;
  awsAuth?: Gathered<AwsAuthFacts>;
  logs?: Gathered<LogFacts>;
  creator?: CreatorFacts;
}

export interface Cause {
  code: CauseCode;
  title: string;
  detail: string;
  evidence: string[];
}

/** One step of a fix: a program and its arguments (no shell), shown as a command line only at the edge (fix-command.ts). */
export interface FixStep {
  title: string;
  argv: string[];
  /** Commands run after `argv` when it succeeded (shown joined with `&&`). */
  then?: string[][];
  /** A risk the step carries, said before its command (opening the API server to the internet). */
  caution?: string;
}

/** The RoleBinding an rbac-binding fix creates. */
export interface RoleBindingSpec {
  name: string;
  namespace: string;
  clusterRole: string;
  subject: { kind: 'User' | 'Group'; name: string };
}

/** What the app needs to perform a fix, named once where the fix is made (its steps only show it). */
export interface FixParams {
  /** The profile kubectl's entry is written for (kubeconfig fixes). */
  profile?: string;
  /** The principal an access entry is for. */
  principalArn?: string;
  /** The aws-auth entry's ARN that a fix replaces (it never matches). */
  replaces?: string;
  roleBinding?: RoleBindingSpec;
}

export interface Fix {
  id: FixId;
  title: string;
  params: FixParams;
  steps: FixStep[];
}

/** Something the evidence could not settle, and the step that would. */
export interface Unknown {
  what: string;
  why: string;
  step: string;
}

export interface Diagnosis {
  profile: string;
  cluster: { name: string; region: string; arn: string };
  identity?: { arn: string; canonicalArn: string };
  kubectlIdentity?: { arn: string; via: string };
  outcome: CellOutcome;
  causes: Cause[];
  fixes: Fix[];
  /** Whether the diagnosed identity created the cluster (the article's two branches); null when unknown. */
  creator: { arn?: string; source?: string; isThisIdentity: boolean | null; isOneOfYourProfiles?: string };
  unknowns: Unknown[];
}
