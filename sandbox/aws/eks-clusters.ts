// EKS cluster operations: ListClusters, DescribeCluster, UpdateClusterConfig, DescribeUpdate, ListUpdates.
import { randomUUID } from 'node:crypto';
import { authorize } from './iam-authorize.js';
import { jsonResponse } from './errors.js';
import type { AwsRequest, AwsResponse, SignedContext } from './types.js';
import type { AuthenticationMode, ClusterState, ClusterUpdate } from '../world/types.js';
import { defaultAccessEntryUsername } from '../world/world.js';
import { accessPolicyArn } from '../world/partitions.js';
import { stableHex } from '../world/ids.js';
import { EksError, clusterArn, epochSeconds, invalidParameter, jsonBody, maxResults, page, requireCluster } from './eks-common.js';
import { recordEksWrite } from './eks-trail.js';

export const LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;
const MODE_ORDER: AuthenticationMode[] = ['CONFIG_MAP', 'API_AND_CONFIG_MAP', 'API'];

export function listClusters(req: AwsRequest, ctx: SignedContext): AwsResponse {
  authorize(ctx, 'eks:ListClusters', `arn:${ctx.world.partitionOf(ctx.caller.account)}:eks:${ctx.region}:${ctx.caller.account}:cluster/*`);
  const limit = maxResults(req, 100) ?? 100;
  const names = ctx.world.clustersIn(ctx.caller.account, ctx.region).map((c) => c.name).sort();
  const p = page(names, req, 'clusters', limit);
  return jsonResponse({ clusters: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) });
}

export function describeCluster(_req: AwsRequest, ctx: SignedContext, name: string): AwsResponse {
  authorize(ctx, 'eks:DescribeCluster', clusterArn(ctx, name));
  return jsonResponse({ cluster: clusterView(requireCluster(ctx, name)) });
}

export function loggingView(enabled: Set<string>): { clusterLogging: Array<{ types: string[]; enabled: boolean }> } {
  const on = LOG_TYPES.filter((t) => enabled.has(t));
  const off = LOG_TYPES.filter((t) => !enabled.has(t));
  const clusterLogging: Array<{ types: string[]; enabled: boolean }> = [];
  if (on.length) clusterLogging.push({ types: on, enabled: true });
  if (off.length) clusterLogging.push({ types: off, enabled: false });
  return { clusterLogging };
}

/** DescribeCluster's `cluster` object (docs/eks-authentication.md §7). */
export function clusterView(c: ClusterState): Record<string, unknown> {
  const h = (seed: string, n: number) => stableHex(`${c.arn}#${seed}`, n);
  const creating = c.status === 'CREATING';
  return {
    name: c.name,
    arn: c.arn,
    createdAt: epochSeconds(c.createdAt),
    version: c.version,
    // A cluster still being created has no endpoint or CA yet, as in EKS.
    ...(creating ? {} : { endpoint: c.endpoint || `https://${c.idSuffix}.gr7.${c.region}.eks.amazonaws.com` }),
    roleArn: c.roleArn,
    resourcesVpcConfig: {
      subnetIds: [`subnet-${h('subnet-a', 17)}`, `subnet-${h('subnet-b', 17)}`],
      securityGroupIds: [],
      clusterSecurityGroupId: `sg-${h('sg', 17)}`,
      vpcId: `vpc-${h('vpc', 17)}`,
      endpointPublicAccess: c.endpointPublicAccess,
      endpointPrivateAccess: c.endpointPrivateAccess,
      publicAccessCidrs: c.publicAccessCidrs,
    },
    kubernetesNetworkConfig: { serviceIpv4Cidr: '10.100.0.0/16', ipFamily: 'ipv4', elasticLoadBalancing: { enabled: false } },
    logging: loggingView(c.logging),
    identity: { oidc: { issuer: `https://oidc.eks.${c.region}.amazonaws.com/id/${c.idSuffix}` } },
    status: c.status,
    ...(creating ? {} : { certificateAuthority: { data: c.caData } }),
    platformVersion: c.platformVersion,
    tags: c.tags,
    health: { issues: [] },
    accessConfig: {
      bootstrapClusterCreatorAdminPermissions: c.bootstrapClusterCreatorAdminPermissions,
      authenticationMode: c.authenticationMode,
    },
    upgradePolicy: { supportType: 'EXTENDED' },
  };
}

export function updateView(u: ClusterUpdate): Record<string, unknown> {
  return { id: u.id, status: u.status, type: u.type, params: u.params, createdAt: epochSeconds(u.createdAt), errors: u.errors };
}

type LogSetup = { types: string[]; enabled: boolean };

