// EKS access entries and access policy associations (the API authentication modes).
import { authorize } from './iam-authorize.js';
import { jsonResponse } from './errors.js';
import type { AwsRequest, AwsResponse, SignedContext } from './types.js';
import type { AccessEntry, AssociatedPolicy, ClusterState } from '../world/types.js';
import { defaultAccessEntryUsername } from '../world/world.js';
import { stableHex } from '../world/ids.js';
import {
  EksError,
  clusterArn,
  epochSeconds,
  invalidParameter,
  invalidRequest,
  jsonBody,
  maxResults,
  optString,
  optStringList,
  optTags,
  page,
  requireApiMode,
  requireCluster,
} from './eks-common.js';
import { accessPoliciesIn, isAccessPolicyArn } from './eks-policies.js';
import { recordEksWrite } from './eks-trail.js';

const ENTRY_TYPES = ['STANDARD', 'EC2_LINUX', 'EC2_WINDOWS', 'FARGATE_LINUX', 'EC2', 'HYBRID_LINUX', 'HYPERPOD_LINUX'];
const RESERVED_USERNAME_PREFIXES = ['system:', 'amazon:', 'aws:', 'eks:', 'iam:'];
const INVALID_PRINCIPAL = 'The specified principalArn is invalid: invalid principal.';
const ENTRY_NOT_FOUND = "The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'.";

/** Cluster for an access-entry call: IAM first, then existence, then the mode. */
function entryCluster(ctx: SignedContext, action: string, name: string): ClusterState {
  authorize(ctx, action, clusterArn(ctx, name));
  const cluster = requireCluster(ctx, name);
  requireApiMode(cluster);
  return cluster;
}

function requireEntry(cluster: ClusterState, principalArn: string): AccessEntry {
  const entry = cluster.accessEntries.get(principalArn);
  if (!entry) throw new EksError(404, 'ResourceNotFoundException', ENTRY_NOT_FOUND, { clusterName: cluster.name });
  return entry;
}

function entryArn(cluster: ClusterState, e: AccessEntry): string {
  const m = /^arn:[\w-]+:iam::(\d{12}):(user|role)\/(?:.*\/)?([^/]+)$/.exec(e.principalArn);
  const h = stableHex(`${e.principalArn}#${e.principalId}`, 32);
  const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  const tail = m ? `${m[2]}/${m[1]}/${m[3]}` : 'principal';
  return `${cluster.arn.split(':cluster/')[0]}:access-entry/${cluster.name}/${tail}/${id}`;
}

export function entryView(cluster: ClusterState, e: AccessEntry): Record<string, unknown> {
  return {
    clusterName: cluster.name,
    principalArn: e.principalArn,
    kubernetesGroups: e.kubernetesGroups,
    accessEntryArn: entryArn(cluster, e),
    createdAt: epochSeconds(e.createdAt),
    modifiedAt: epochSeconds(e.modifiedAt),
    tags: e.tags,
    username: e.username,
    type: e.type,
  };
}

function policyView(p: AssociatedPolicy): Record<string, unknown> {
  return {
    policyArn: p.policyArn,
    accessScope: { type: p.accessScope.type, namespaces: p.accessScope.namespaces },
    associatedAt: epochSeconds(p.associatedAt),
    modifiedAt: epochSeconds(p.modifiedAt),
  };
}

function checkGroupsAndUsername(groups: string[] | undefined, username: string | undefined, clusterName: string): void {
  for (const g of groups ?? []) {
    if (g.startsWith('system:')) throw invalidParameter(`The kubernetes group name ${g} is invalid, it cannot start with system:`, clusterName);
    if (g.trim() === '') throw invalidParameter('The kubernetes group name must not be empty.', clusterName);
  }
  if (username !== undefined) {
    const reserved = RESERVED_USERNAME_PREFIXES.find((p) => username.startsWith(p));
    if (reserved) throw invalidParameter(`The username ${username} is invalid, it cannot start with ${reserved}`, clusterName);
  }
}

