import type { MatrixCluster } from '../../shared/matrix-types.js';

/** A cluster found by discovery. `caData` is public (the cluster's CA certificate), not a secret. */
export interface DiscoveredCluster extends MatrixCluster {
  /** base64 PEM of the cluster CA, from DescribeCluster's certificateAuthority.data. */
  caData: string;
  /** The cluster's ID when it is a local cluster on AWS Outposts (DescribeCluster has outpostConfig). */
  outpostId?: string;
}

/** A profile that may not list or describe clusters in a region: recorded, not a failure of the scan. */
export interface DiscoveryDenial {
  profile: string;
  region: string;
  operation: 'ListClusters' | 'DescribeCluster';
  cluster?: string;
  code: string;
  message: string;
}

/** Any other discovery failure for one profile and region (invalid keys, timeouts, throttling beyond the retries). */
export interface DiscoveryFailure {
  profile: string;
  region: string;
  operation: 'ListClusters' | 'DescribeCluster' | 'GetCallerIdentity';
  cluster?: string;
  code: string;
  message: string;
}
