/** What one profile can do on one cluster (DESIGN.md "Cell outcomes"). */
export const CELL_OUTCOMES = ['ADMIN', 'ACCESS', 'FORBIDDEN', 'UNAUTHORIZED', 'NO_CREDENTIALS', 'UNREACHABLE', 'ERROR'] as const;
export type CellOutcome = (typeof CELL_OUTCOMES)[number];

/** The questions every probe asks with a SelfSubjectAccessReview. */
export type AccessQuestion = 'list services in default' | 'get configmap aws-auth in kube-system' | 'update configmap aws-auth in kube-system' | '* on *';

/** One step of a probe (TLS connect, token, Kubernetes call), as evidence. No tokens, no keys. */
export interface ProbeStep {
  call: 'connect' | 'token' | 'SelfSubjectReview' | `SelfSubjectAccessReview: ${AccessQuestion}`;
  ok: boolean;
  /** HTTP status, when the server answered. */
  status?: number;
  /** Network/TLS error code (ECONNREFUSED, UNABLE_TO_VERIFY_LEAF_SIGNATURE, TIMEOUT …). */
  errorCode?: string;
  message?: string;
  /** For access reviews: what the server said. */
  allowed?: boolean;
  reason?: string;
  attempts: number;
  ms: number;
}

export interface CellEvidence {
  endpoint?: string;
  /** The profile whose DescribeCluster gave the endpoint and CA. */
  describedVia?: string;
  /** The IAM identity the profile's credentials belong to (STS GetCallerIdentity), when known. */
  identityArn?: string;
  /** EKS extras of the Kubernetes user (arn, canonicalArn, sessionName, accessKeyId, principalId). */
  extra?: Record<string, string[]>;
  /** Why the profile has no credentials (NO_CREDENTIALS): the profiles domain's status and code. */
  credentials?: { status: string; code: string; message: string };
  steps: ProbeStep[];
}

export interface CellResult {
  profile: string;
  clusterArn: string;
  outcome: CellOutcome;
  username?: string;
  groups?: string[];
  /** One line for the user: why this outcome (always set for NO_CREDENTIALS, UNREACHABLE, ERROR, UNAUTHORIZED). */
  message?: string;
  /** Wall time of the probe, including waiting for a free slot. */
  ms: number;
  evidence: CellEvidence;
}
