import type { MatrixProfile, MatrixProgress, ScanEventOf } from '../../shared/matrix-types.js';
import type { DiscoveredCluster, DiscoveryDenial, DiscoveryFailure } from '../clusters/types.js';
import type { CellResult } from '../probe/types.js';

/** A profile (row) as the scan knows it, no secrets: the contract's MatrixProfile. Its status is the profiles
 *  domain's ('valid' | 'invalid' | 'expired' | 'mfa-needed' | 'sso-login-needed' | 'error') or 'pending'. */
export type ScanProfile = MatrixProfile;

/** A cluster (column) without the CA (the UI does not need it). */
export type ScanCluster = Omit<DiscoveredCluster, 'caData'>;

/** Progress of a run; `total` is the cells known so far and grows while discovery finds clusters. */
export type ScanProgress = MatrixProgress;

export type ScanEvent = ScanEventOf<ScanCluster, DiscoveryDenial, DiscoveryFailure, CellResult>;

/** The whole matrix at a point in time. */
export interface MatrixSnapshot {
  profiles: ScanProfile[];
  clusters: ScanCluster[];
  cells: CellResult[];
  denials: DiscoveryDenial[];
  failures: DiscoveryFailure[];
  regions: string[];
  elapsedMs: number;
  cancelled: boolean;
  stats: ScanStats;
}

export interface ScanStats {
  /** AWS requests sent (each retry attempt counts). */
  awsRequests: number;
  /** Kubernetes requests sent (each retry attempt counts). */
  kubeRequests: number;
  /** Most requests in flight at once. */
  peakKubeInFlight: number;
  peakAwsInFlight: number;
  /** Where the Kubernetes probes ran ('main' when the worker thread was not wanted or could not run). */
  probeThread: 'worker' | 'main';
  /** Why the probes ran on the main thread although a worker was wanted. */
  probeThreadFallback?: string;
  settings: { kubeConcurrency: number; kubeConcurrencyPerCluster: number; awsConcurrencyPerAccount: number; timeoutMs: number };
  accounts: number;
  /** ListClusters and DescribeCluster calls made under each account's limit (benchmarks: the per-account bound). */
  discoveryCallsByAccount?: Record<string, number>;
}
