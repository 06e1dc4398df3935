// `--profile P --cluster NAME [--region R]`, checked with the contract's schemas: the profile name as the cell
// channels check it, the region with the app's region rule, the cluster name as the contract's cluster ARN holds it.
import { clusterName, regionName, type ChannelName } from '../../shared/contract.js';
import { contractFields, contractValue } from './contract-request.js';
import { str, type Flags } from './result.js';

export interface ClusterFlags {
  profile: string;
  cluster: string;
  region?: string;
}

export function clusterFlags(flags: Flags, channel: ChannelName): ClusterFlags {
  const profile = str(flags, 'profile')!;
  const cluster = str(flags, 'cluster')!;
  const region = str(flags, 'region');
  contractFields(channel, { profile });
  contractValue(clusterName, 'cluster', cluster);
  if (region !== undefined) contractValue(regionName, 'region', region);
  return { profile, cluster, ...(region ? { region } : {}) };
}