function parseLogging(raw: unknown, clusterName: string): LogSetup[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const setups = (raw as { clusterLogging?: unknown }).clusterLogging;
  if (typeof raw !== 'object' || !Array.isArray(setups)) throw invalidParameter('logging.clusterLogging must be a list.', clusterName);
  return setups.map((s: unknown) => {
    const { types, enabled } = (s ?? {}) as { types?: unknown; enabled?: unknown };
    if (!Array.isArray(types)) throw invalidParameter('logging.clusterLogging[].types must be a list.', clusterName);
    for (const t of types) {
      if (!(LOG_TYPES as readonly unknown[]).includes(t)) {
        throw invalidParameter(`Invalid log type: ${String(t)}. Valid values are ${LOG_TYPES.join(', ')}.`, clusterName);
      }
    }
    return { types: types as string[], enabled: enabled !== false };
  });
}

export function updateClusterConfig(req: AwsRequest, ctx: SignedContext, name: string): AwsResponse {
  authorize(ctx, 'eks:UpdateClusterConfig', clusterArn(ctx, name));
  const cluster = requireCluster(ctx, name);
  const body = jsonBody(req);
  const loggingSetups = parseLogging(body.logging, name);
  const accessConfig = body.accessConfig as { authenticationMode?: unknown } | undefined;
  const wantsMode = accessConfig !== undefined && accessConfig !== null;
  const vpc = body.resourcesVpcConfig as Record<string, unknown> | undefined | null;
  const wantsVpc = vpc !== undefined && vpc !== null;
  const otherChanges = ['upgradePolicy', 'zonalShiftConfig', 'computeConfig', 'kubernetesNetworkConfig', 'storageConfig', 'remoteNetworkConfig', 'deletionProtection']
    .filter((k) => body[k] !== undefined && body[k] !== null);
  if ([loggingSetups !== undefined, wantsMode, wantsVpc, otherChanges.length > 0].filter(Boolean).length > 1) {
    throw invalidParameter('Only one type of update can be allowed.', name);
  }
  if (otherChanges.length > 0) throw invalidParameter(`The sandbox does not support updating ${otherChanges[0]}.`, name);
  if (cluster.status !== 'ACTIVE') {
    throw new EksError(409, 'ResourceInUseException', `Cluster has status ${cluster.status}; updates are only allowed when it is ACTIVE.`, { clusterName: name });
  }
  let update: ClusterUpdate;
  if (loggingSetups !== undefined) {
    const next = new Set(cluster.logging);
    for (const s of loggingSetups) {
      for (const t of s.types) {
        if (s.enabled) next.add(t);
        else next.delete(t);
      }
    }
    if (sameSet(next, cluster.logging)) throw invalidParameter('No changes needed for the logging config provided', name);
    cluster.logging = next;
    if (next.size > 0) ctx.world.logGroup(cluster.account, cluster.region, `/aws/eks/${cluster.name}/cluster`, true);
    update = newUpdate(ctx, 'LoggingUpdate', [{ type: 'ClusterLogging', value: JSON.stringify(loggingView(next)) }]);
  } else if (wantsMode) {
    const mode = accessConfig!.authenticationMode;
    if (typeof mode !== 'string' || !MODE_ORDER.includes(mode as AuthenticationMode)) {
      throw invalidParameter(`Invalid authentication mode: ${String(mode)}. Valid values are ${MODE_ORDER.join(', ')}.`, name);
    }
    const from = MODE_ORDER.indexOf(cluster.authenticationMode);
    const to = MODE_ORDER.indexOf(mode as AuthenticationMode);
    if (to !== from + 1) throw invalidParameter(`Unsupported authentication mode update from ${cluster.authenticationMode} to ${mode}`, name);
    if (cluster.authenticationMode === 'CONFIG_MAP') addCreatorEntry(ctx, cluster);
    cluster.authenticationMode = mode as AuthenticationMode;
    update = newUpdate(ctx, 'AccessConfigUpdate', [{ type: 'AuthenticationMode', value: mode }]);
  } else if (wantsVpc) {
    update = updateEndpointAccess(ctx, cluster, vpc!);
  } else {
    throw invalidParameter('No changes were specified. Provide logging or accessConfig to update the cluster configuration.', name);
  }
  cluster.updates.set(update.id, update);
  const response = { update: updateView(update) };
  recordEksWrite(ctx, 'UpdateClusterConfig', name, { name, ...(body.logging ? { logging: body.logging } : {}), ...(wantsMode ? { accessConfig } : {}), ...(wantsVpc ? { resourcesVpcConfig: vpc } : {}) }, response);
  return jsonResponse(response);
}

/**
 * Leaving CONFIG_MAP: the creator's invisible admin mapping becomes a visible access entry with
 * AmazonEKSClusterAdminPolicy, as EKS does when bootstrapClusterCreatorAdminPermissions was true.
 */