export function createAccessEntry(req: AwsRequest, ctx: SignedContext, name: string): AwsResponse {
  const cluster = entryCluster(ctx, 'eks:CreateAccessEntry', name);
  const body = jsonBody(req);
  const principalArn = optString(body, 'principalArn');
  if (!principalArn) throw invalidParameter('principalArn is required.', name);
  const groups = optStringList(body, 'kubernetesGroups');
  const username = optString(body, 'username');
  const type = optString(body, 'type') ?? 'STANDARD';
  const tags = optTags(body);
  if (!ENTRY_TYPES.includes(type)) throw invalidParameter(`The specified type ${type} is invalid. Valid values are ${ENTRY_TYPES.join(', ')}.`, name);
  // Access entries take IAM user or role ARNs only: an sts assumed-role session ARN is rejected.
  if (!/^arn:aws[\w-]*:iam::\d{12}:(user|role)\/.+$/.test(principalArn)) throw invalidParameter(INVALID_PRINCIPAL, name);
  const principal = ctx.world.principals.get(principalArn);
  if (!principal) throw invalidParameter(INVALID_PRINCIPAL, name);
  if (cluster.accessEntries.has(principalArn)) {
    throw new EksError(409, 'ResourceInUseException', 'The specified access entry resource is already in use on this cluster.', { clusterName: name });
  }
  if (type !== 'STANDARD' && ((groups && groups.length > 0) || username)) {
    throw invalidParameter(`kubernetesGroups and username cannot be specified for access entries of type ${type}.`, name);
  }
  checkGroupsAndUsername(groups, username, name);
  const now = ctx.world.now();
  const entry: AccessEntry = {
    principalArn,
    principalId: principal.uniqueId,
    kubernetesGroups: type === 'STANDARD' ? [...(groups ?? [])] : type === 'FARGATE_LINUX' ? ['system:node-proxier', 'system:nodes'] : ['system:nodes'],
    username: username || nodeUsername(type) || defaultAccessEntryUsername(principalArn),
    type,
    createdAt: now,
    modifiedAt: now,
    tags,
    policies: [],
  };
  cluster.accessEntries.set(principalArn, entry);
  const response = { accessEntry: entryView(cluster, entry) };
  recordEksWrite(ctx, 'CreateAccessEntry', name, { clusterName: name, ...body }, response);
  return jsonResponse(response);
}

function nodeUsername(type: string): string | undefined {
  if (type === 'FARGATE_LINUX') return 'system:node:{{SessionName}}';
  if (type === 'STANDARD') return undefined;
  return 'system:node:{{EC2PrivateDNSName}}';
}

export function listAccessEntries(req: AwsRequest, ctx: SignedContext, name: string): AwsResponse {
  const cluster = entryCluster(ctx, 'eks:ListAccessEntries', name);
  const filter = req.query.get('associatedPolicyArn');
  if (filter && !isAccessPolicyArn(filter, ctx.world.partitionOf(ctx.caller.account))) throw invalidParameter(`The specified associatedPolicyArn ${filter} is invalid.`, name);
  const arns = [...cluster.accessEntries.values()]
    .filter((e) => !filter || e.policies.some((p) => p.policyArn === filter))
    .map((e) => e.principalArn)
    .sort();
  const p = page(arns, req, `access-entries/${name}`, maxResults(req, 100) ?? 100);
  return jsonResponse({ accessEntries: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) });
}

export function describeAccessEntry(_req: AwsRequest, ctx: SignedContext, name: string, principalArn: string): AwsResponse {
  const cluster = entryCluster(ctx, 'eks:DescribeAccessEntry', name);
  return jsonResponse({ accessEntry: entryView(cluster, requireEntry(cluster, principalArn)) });
}

export function deleteAccessEntry(_req: AwsRequest, ctx: SignedContext, name: string, principalArn: string): AwsResponse {
  const cluster = entryCluster(ctx, 'eks:DeleteAccessEntry', name);
  requireEntry(cluster, principalArn);
  cluster.accessEntries.delete(principalArn);
  recordEksWrite(ctx, 'DeleteAccessEntry', name, { clusterName: name, principalArn }, null);
  return jsonResponse({});
}

export function updateAccessEntry(req: AwsRequest, ctx: SignedContext, name: string, principalArn: string): AwsResponse {
  const cluster = entryCluster(ctx, 'eks:UpdateAccessEntry', name);
  const entry = requireEntry(cluster, principalArn);
  const body = jsonBody(req);
  const groups = optStringList(body, 'kubernetesGroups');
  const username = optString(body, 'username');
  if (entry.type !== 'STANDARD' && (groups !== undefined || username !== undefined)) {
    throw invalidParameter(`kubernetesGroups and username cannot be updated for access entries of type ${entry.type}.`, name);
  }
  checkGroupsAndUsername(groups, username, name);
  if (groups !== undefined) entry.kubernetesGroups = [...groups];
  if (username !== undefined) entry.username = username || defaultAccessEntryUsername(principalArn);
  entry.modifiedAt = ctx.world.now();
  const response = { accessEntry: entryView(cluster, entry) };
  recordEksWrite(ctx, 'UpdateAccessEntry', name, { clusterName: name, principalArn, ...body }, response);
  return jsonResponse(response);
}

