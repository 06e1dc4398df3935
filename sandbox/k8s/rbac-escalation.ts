// kube-apiserver's RBAC escalation check on creating a binding (registry/rbac/rolebinding/policybased): unless the
// caller is system:masters, the ClusterRole must exist and the caller must already hold every permission it would
// grant where it is bound, or be allowed to "bind" it. Permissions are compared over a catalogue of common
// resources, using the same authorizer that enforces them.
import type { ClusterState } from '../world/types.js';
import { authorize, roleAllows, type Attributes } from './authz.js';
import type { KubeUser } from './mapper.js';
import { DEFAULT_CLUSTER_ROLES, RBAC_GROUP, type BindingKind, type DefaultClusterRole, type RoleRef } from './rbac-store.js';
import { KubeError, notFound } from './status.js';

type ResourceAttributes = Extract<Attributes, { kind: 'resource' }>;

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const NAMESPACED: Record<string, string[]> = {
  '': ['configmaps', 'endpoints', 'events', 'persistentvolumeclaims', 'pods', 'secrets', 'serviceaccounts', 'services'],
  apps: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'],
  batch: ['cronjobs', 'jobs'],
  [RBAC_GROUP]: ['rolebindings', 'roles'],
};
const CLUSTER: Record<string, string[]> = { '': ['namespaces', 'nodes', 'persistentvolumes'] };

const resourceOf = (kind: BindingKind) => (kind === 'RoleBinding' ? 'rolebindings' : 'clusterrolebindings');

/** The permissions `role` would grant bound at `namespace` (cluster-wide when undefined) that the caller lacks. */
function missingRules(cluster: ClusterState, user: KubeUser, role: DefaultClusterRole, namespace: string | undefined): string[] {
  const where = namespace ? { namespace } : {};
  if (role === 'cluster-admin') {
    const all: ResourceAttributes = { kind: 'resource', verb: '*', group: '*', resource: '*', ...where };
    return authorize(cluster, user, all).allowed ? [] : ['{APIGroups:["*"], Resources:["*"], Verbs:["*"]}'];
  }
  const catalogue = namespace ? [NAMESPACED] : [NAMESPACED, CLUSTER];
  const out: string[] = [];
  for (const table of catalogue) {
    for (const [group, resources] of Object.entries(table)) {
      for (const resource of resources) {
        const missing = VERBS.filter((verb) => {
          const a: ResourceAttributes = { kind: 'resource', verb, group, resource, ...where };
          return roleAllows(role, a, !namespace) && !authorize(cluster, user, a).allowed;
        });
        if (missing.length) out.push(`{APIGroups:["${group}"], Resources:["${resource}"], Verbs:[${missing.map((v) => `"${v}"`).join(' ')}]}`);
      }
    }
  }
  return out;
}

export function checkNoEscalation(cluster: ClusterState, user: KubeUser, kind: BindingKind, name: string, namespace: string | undefined, roleRef: RoleRef): void {
  if (user.groups.includes('system:masters')) return;
  const bind: ResourceAttributes = { kind: 'resource', verb: 'bind', group: RBAC_GROUP, resource: roleRef.kind === 'Role' ? 'roles' : 'clusterroles', name: roleRef.name, ...(namespace ? { namespace } : {}) };
  if (authorize(cluster, user, bind).allowed) return;
  // No Roles exist in the sandbox, and of the ClusterRoles only the defaults.
  if (roleRef.kind === 'Role') throw notFound('roles', roleRef.name, RBAC_GROUP);
  if (!(DEFAULT_CLUSTER_ROLES as readonly string[]).includes(roleRef.name)) throw notFound('clusterroles', roleRef.name, RBAC_GROUP);
  const missing = missingRules(cluster, user, roleRef.name as DefaultClusterRole, namespace);
  if (missing.length === 0) return;
  const groups = [...user.groups, 'system:authenticated'].map((g) => `"${g}"`).join(' ');
  throw new KubeError(
    403,
    'Forbidden',
    `${resourceOf(kind)}.${RBAC_GROUP} "${name}" is forbidden: user "${user.username}" (groups=[${groups}]) is attempting to grant RBAC permissions not currently held:\n${missing.join('\n')}`,
    { name, group: RBAC_GROUP, kind: resourceOf(kind) },
  );
}
