// Authorization after authentication (docs/eks-authentication.md §4): system:masters, EKS access policies
// with their scopes, and RBAC bindings of groups to the default ClusterRoles, with Kubernetes' meaning.
import type { AssociatedPolicy, ClusterState, RbacBinding } from '../world/types.js';
import type { KubeUser } from './mapper.js';
import { grantsFromCreatedBindings } from './rbac-store.js';

export type Attributes =
  | { kind: 'resource'; verb: string; group: string; resource: string; subresource?: string; namespace?: string; name?: string }
  | { kind: 'path'; verb: string; path: string };

export interface Decision {
  allowed: boolean;
  reason: string;
}

// In every partition: arn:aws:…, arn:aws-cn:…, arn:aws-us-gov:eks::aws:cluster-access-policy/<name>.
const POLICY_ARN = /^arn:aws[\w-]*:eks::aws:cluster-access-policy\/(.+)$/;
const READ = new Set(['get', 'list', 'watch']);
const CLUSTER_SCOPED = new Set([
  'namespaces', 'nodes', 'persistentvolumes', 'clusterroles', 'clusterrolebindings', 'customresourcedefinitions',
  'storageclasses', 'priorityclasses', 'apiservices', 'certificatesigningrequests', 'validatingwebhookconfigurations',
  'mutatingwebhookconfigurations', 'selfsubjectreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews',
  'tokenreviews', 'subjectaccessreviews', 'ingressclasses', 'runtimeclasses', 'csidrivers', 'csinodes', 'volumeattachments',
]);
const RBAC_RESOURCES = new Set(['roles', 'rolebindings']);
const DISCOVERY_PATHS = [/^\/version\/?$/, /^\/api\/?$/, /^\/apis\/?$/, /^\/api\/v1\/?$/, /^\/apis\/[^/]+\/?$/, /^\/apis\/[^/]+\/[^/]+\/?$/, /^\/openapi(\/|$)/, /^\/healthz/, /^\/livez/, /^\/readyz/];

export function isClusterScoped(resource: string): boolean {
  return CLUSTER_SCOPED.has(resource);
}

export type Role = 'view' | 'edit' | 'admin' | 'cluster-admin' | 'admin-view' | 'eks-admin';

/** What a default ClusterRole (or EKS policy) grants on one resource request, given where it is bound. */
export function roleAllows(role: Role, a: Extract<Attributes, { kind: 'resource' }>, clusterWide: boolean): boolean {
  if (role === 'cluster-admin') return true;
  // In an access review `*` asks for every verb / resource / group at once: only cluster-admin's rules grant that.
  if (a.verb === '*' || a.resource === '*' || a.group === '*') return false;
  const read = READ.has(a.verb);
  if (isClusterScoped(a.resource)) {
    // Cluster-scoped objects need a cluster-wide grant (bindingAllows adds a namespace's own Namespace object).
    if (!clusterWide) return false;
    if (role === 'admin-view' || role === 'eks-admin') return read;
    return a.resource === 'namespaces' && read;
  }
  const rbac = a.group === 'rbac.authorization.k8s.io' && RBAC_RESOURCES.has(a.resource);
  switch (role) {
    case 'admin-view':
      return read;
    case 'view':
      return read && a.resource !== 'secrets' && !rbac;
    case 'edit':
      return !rbac;
    case 'admin':
    case 'eks-admin':
      return true;
  }
}

function policyRole(policyArn: string): Role | undefined {
  switch (POLICY_ARN.exec(policyArn)?.[1] ?? '') {
    case 'AmazonEKSClusterAdminPolicy':
      return 'cluster-admin';
    case 'AmazonEKSAdminPolicy':
      return 'eks-admin';
    case 'AmazonEKSEditPolicy':
      return 'edit';
    case 'AmazonEKSViewPolicy':
      return 'view';
    case 'AmazonEKSAdminViewPolicy':
      return 'admin-view';
    default:
      return undefined;
  }
}

function namespaceMatches(patterns: string[], ns: string): boolean {
  return patterns.some((p) => (p.endsWith('*') ? ns.startsWith(p.slice(0, -1)) : p === ns));
}

function policyAllows(p: AssociatedPolicy, a: Extract<Attributes, { kind: 'resource' }>): boolean {
  const role = policyRole(p.policyArn);
  if (!role) return false;
  if (p.accessScope.type === 'cluster') return roleAllows(role, a, true);
  if (!a.namespace || isClusterScoped(a.resource)) return false;
  return namespaceMatches(p.accessScope.namespaces, a.namespace) && roleAllows(role, a, false);
}

function bindingAllows(b: RbacBinding, a: Extract<Attributes, { kind: 'resource' }>): boolean {
  if (!b.namespace) return roleAllows(b.clusterRole, a, true);
  // Every default role may read the Namespace object it is bound in.
  if (a.resource === 'namespaces' && a.verb === 'get' && a.name === b.namespace) return true;
  if (a.namespace !== b.namespace || isClusterScoped(a.resource)) return false;
  return roleAllows(b.clusterRole, a, false);
}

export function isSelfReview(a: Attributes): boolean {
  return (
    a.kind === 'resource' &&
    a.verb === 'create' &&
    ((a.group === 'authentication.k8s.io' && a.resource === 'selfsubjectreviews') ||
      (a.group === 'authorization.k8s.io' && (a.resource === 'selfsubjectaccessreviews' || a.resource === 'selfsubjectrulesreviews')))
  );
}

export function authorize(cluster: ClusterState, user: KubeUser, a: Attributes): Decision {
  if (user.groups.includes('system:masters')) return { allowed: true, reason: '' };
  if (a.kind === 'path') {
    const ok = ['get', 'head'].includes(a.verb) && DISCOVERY_PATHS.some((re) => re.test(a.path));
    return { allowed: ok, reason: ok ? 'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"' : '' };
  }
  if (isSelfReview(a)) {
    return { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "system:basic-user" of ClusterRole "system:basic-user" to Group "system:authenticated"' };
  }
  for (const p of user.accessPolicies) {
    if (policyAllows(p, a)) return { allowed: true, reason: `EKS Access Policy: allowed by ClusterRoleBinding "${user.extra.canonicalArn}+${p.policyArn}" of ClusterRole "${p.policyArn}" to User "${user.username}"` };
  }
  for (const b of cluster.rbac) {
    if (!user.groups.includes(b.group)) continue;
    if (bindingAllows(b, a)) {
      const binding = b.namespace ? `RoleBinding "${b.group}-${b.clusterRole}/${b.namespace}"` : `ClusterRoleBinding "${b.group}-${b.clusterRole}"`;
      return { allowed: true, reason: `RBAC: allowed by ${binding} of ClusterRole "${b.clusterRole}" to Group "${b.group}"` };
    }
  }
  for (const g of grantsFromCreatedBindings(cluster, user)) {
    if (bindingAllows({ group: '', clusterRole: g.clusterRole, namespace: g.namespace }, a)) return { allowed: true, reason: `RBAC: allowed by ${g.describe}` };
  }
  return { allowed: false, reason: '' };
}

/** kube-apiserver's Forbidden message for a denied request. */
export function forbiddenMessage(username: string, a: Attributes): string {
  if (a.kind === 'path') return `forbidden: User "${username}" cannot ${a.verb} path "${a.path}"`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const qualified = a.group ? `${a.resource}.${a.group}` : a.resource;
  const subject = a.name ? `${qualified} "${a.name}"` : qualified;
  const where = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return `${subject} is forbidden: User "${username}" cannot ${a.verb} resource "${resource}" in API group "${a.group}" ${where}`;
}
