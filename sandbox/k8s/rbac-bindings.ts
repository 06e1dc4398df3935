// rbac.authorization.k8s.io/v1 rolebindings (namespaced) and clusterrolebindings: create, get, list, delete,
// serialized as kube-apiserver does (JSON and the Table `kubectl get` asks for). A created binding takes effect at once:
// the authorizer reads the same store.
import { randomBytes, randomUUID } from 'node:crypto';
import type { World } from '../world/world.js';
import type { ClusterState } from '../world/types.js';
import type { RequestInfo } from './request-info.js';
import type { KubeUser } from './mapper.js';
import { checkNoEscalation } from './rbac-escalation.js';
import { RBAC_GROUP, allBindings, bindingKey, createdBindings, findBinding, removeBinding, type BindingKind, type StoredBinding } from './rbac-store.js';
import { decodeBinding, validateBinding } from './rbac-validate.js';
import { KubeError, alreadyExists, badRequest, methodNotAllowed, notFound, pathNotFound } from './status.js';
import { AGE_COLUMN, NAME_COLUMN, column, humanDuration, table, wantsTable, type Column, type ObjectMeta } from './table.js';

export const BINDING_RESOURCES: Record<string, BindingKind> = { rolebindings: 'RoleBinding', clusterrolebindings: 'ClusterRoleBinding' };

const API_VERSION = `${RBAC_GROUP}/v1`;

function columns(kind: BindingKind): Column[] {
  const roleRef =
    kind === 'RoleBinding'
      ? 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.'
      : 'RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.';
  const noun = kind === 'RoleBinding' ? 'roleBinding' : 'clusterRoleBinding';
  return [
    NAME_COLUMN,
    column('Role', roleRef),
    AGE_COLUMN,
    column('Users', `Users in the ${noun}`, 1),
    column('Groups', `Groups in the ${noun}`, 1),
    column('ServiceAccounts', `ServiceAccounts in the ${noun}`, 1),
  ];
}

function metadataOf(s: StoredBinding): ObjectMeta {
  return {
    name: s.name,
    ...(s.namespace ? { namespace: s.namespace } : {}),
    uid: s.uid,
    resourceVersion: s.resourceVersion,
    creationTimestamp: s.creationTimestamp,
    ...(s.labels ? { labels: s.labels } : {}),
    ...(s.annotations ? { annotations: s.annotations } : {}),
  };
}

export function bindingJson(s: StoredBinding, withKind: boolean): Record<string, unknown> {
  return {
    ...(withKind ? { kind: s.kind, apiVersion: API_VERSION } : {}),
    metadata: metadataOf(s),
    ...(s.subjects.length ? { subjects: s.subjects } : {}),
    roleRef: s.roleRef,
  };
}

function row(s: StoredBinding, now: number): unknown[] {
  const of = (kind: string) => s.subjects.filter((x) => x.kind === kind);
  return [
    s.name,
    `${s.roleRef.kind}/${s.roleRef.name}`,
    humanDuration(now - Date.parse(s.creationTimestamp)),
    of('User').map((x) => x.name).join(', '),
    of('Group').map((x) => x.name).join(', '),
    of('ServiceAccount').map((x) => `${x.namespace ?? ''}/${x.name}`).join(', '),
  ];
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** names.SimpleNameGenerator: the prefix plus five random lower-case alphanumerics. */
function generatedName(prefix: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return prefix + [...randomBytes(5)].map((b) => alphabet[b % alphabet.length]).join('');
}

export interface CreateOptions {
  strict: boolean;
  /** dryRun=All: every check runs, nothing is stored. */
  dryRun: boolean;
}

export function createBinding(world: World, cluster: ClusterState, user: KubeUser, kind: BindingKind, namespace: string | undefined, body: unknown, opts: CreateOptions): StoredBinding {
  const incoming = decodeBinding(kind, body, opts.strict);
  if (namespace && incoming.namespace && incoming.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  if (namespace && !(namespace in cluster.namespaces)) throw new KubeError(404, 'NotFound', `namespaces "${namespace}" not found`, { name: namespace, kind: 'namespaces' });
  const name = incoming.name || (incoming.generateName ? generatedName(incoming.generateName) : '');
  validateBinding(kind, { ...incoming, name });
  checkNoEscalation(cluster, user, kind, name, namespace, incoming.roleRef);
  const resource = kind === 'RoleBinding' ? 'rolebindings' : 'clusterrolebindings';
  if (findBinding(cluster, kind, namespace, name)) throw alreadyExists(resource, name, RBAC_GROUP);
  const stored: StoredBinding = {
    kind,
    name,
    ...(namespace ? { namespace } : {}),
    uid: randomUUID(),
    resourceVersion: world.nextResourceVersion(),
    creationTimestamp: rfc3339(world.now()),
    ...(incoming.labels ? { labels: incoming.labels } : {}),
    ...(incoming.annotations ? { annotations: incoming.annotations } : {}),
    subjects: incoming.subjects,
    roleRef: incoming.roleRef,
  };
  if (!opts.dryRun) createdBindings(cluster).set(bindingKey(kind, namespace, name), stored);
  return stored;
}

export interface BindingRequest {
  world: World;
  cluster: ClusterState;
  user: KubeUser;
  accept: string | undefined;
  strict: boolean;
  dryRun: boolean;
  /** The request body, decoded from JSON, YAML or protobuf (400 when it is none of them). */
  body(): unknown;
}

interface JsonReply {
  status: number;
  body: unknown;
}

/** Serves one rolebindings / clusterrolebindings request; `a` has been authorized already. */
export function serveBindings(r: BindingRequest, a: RequestInfo, listResourceVersion: string): JsonReply {
  const kind = BINDING_RESOURCES[a.resource];
  const resource = a.resource;
  const now = r.world.now();
  // ClusterRoleBindings live outside namespaces; a RoleBinding is named within one.
  if (a.subresource || (kind === 'ClusterRoleBinding' && a.namespace !== undefined) || (kind === 'RoleBinding' && !a.namespace && a.name)) throw pathNotFound();
  switch (a.verb) {
    case 'list': {
      const items = allBindings(r.cluster, kind, a.namespace);
      if (wantsTable(r.accept)) return { status: 200, body: table(columns(kind), items.map((s) => ({ cells: row(s, now), metadata: metadataOf(s) })), listResourceVersion) };
      return { status: 200, body: { kind: `${kind}List`, apiVersion: API_VERSION, metadata: { resourceVersion: listResourceVersion }, items: items.map((s) => bindingJson(s, false)) } };
    }
    case 'get': {
      const s = findBinding(r.cluster, kind, a.namespace, a.name!);
      if (!s) throw notFound(resource, a.name!, RBAC_GROUP);
      if (wantsTable(r.accept)) return { status: 200, body: table(columns(kind), [{ cells: row(s, now), metadata: metadataOf(s) }], s.resourceVersion) };
      return { status: 200, body: bindingJson(s, true) };
    }
    case 'create': {
      if (a.name || (kind === 'RoleBinding' && !a.namespace)) break;
      return { status: 201, body: bindingJson(createBinding(r.world, r.cluster, r.user, kind, a.namespace, r.body(), { strict: r.strict, dryRun: r.dryRun }), true) };
    }
    case 'delete': {
      const s = findBinding(r.cluster, kind, a.namespace, a.name!);
      if (!s) throw notFound(resource, a.name!, RBAC_GROUP);
      if (!r.dryRun) removeBinding(r.cluster, s);
      return { status: 200, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: s.name, group: RBAC_GROUP, kind: resource, uid: s.uid } } };
    }
  }
  throw methodNotAllowed();
}