function parseScope(raw: unknown, clusterName: string): AssociatedPolicy['accessScope'] {
  if (raw === undefined || raw === null || typeof raw !== 'object') throw invalidParameter('accessScope is required.', clusterName);
  const { type, namespaces } = raw as { type?: unknown; namespaces?: unknown };
  if (type !== 'cluster' && type !== 'namespace') throw invalidParameter(`The accessScope type ${String(type)} is invalid. Valid values are cluster, namespace.`, clusterName);
  if (namespaces !== undefined && namespaces !== null && (!Array.isArray(namespaces) || namespaces.some((n) => typeof n !== 'string' || n === ''))) {
    throw invalidParameter('accessScope.namespaces must be a list of namespace names.', clusterName);
  }
  const list = (namespaces as string[] | undefined) ?? [];
  if (type === 'namespace' && list.length === 0) throw invalidParameter('At least one namespace must be specified when accessScope type is namespace.', clusterName);
  if (type === 'cluster' && list.length > 0) throw invalidParameter('Namespaces cannot be specified when accessScope type is cluster.', clusterName);
  return { type, namespaces: [...list] };
}

export function associateAccessPolicy(req: AwsRequest, ctx: SignedContext, name: string, principalArn: string): AwsResponse {
  const cluster = entryCluster(ctx, 'eks:AssociateAccessPolicy', name);
  const entry = requireEntry(cluster, principalArn);
  const body = jsonBody(req);
  const policyArn = optString(body, 'policyArn');
  if (!policyArn) throw invalidParameter('policyArn is required.', name);
  if (!isAccessPolicyArn(policyArn, ctx.world.partitionOf(ctx.caller.account))) throw invalidParameter(`The specified policyArn ${policyArn} is invalid.`, name);
  const accessScope = parseScope(body.accessScope, name);
  if (entry.type !== 'STANDARD') throw invalidRequest('Access policies can only be associated with access entries of type STANDARD.', name);
  const now = ctx.world.now();
  let assoc = entry.policies.find((p) => p.policyArn === policyArn);
  if (assoc) {
    assoc.accessScope = accessScope;
    assoc.modifiedAt = now;
  } else {
    assoc = { policyArn, accessScope, associatedAt: now, modifiedAt: now };
    entry.policies.push(assoc);
  }
  const response = { clusterName: name, principalArn, associatedAccessPolicy: policyView(assoc) };
  recordEksWrite(ctx, 'AssociateAccessPolicy', name, { clusterName: name, principalArn, policyArn, accessScope }, response);
  return jsonResponse(response);
}

export function disassociateAccessPolicy(_req: AwsRequest, ctx: SignedContext, name: string, principalArn: string, policyArn: string): AwsResponse {
  const cluster = entryCluster(ctx, 'eks:DisassociateAccessPolicy', name);
  const entry = requireEntry(cluster, principalArn);
  const i = entry.policies.findIndex((p) => p.policyArn === policyArn);
  if (i < 0) {
    throw new EksError(404, 'ResourceNotFoundException', `The specified policyArn ${policyArn} is not associated with the access entry.`, { clusterName: name });
  }
  entry.policies.splice(i, 1);
  recordEksWrite(ctx, 'DisassociateAccessPolicy', name, { clusterName: name, principalArn, policyArn }, null);
  return jsonResponse({});
}

export function listAssociatedAccessPolicies(req: AwsRequest, ctx: SignedContext, name: string, principalArn: string): AwsResponse {
  const cluster = entryCluster(ctx, 'eks:ListAssociatedAccessPolicies', name);
  const entry = requireEntry(cluster, principalArn);
  const p = page(entry.policies.map(policyView), req, `policies/${name}/${principalArn}`, maxResults(req, 100) ?? 100);
  return jsonResponse({ clusterName: name, principalArn, associatedAccessPolicies: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) });
}

export function listAccessPolicies(req: AwsRequest, ctx: SignedContext): AwsResponse {
  authorize(ctx, 'eks:ListAccessPolicies', '*');
  const p = page(accessPoliciesIn(ctx.world.partitionOf(ctx.caller.account)), req, 'access-policies', maxResults(req, 100) ?? 100);
  return jsonResponse({ accessPolicies: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) });
}