function addCreatorEntry(ctx: SignedContext, c: ClusterState): void {
  if (!c.bootstrapClusterCreatorAdminPermissions || !c.creatorArn || c.accessEntries.has(c.creatorArn)) return;
  const now = ctx.world.now();
  c.accessEntries.set(c.creatorArn, {
    principalArn: c.creatorArn,
    principalId: c.creatorPrincipalId ?? '',
    kubernetesGroups: [],
    username: defaultAccessEntryUsername(c.creatorArn),
    type: 'STANDARD',
    createdAt: now,
    modifiedAt: now,
    tags: {},
    policies: [{ policyArn: accessPolicyArn(ctx.world.partitionOf(c.account), 'AmazonEKSClusterAdminPolicy'), accessScope: { type: 'cluster', namespaces: [] }, associatedAt: now, modifiedAt: now }],
  });
}

/** resourcesVpcConfig: endpoint public/private access and public CIDRs (EndpointAccessUpdate). */
function updateEndpointAccess(ctx: SignedContext, c: ClusterState, vpc: Record<string, unknown>): ClusterUpdate {
  if (typeof vpc !== 'object' || Array.isArray(vpc)) throw invalidParameter('resourcesVpcConfig must be an object.', c.name);
  if (vpc.subnetIds !== undefined || vpc.securityGroupIds !== undefined) throw invalidParameter('The sandbox does not support updating subnets or security groups.', c.name);
  const bool = (k: string, current: boolean) => {
    const v = vpc[k];
    if (v === undefined || v === null) return current;
    if (typeof v !== 'boolean') throw invalidParameter(`${k} must be a boolean.`, c.name);
    return v;
  };
  const pub = bool('endpointPublicAccess', c.endpointPublicAccess);
  const priv = bool('endpointPrivateAccess', c.endpointPrivateAccess);
  const rawCidrs = vpc.publicAccessCidrs;
  if (rawCidrs !== undefined && rawCidrs !== null && (!Array.isArray(rawCidrs) || rawCidrs.some((x) => typeof x !== 'string' || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(x)))) {
    throw invalidParameter('publicAccessCidrs must be a list of IPv4 CIDR blocks.', c.name);
  }
  const cidrs = pub ? ((rawCidrs as string[] | undefined) ?? (c.publicAccessCidrs.length ? c.publicAccessCidrs : ['0.0.0.0/0'])) : [];
  if (!pub && !priv) throw invalidParameter('Invalid endpoint access configuration: endpointPublicAccess and endpointPrivateAccess cannot both be false.', c.name);
  if (pub === c.endpointPublicAccess && priv === c.endpointPrivateAccess && JSON.stringify(cidrs) === JSON.stringify(c.publicAccessCidrs)) {
    throw invalidParameter(
      `Cluster is already at the desired configuration with endpointPrivateAccess: ${priv} , endpointPublicAccess: ${pub}, and Public Endpoint Restrictions: [${cidrs.join(', ')}]`,
      c.name,
    );
  }
  c.endpointPublicAccess = pub;
  c.endpointPrivateAccess = priv;
  c.publicAccessCidrs = [...cidrs];
  return newUpdate(ctx, 'EndpointAccessUpdate', [
    { type: 'EndpointPublicAccess', value: String(pub) },
    { type: 'EndpointPrivateAccess', value: String(priv) },
    { type: 'PublicAccessCidrs', value: JSON.stringify(cidrs) },
  ]);
}

function newUpdate(ctx: SignedContext, type: string, params: ClusterUpdate['params']): ClusterUpdate {
  return { id: randomUUID(), status: 'Successful', type, params, createdAt: ctx.world.now(), errors: [] };
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

export function describeUpdate(_req: AwsRequest, ctx: SignedContext, name: string, updateId: string): AwsResponse {
  authorize(ctx, 'eks:DescribeUpdate', clusterArn(ctx, name));
  const cluster = requireCluster(ctx, name);
  const update = cluster.updates.get(updateId);
  if (!update) throw new EksError(404, 'ResourceNotFoundException', `No update found for ID: ${updateId}.`, { clusterName: name });
  return jsonResponse({ update: updateView(update) });
}

export function listUpdates(req: AwsRequest, ctx: SignedContext, name: string): AwsResponse {
  authorize(ctx, 'eks:ListUpdates', clusterArn(ctx, name));
  const cluster = requireCluster(ctx, name);
  const ids = [...cluster.updates.values()].sort((a, b) => a.createdAt - b.createdAt).map((u) => u.id);
  const p = page(ids, req, `updates/${name}`, maxResults(req, 100) ?? 100);
  return jsonResponse({ updateIds: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) });
}
