// Shared shapes of the granting-access library: the cluster written to and the identity doing the write.
import type { AwsCredentialIdentity } from '@smithy/types';

export type AuthenticationMode = 'CONFIG_MAP' | 'API_AND_CONFIG_MAP' | 'API';

export interface ClusterTarget {
  name: string;
  region: string;
  arn: string;
  endpoint: string;
  /** Base64 PEM of the cluster CA (DescribeCluster's certificateAuthority.data). */
  caData: string;
  authenticationMode: AuthenticationMode;
}

/** The profile whose credentials make the change. Credentials stay in the main process; plans never carry them. */
export interface Writer {
  profile: string;
  credentials: AwsCredentialIdentity;
}

export type AwsAuthKey = 'mapRoles' | 'mapUsers';
