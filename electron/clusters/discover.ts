// Discovery for one profile in one region: ListClusters then DescribeCluster of each, reporting as it goes.
import type { EKSClient } from '@aws-sdk/client-eks';
import { describeCluster, listClusterNames, type CallRunner } from './describe.js';
import { awsErrorOf, isAccessDenied } from './errors.js';
import type { DiscoveredCluster, DiscoveryDenial, DiscoveryFailure } from './types.js';

export interface DiscoveryListener {
  cluster(described: Omit<DiscoveredCluster, 'describedBy'>, profile: string): void;
  denied(denial: DiscoveryDenial): void;
  failed(failure: DiscoveryFailure): void;
}

/**
 * Never throws (an abort ends it quietly); every outcome goes to the listener. `claim(name)` says whether this
 * profile is the first to describe that cluster: the others still describe it (describedBy lists every profile
 * that can), at low priority, so clusters no one has described yet are found first.
 */
export async function discoverInRegion(
  profile: string,
  region: string,
  eks: EKSClient,
  run: CallRunner,
  listener: DiscoveryListener,
  signal?: AbortSignal,
  claim: (name: string) => boolean = () => true,
): Promise<void> {
  let names: string[];
  try {
    names = await listClusterNames(eks, run, signal);
  } catch (err) {
    if (signal?.aborted) return;
    report(listener, { profile, region, operation: 'ListClusters' }, err);
    return;
  }
  await Promise.all(
    names.map(async (name) => {
      try {
        listener.cluster(await describeCluster(eks, name, region, run, signal, claim(name) ? 'high' : 'low'), profile);
      } catch (err) {
        if (signal?.aborted) return;
        report(listener, { profile, region, operation: 'DescribeCluster', cluster: name }, err);
      }
    }),
  );
}

function report(listener: DiscoveryListener, where: Pick<DiscoveryFailure, 'profile' | 'region' | 'cluster'> & { operation: 'ListClusters' | 'DescribeCluster' }, err: unknown): void {
  const { code, message } = awsErrorOf(err);
  if (isAccessDenied(code)) listener.denied({ ...where, code, message });
  else listener.failed({ ...where, code, message });
}
