/**
 * View models of the access matrix: what the renderer may see. They mirror the scan engine's types
 * (electron/scan/events.ts, electron/probe/types.ts) field for field, minus anything secret — the
 * cluster CA is left out, and no key, session token or bearer token is ever part of a cell.
 */

export const MATRIX_OUTCOMES = ['ADMIN', 'ACCESS', 'FORBIDDEN', 'UNAUTHORIZED', 'NO_CREDENTIALS', 'UNREACHABLE', 'ERROR'] as const;
export type MatrixOutcome = (typeof MATRIX_OUTCOMES)[number];

/** Outcomes that mean "this profile gets in". */
export const OK_OUTCOMES: readonly MatrixOutcome[] = ['ADMIN', 'ACCESS'];

export interface MatrixProbeStep {
  call: string;
  ok: boolean;
  status?: number;
  errorCode?: string;
  message?: string;
  allowed?: boolean;
  reason?: string;
  attempts: number;
  ms: number;
}

export interface MatrixCellEvidence {
  endpoint?: string;
  describedVia?: string;
  identityArn?: string;
  extra?: Record<string, string[]>;
  credentials?: { status: string; code: string; message: string };
  steps: MatrixProbeStep[];
}

export interface MatrixCell {
  profile: string;
  clusterArn: string;
  outcome: MatrixOutcome;
  username?: string;
  groups?: string[];
  message?: string;
  ms: number;
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

/** One event of a scan, as streamed: the engine's ScanEvent, plus 'failed' when the scan could not start. */
export type MatrixScanEvent =
  | { type: 'profile'; profile: MatrixProfile }
  | { type: 'cluster'; cluster: MatrixCluster }
  | { type: 'denied'; denial: MatrixDiscoveryNote }
  | { type: 'discovery-failed'; failure: MatrixDiscoveryNote }
  | { type: 'cell'; cell: MatrixCell }
  | MatrixProgress
  | { type: 'done'; cancelled: boolean; elapsedMs: number; rerun: boolean }
  | { type: 'failed'; code: string; message: string };

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
