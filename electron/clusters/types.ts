/** A cluster found by discovery. `caData` is public (the cluster's CA certificate), not a secret. */
export interface DiscoveredCluster {
  name: string;
  region: string;
  arn: string;
  account: string;
  endpoint: string;
  /** base64 PEM of the cluster CA, from DescribeCluster's certificateAuthority.data. */
  caData: string;
  status?: string;
  version?: string;
  authenticationMode?: string;
  endpointPublicAccess?: boolean;
  endpointPrivateAccess?: boolean;
  /** Profiles whose DescribeCluster succeeded for this cluster, in the order they did. */
  describedBy: string[];
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
