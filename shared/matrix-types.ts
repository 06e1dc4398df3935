/**
 * View models of the access matrix: what the renderer may see. The scan engine's types
 * (electron/matrix/events.ts, electron/probe/types.ts, electron/clusters/types.ts) extend these, so a field is
 * declared once; the cluster CA stays out, and no key, session token or bearer token is ever part of a cell.
 */

export const MATRIX_OUTCOMES = ['ADMIN', 'ACCESS', 'FORBIDDEN', 'UNAUTHORIZED', 'NO_CREDENTIALS', 'UNREACHABLE', 'ERROR'] as const;
export type MatrixOutcome = (typeof MATRIX_OUTCOMES)[number];

/** Outcomes that mean "this profile gets in". */
export const OK_OUTCOMES: readonly MatrixOutcome[] = ['ADMIN', 'ACCESS'];

/** "This cell works": the profile gets in — the one rule the screens, the diagnosis and the fixes use. */
export function outcomeWorks(outcome: string | undefined): boolean {
  return outcome !== undefined && (OK_OUTCOMES as readonly string[]).includes(outcome);
}

export function cellWorks(cell: { outcome: string } | undefined): boolean {
  return outcomeWorks(cell?.outcome);
}

export interface MatrixProbeStep {
  call: string;
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

export interface MatrixCellEvidence {
  endpoint?: string;
  /** The profile whose DescribeCluster gave the endpoint and CA. */
  describedVia?: string;
  /** The IAM identity the profile's credentials belong to (STS GetCallerIdentity), when known. */
  identityArn?: string;
  /** EKS extras of the Kubernetes user (arn, canonicalArn, sessionName, accessKeyId, principalId). */
  extra?: Record<string, string[]>;
  /** Why the profile has no credentials (NO_CREDENTIALS): the profiles domain's status and code. */
  credentials?: { status: string; code: string; message: string };
  steps: MatrixProbeStep[];
}

export interface MatrixCell {
  profile: string;
  clusterArn: string;
  outcome: MatrixOutcome;
  username?: string;
  groups?: string[];
  /** One line for the user: why this outcome (always set for NO_CREDENTIALS, UNREACHABLE, ERROR, UNAUTHORIZED). */
  message?: string;
  /** Wall time of the probe, including waiting for a free slot. */
  ms: number;
  /** AWS or the cluster asked us to slow down (throttling): the same probe a little later may well succeed. */
  retryable?: boolean;
  evidence: MatrixCellEvidence;
}

export interface MatrixProfile {
  name: string;
  type: string;
  region: string | null;
  status: string;
  identityArn?: string;
  account?: string;
  error?: { code: string; message: string };
}

export interface MatrixCluster {
  name: string;
  region: string;
  arn: string;
  account: string;
  endpoint: string;
  status?: string;
  version?: string;
  authenticationMode?: string;
  endpointPublicAccess?: boolean;
  endpointPrivateAccess?: boolean;
  /** Profiles whose DescribeCluster succeeded for this cluster, in the order they did. */
  describedBy: string[];
}

export interface MatrixDiscoveryNote {
  profile: string;
  region: string;
  operation: string;
  cluster?: string;
  code: string;
  message: string;
}

export interface MatrixProgress {
  type: 'progress';
  done: number;
  total: number;
  elapsedMs: number;
  discovering: boolean;
}

/** The events of a scan, written once: the engine fills in its own (narrower) cluster, note and cell types. */
export type ScanEventOf<Cluster extends MatrixCluster, Denial extends MatrixDiscoveryNote, Failure extends MatrixDiscoveryNote, Cell extends MatrixCell> =
  | { type: 'profile'; profile: MatrixProfile }
  | { type: 'cluster'; cluster: Cluster }
  | { type: 'denied'; denial: Denial }
  | { type: 'discovery-failed'; failure: Failure }
  | { type: 'cell'; cell: Cell }
  | MatrixProgress
  | { type: 'done'; cancelled: boolean; elapsedMs: number; rerun: boolean };

/**
 * One event of a scan, as streamed: the engine's ScanEvent, plus 'failed' when the scan could not start, and
 * 'kubectl' when the cells kubectl uses changed (the kubeconfig was written or edited), with all of them.
 */
export type MatrixScanEvent =
  | ScanEventOf<MatrixCluster, MatrixDiscoveryNote, MatrixDiscoveryNote, MatrixCell>
  | { type: 'failed'; code: string; message: string }
  | { type: 'kubectl'; uses: MatrixKubectlUse[] };

/** The payload of the `matrix.event` contract event: which scan, and what happened. */
export interface MatrixEventPayload {
  scanId: number;
  event: MatrixScanEvent;
}

export interface MatrixSnapshotView {
  profiles: MatrixProfile[];
  clusters: MatrixCluster[];
  cells: MatrixCell[];
  denials: MatrixDiscoveryNote[];
  failures: MatrixDiscoveryNote[];
  regions: string[];
  elapsedMs: number;
  cancelled: boolean;
}

/**
 * A (profile, cluster) pair kubectl uses: a kubeconfig context talking to that cluster whose exec plugin runs as
 * that profile. Computed in the main process from every KUBECONFIG file, as kubectl merges them.
 */
export interface MatrixKubectlUse {
  context: string;
  /** Plain `kubectl` (no --context) uses it. */
  current: boolean;
  profile: string;
  clusterArn: string;
}

/** What `matrix.snapshot` returns: no scan yet, or the current one with its matrix so far. */
export interface MatrixState {
  /** 0 when no scan was started yet. */
  scanId: number;
  /** True while the initial scan or a re-run is in progress. */
  running: boolean;
  /** The last progress seen (initial scan or re-run). */
  progress?: MatrixProgress;
  /** Why the scan could not start (unknown profile, unreadable config …). */
  error?: { code: string; message: string };
  matrix?: MatrixSnapshotView;
  /** The cells kubectl uses (kubeconfig contexts → profile × cluster), when the kubeconfig could be read. */
  kubectl?: MatrixKubectlUse[];
}

export interface MatrixStartResult {
  scanId: number;
}

export interface MatrixRerunResult {
  scanId: number;
  /** Cells that will be probed again; they stream as `cell` events, then a `done` with rerun: true. */
  cells: number;
}

export interface MatrixExportResult {
  filename: string;
  mimeType: string;
  content: string;
}
