// The RoleBindings and ClusterRoleBindings of a cluster as API objects: the scenario's bindings (cluster.rbac, shown
// under the names the authorizer's reasons use) plus the ones created through the API, kept beside the cluster state.
import type { ClusterState, RbacBinding } from '../world/types.js';
import type { KubeUser } from './mapper.js';
import { objectMeta } from './objects.js';
import type { ObjectMeta } from './table.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export type BindingKind = 'RoleBinding' | 'ClusterRoleBinding';

export interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

/** `namespace` is set for a RoleBinding only. */
export interface StoredBinding extends ObjectMeta {
  kind: BindingKind;
  subjects: Subject[];
  roleRef: RoleRef;
  /** The scenario binding this object stands for (deleting it removes that grant). */
  scenario?: RbacBinding;
}

/** The ClusterRoles every EKS cluster has that the authorizer knows the meaning of. */
export const DEFAULT_CLUSTER_ROLES = ['admin', 'cluster-admin', 'edit', 'view'] as const;
export type DefaultClusterRole = (typeof DEFAULT_CLUSTER_ROLES)[number];

const created = new WeakMap<ClusterState, Map<string, StoredBinding>>();

export function bindingKey(kind: BindingKind, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** Bindings created through the API, by bindingKey. */
export function createdBindings(cluster: ClusterState): Map<string, StoredBinding> {
  let m = created.get(cluster);
  if (!m) {
    m = new Map();
    created.set(cluster, m);
  }
  return m;
}

export function scenarioBindingName(b: RbacBinding): string {
  return `${b.group}-${b.clusterRole}`;
}

function fromScenario(cluster: ClusterState, b: RbacBinding): StoredBinding {
  const kind: BindingKind = b.namespace ? 'RoleBinding' : 'ClusterRoleBinding';
  const meta = objectMeta(cluster, kind, scenarioBindingName(b), b.namespace);
  return {
    kind,
    name: meta.name,
    ...(b.namespace ? { namespace: b.namespace } : {}),
    uid: meta.uid,
    resourceVersion: meta.resourceVersion,
    creationTimestamp: meta.creationTimestamp,
    subjects: [{ kind: 'Group', apiGroup: RBAC_GROUP, name: b.group }],
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: b.clusterRole },
    scenario: b,
  };
}

/** Every binding of a kind (in one namespace, or all), sorted as kube-apiserver lists them. */
export function allBindings(cluster: ClusterState, kind: BindingKind, namespace?: string): StoredBinding[] {
  const byKey = new Map<string, StoredBinding>();
  for (const b of cluster.rbac) {
    const s = fromScenario(cluster, b);
    byKey.set(bindingKey(s.kind, s.namespace, s.name), s);
  }
  for (const [k, s] of createdBindings(cluster)) byKey.set(k, s);
  return [...byKey.values()]
    .filter((s) => s.kind === kind && (namespace === undefined || s.namespace === namespace))
    .sort((a, b) => (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.name.localeCompare(b.name));
}

export function findBinding(cluster: ClusterState, kind: BindingKind, namespace: string | undefined, name: string): StoredBinding | undefined {
  return allBindings(cluster, kind, namespace).find((s) => s.name === name && s.namespace === namespace);
}

export function removeBinding(cluster: ClusterState, s: StoredBinding): void {
  createdBindings(cluster).delete(bindingKey(s.kind, s.namespace, s.name));
  // A new array, so the parsed scenario the cluster was built from stays as it was.
  if (s.scenario) cluster.rbac = cluster.rbac.filter((b) => b !== s.scenario);
}

/** The newest resourceVersion among the created bindings ('0' when none). */
export function newestBindingVersion(cluster: ClusterState): number {
  let max = 0;
  for (const s of createdBindings(cluster).values()) max = Math.max(max, Number(s.resourceVersion) || 0);
  return max;
}

function subjectMatches(s: Subject, user: Pick<KubeUser, 'username' | 'groups'>): boolean {
  if (s.apiGroup !== RBAC_GROUP) return false;
  if (s.kind === 'User') return s.name === user.username;
  if (s.kind === 'Group') return s.name === 'system:authenticated' || user.groups.includes(s.name);
  return false;
}

export interface Grant {
  clusterRole: DefaultClusterRole;
  namespace?: string;
  /** How kube-apiserver's RBAC authorizer names the grant in a reason. */
  describe: string;
}

/** What the API-created bindings grant this user: default ClusterRoles, where they are bound. */
export function grantsFromCreatedBindings(cluster: ClusterState, user: Pick<KubeUser, 'username' | 'groups'>): Grant[] {
  const out: Grant[] = [];
  for (const s of createdBindings(cluster).values()) {
    if (s.roleRef.kind !== 'ClusterRole' || !(DEFAULT_CLUSTER_ROLES as readonly string[]).includes(s.roleRef.name)) continue;
    const subject = s.subjects.find((x) => subjectMatches(x, user));
    if (!subject) continue;
    const binding = s.namespace ? `RoleBinding "${s.name}/${s.namespace}"` : `ClusterRoleBinding "${s.name}"`;
    out.push({
      clusterRole: s.roleRef.name as DefaultClusterRole,
      ...(s.namespace ? { namespace: s.namespace } : {}),
      describe: `${binding} of ClusterRole "${s.roleRef.name}" to ${subject.kind} "${subject.name}"`,
    });
  }
  return out;
}
