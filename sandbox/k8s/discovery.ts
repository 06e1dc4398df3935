// Legacy discovery documents (kubectl 1.32 accepts them when it asks for aggregated discovery first)
// and /version, for the resources this API server serves.
import type { ClusterState } from '../world/types.js';

interface ApiResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
}

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const CORE_RESOURCES: ApiResource[] = [
  { name: 'configmaps', singularName: 'configmap', namespaced: true, kind: 'ConfigMap', verbs: CRUD, shortNames: ['cm'] },
  { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['ns'] },
  { name: 'endpoints', singularName: 'endpoints', namespaced: true, kind: 'Endpoints', verbs: CRUD, shortNames: ['ep'] },
  { name: 'events', singularName: 'event', namespaced: true, kind: 'Event', verbs: CRUD, shortNames: ['ev'] },
  { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: CRUD, shortNames: ['po'] },
  { name: 'secrets', singularName: 'secret', namespaced: true, kind: 'Secret', verbs: CRUD },
  { name: 'serviceaccounts', singularName: 'serviceaccount', namespaced: true, kind: 'ServiceAccount', verbs: CRUD, shortNames: ['sa'] },
  { name: 'services', singularName: 'service', namespaced: true, kind: 'Service', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['svc'] },
];

/** Namespaced kinds this sandbox holds none of: listed empty, every object not found. */
export const EMPTY_KINDS: Record<string, string> = { endpoints: 'Endpoints', events: 'Event', pods: 'Pod', secrets: 'Secret', serviceaccounts: 'ServiceAccount' };

export const GROUPS: Record<string, ApiResource[]> = {
  'authentication.k8s.io': [{ name: 'selfsubjectreviews', singularName: 'selfsubjectreview', namespaced: false, kind: 'SelfSubjectReview', verbs: ['create'] }],
  'authorization.k8s.io': [
    { name: 'selfsubjectaccessreviews', singularName: 'selfsubjectaccessreview', namespaced: false, kind: 'SelfSubjectAccessReview', verbs: ['create'] },
    { name: 'selfsubjectrulesreviews', singularName: 'selfsubjectrulesreview', namespaced: false, kind: 'SelfSubjectRulesReview', verbs: ['create'] },
  ],
  // Only the bindings are served (rbac-bindings.ts), with the verbs they support.
  'rbac.authorization.k8s.io': [
    { name: 'clusterrolebindings', singularName: 'clusterrolebinding', namespaced: false, kind: 'ClusterRoleBinding', verbs: ['create', 'delete', 'get', 'list'] },
    { name: 'rolebindings', singularName: 'rolebinding', namespaced: true, kind: 'RoleBinding', verbs: ['create', 'delete', 'get', 'list'] },
  ],
};

export function versionInfo(cluster: ClusterState): Record<string, string> {
  const [major, minor] = cluster.version.split('.');
  const build = cluster.idSuffix.slice(0, 7).toLowerCase();
  return {
    major,
    minor: `${minor}+`,
    gitVersion: `v${cluster.version}.4-eks-${build}`,
    gitCommit: cluster.idSuffix.toLowerCase().padEnd(40, '0').slice(0, 40),
    gitTreeState: 'clean',
    buildDate: '2025-01-15T17:41:09Z',
    goVersion: 'go1.23.4',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function apiVersions(cluster: ClusterState): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `ip-172-16-${cluster.port % 256}-10.${cluster.region}.compute.internal:443` }],
  };
}

function groupVersion(name: string) {
  return { name, versions: [{ groupVersion: `${name}/v1`, version: 'v1' }], preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' } };
}

export function apiGroupList(): unknown {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: Object.keys(GROUPS).map(groupVersion) };
}

export function apiGroup(name: string): unknown | undefined {
  return GROUPS[name] ? { kind: 'APIGroup', apiVersion: 'v1', ...groupVersion(name) } : undefined;
}

export function apiResourceList(groupVersion: string): unknown | undefined {
  const resources = groupVersion === 'v1' ? CORE_RESOURCES : GROUPS[groupVersion.replace(/\/v1$/, '')];
  if (!resources || (groupVersion !== 'v1' && !groupVersion.endsWith('/v1'))) return undefined;
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}
