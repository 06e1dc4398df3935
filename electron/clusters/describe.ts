import { DescribeClusterCommand, ListClustersCommand, type EKSClient } from '@aws-sdk/client-eks';
import type { DiscoveredCluster } from './types.js';

/** No account has more pages than this (100 clusters a page); guards against a nextToken that never ends. */
const MAX_PAGES = 1000;

/** Runs one AWS call; the scan passes its per-account limiter and counts the call. */
export type CallRunner = <T>(call: () => Promise<T>) => Promise<T>;

/** Every cluster name in the client's region (ListClusters, paginated). */
export async function listClusterNames(eks: EKSClient, run: CallRunner, signal?: AbortSignal): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await run(() => eks.send(new ListClustersCommand({ maxResults: 100, ...(nextToken ? { nextToken } : {}) }), { abortSignal: signal }));
    names.push(...(out.clusters ?? []));
    nextToken = out.nextToken || undefined;
    if (!nextToken) break;
  }
  return names;
}

/** DescribeCluster, reduced to what the matrix and the probe need. */
export async function describeCluster(eks: EKSClient, name: string, region: string, run: CallRunner, signal?: AbortSignal): Promise<Omit<DiscoveredCluster, 'describedBy'>> {
  const out = await run(() => eks.send(new DescribeClusterCommand({ name }), { abortSignal: signal }));
  const c = out.cluster;
  if (!c?.arn) throw new Error(`DescribeCluster returned no cluster for ${name}`);
  const account = c.arn.split(':')[4] ?? '';
  return {
    name: c.name ?? name,
    region: c.arn.split(':')[3] || region,
    arn: c.arn,
    account,
    endpoint: c.endpoint ?? '',
    caData: c.certificateAuthority?.data ?? '',
    ...(c.status ? { status: c.status } : {}),
    ...(c.version ? { version: c.version } : {}),
    ...(c.accessConfig?.authenticationMode ? { authenticationMode: c.accessConfig.authenticationMode } : {}),
    ...(c.resourcesVpcConfig ? { endpointPublicAccess: c.resourcesVpcConfig.endpointPublicAccess, endpointPrivateAccess: c.resourcesVpcConfig.endpointPrivateAccess } : {}),
  };
}
