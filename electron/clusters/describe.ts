import { DescribeClusterCommand, ListClustersCommand, type EKSClient } from '@aws-sdk/client-eks';
import { parseClusterArn } from '../../shared/cluster-arn.js';
import { abortable } from '../common/on-abort.js';
import type { DiscoveredCluster } from './types.js';

/** No account has more pages than this (100 clusters a page); guards against a nextToken that never ends. */
const MAX_PAGES = 1000;

/**
 * Runs one AWS call; the scan passes its per-account limiter and counts the call. `low`: a call that finds
 * nothing new (another profile already described the cluster) waits until the calls that may do.
 */
export type CallRunner = <T>(call: () => Promise<T>, priority?: 'high' | 'low') => Promise<T>;

// No per-call options on these sends: the scan's EKS clients cache their middleware (cacheMiddleware), which the
// SDK only uses for option-less calls; cancelling stops the wait instead of the request (it ends by its timeout).

/** Every cluster name in the client's region (ListClusters, paginated). */
export async function listClusterNames(eks: EKSClient, run: CallRunner, signal?: AbortSignal): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await run(() => abortable(eks.send(new ListClustersCommand({ maxResults: 100, ...(nextToken ? { nextToken } : {}) })), signal));
    names.push(...(out.clusters ?? []));
    nextToken = out.nextToken || undefined;
    if (!nextToken) break;
  }
  return names;
}

/** DescribeCluster, reduced to what the matrix and the probe need. */
export async function describeCluster(
  eks: EKSClient,
  name: string,
  region: string,
  run: CallRunner,
  signal?: AbortSignal,
  priority: 'high' | 'low' = 'high',
): Promise<Omit<DiscoveredCluster, 'describedBy'>> {
  const out = await run(() => abortable(eks.send(new DescribeClusterCommand({ name })), signal), priority);
  const c = out.cluster;
  if (!c?.arn) throw new Error(`DescribeCluster returned no cluster for ${name}`);
  const parts = parseClusterArn(c.arn);
  const account = parts?.account ?? '';
  return {
    name: c.name ?? name,
    region: parts?.region || region,
    arn: c.arn,
    account,
    endpoint: c.endpoint ?? '',
    caData: c.certificateAuthority?.data ?? '',
    ...(c.status ? { status: c.status } : {}),
    // A local cluster on AWS Outposts: kubectl's token names it by its ID (update_kubeconfig.py get_user_entry).
    ...(c.outpostConfig && c.id ? { outpostId: c.id } : {}),
    ...(c.version ? { version: c.version } : {}),
    ...(c.accessConfig?.authenticationMode ? { authenticationMode: c.accessConfig.authenticationMode } : {}),
    ...(c.resourcesVpcConfig ? { endpointPublicAccess: c.resourcesVpcConfig.endpointPublicAccess, endpointPrivateAccess: c.resourcesVpcConfig.endpointPrivateAccess } : {}),
  };
}
