// ConfigMaps of a cluster (aws-auth is kube-system/aws-auth): get, list, create, update, patch,
// delete with kube-apiserver's validation, resourceVersion conflicts and error Status bodies.
import { randomUUID } from 'node:crypto';
import type { World } from '../world/world.js';
import type { ClusterState, ConfigMap } from '../world/types.js';
import { applyPatch } from './patch.js';
import { AGE_COLUMN, NAME_COLUMN, column, humanDuration, type Column } from './table.js';
import { KubeError, alreadyExists, badRequest, conflict, invalid, notFound } from './status.js';

const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const KEY_RE = /^[-._a-zA-Z0-9]+$/;

export const CONFIGMAP_COLUMNS: Column[] = [NAME_COLUMN, column('Data', 'Data contains the configuration data.'), AGE_COLUMN];

export function configMapJson(cm: ConfigMap, withKind: boolean): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    name: cm.name,
    namespace: cm.namespace,
    uid: cm.uid,
    resourceVersion: cm.resourceVersion,
    creationTimestamp: cm.creationTimestamp,
  };
  if (cm.labels && Object.keys(cm.labels).length) metadata.labels = cm.labels;
  if (cm.annotations && Object.keys(cm.annotations).length) metadata.annotations = cm.annotations;
  return { ...(withKind ? { kind: 'ConfigMap', apiVersion: 'v1' } : {}), metadata, ...(Object.keys(cm.data).length ? { data: cm.data } : {}) };
}

export function configMapRow(cm: ConfigMap, now: number): unknown[] {
  return [cm.name, Object.keys(cm.data).length, humanDuration(now - Date.parse(cm.creationTimestamp))];
}

export function listConfigMaps(cluster: ClusterState, namespace?: string): ConfigMap[] {
  return [...cluster.configMaps.values()]
    .filter((cm) => !namespace || cm.namespace === namespace)
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

export function getConfigMap(cluster: ClusterState, namespace: string, name: string): ConfigMap {
  const cm = cluster.configMaps.get(`${namespace}/${name}`);
  if (!cm) throw notFound('configmaps', name);
  return cm;
}

function stringMap(v: unknown, field: string): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw badRequest(`ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go struct field ${field} of type map[string]string`);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== 'string') {
      throw badRequest(`ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal ${val === null ? 'null' : Array.isArray(val) ? 'array' : typeof val} into Go struct field ${field} of type string`);
    }
    out[k] = val;
  }
  return out;
}

const TOP_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'data', 'binaryData', 'immutable']);
const META_FIELDS = new Set([
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
]);

/** fieldValidation=Strict (kubectl's default): an unknown field such as a mis-indented mapRoles is a 400. */
function checkStrict(body: unknown): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
  const unknown: string[] = [];
  for (const [k, v] of Object.entries(body)) {
    if (!TOP_FIELDS.has(k)) unknown.push(k);
    else if (k === 'metadata' && v && typeof v === 'object' && !Array.isArray(v)) {
      for (const mk of Object.keys(v)) if (!META_FIELDS.has(mk)) unknown.push(`metadata.${mk}`);
    }
  }
  if (unknown.length > 0) {
    throw badRequest(`ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
  }
}

export interface WriteOptions {
  strict?: boolean;
}

interface Incoming {
  name: string;
  namespace?: string;
  resourceVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  data: Record<string, string>;
}

/** Decodes and validates a ConfigMap body as kube-apiserver would (400 for undecodable, 422 for invalid). */
function readBody(body: unknown, nameFromPath?: string): Incoming {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest(`ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal ${Array.isArray(body) ? 'array' : typeof body} into Go value of type v1.ConfigMap`);
  }
  const o = body as Record<string, unknown>;
  if (o.kind !== undefined && o.kind !== 'ConfigMap') throw badRequest(`ConfigMap in version "v1" cannot be handled as a ${String(o.kind)}: no kind "${String(o.kind)}" is registered for version "${String(o.apiVersion ?? 'v1')}" in scheme "pkg/api/legacyscheme/scheme.go:30"`);
  const meta = (o.metadata ?? {}) as Record<string, unknown>;
  if (typeof meta !== 'object' || Array.isArray(meta)) throw badRequest('ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal into Go struct field ConfigMap.metadata of type v1.ObjectMeta');
  const name = typeof meta.name === 'string' ? meta.name : '';
  const data = stringMap(o.data, "ConfigMap.data") ?? {};
  const labels = stringMap(meta.labels, "ObjectMeta.metadata.labels");
  const annotations = stringMap(meta.annotations, "ObjectMeta.metadata.annotations");
  const effective = name || nameFromPath || '';
  if (!effective) throw invalid('ConfigMap', '', 'metadata.name: Required value: name or generateName is required');
  if (!NAME_RE.test(effective) || effective.length > 253) {
    throw invalid('ConfigMap', effective, `metadata.name: Invalid value: "${effective}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`);
  }
  for (const k of Object.keys(data)) {
    if (!KEY_RE.test(k)) {
      throw invalid('ConfigMap', effective, `data[${k}]: Invalid value: "${k}": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`);
    }
  }
  return {
    name: effective,
    namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
    resourceVersion: typeof meta.resourceVersion === 'string' && meta.resourceVersion !== '' ? meta.resourceVersion : undefined,
    labels,
    annotations,
    data,
  };
}

function checkNamespace(incoming: Incoming, namespace: string): void {
  if (incoming.namespace && incoming.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
}

function assertNamespaceExists(cluster: ClusterState, namespace: string): void {
  if (!(namespace in cluster.namespaces)) throw new KubeError(404, 'NotFound', `namespaces "${namespace}" not found`, { name: namespace, kind: 'namespaces' });
}

export function createConfigMap(world: World, cluster: ClusterState, namespace: string, body: unknown, opts: WriteOptions = {}): ConfigMap {
  if (opts.strict) checkStrict(body);
  const incoming = readBody(body);
  checkNamespace(incoming, namespace);
  assertNamespaceExists(cluster, namespace);
  if (incoming.resourceVersion) throw invalid('ConfigMap', incoming.name, 'metadata.resourceVersion: Invalid value: "' + incoming.resourceVersion + '": must be empty');
  const key = `${namespace}/${incoming.name}`;
  if (cluster.configMaps.has(key)) throw alreadyExists('configmaps', incoming.name);
  const cm: ConfigMap = {
    name: incoming.name,
    namespace,
    uid: randomUUID(),
    resourceVersion: world.nextResourceVersion(),
    creationTimestamp: new Date(world.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    labels: incoming.labels,
    annotations: incoming.annotations,
    data: incoming.data,
  };
  cluster.configMaps.set(key, cm);
  return cm;
}

function store(world: World, cluster: ClusterState, current: ConfigMap, incoming: Incoming): ConfigMap {
  const next: ConfigMap = {
    ...current,
    labels: incoming.labels,
    annotations: incoming.annotations,
    data: incoming.data,
    resourceVersion: world.nextResourceVersion(),
  };
  cluster.configMaps.set(`${current.namespace}/${current.name}`, next);
  return next;
}

export function updateConfigMap(world: World, cluster: ClusterState, namespace: string, name: string, body: unknown, opts: WriteOptions = {}): ConfigMap {
  if (opts.strict) checkStrict(body);
  const incoming = readBody(body, name);
  checkNamespace(incoming, namespace);
  if (incoming.name !== name) throw badRequest('the name of the object (' + incoming.name + ') does not match the name on the URL (' + name + ')');
  const current = getConfigMap(cluster, namespace, name);
  if (incoming.resourceVersion && incoming.resourceVersion !== current.resourceVersion) throw conflict('configmaps', name);
  return store(world, cluster, current, incoming);
}

export function patchConfigMap(
  world: World,
  cluster: ClusterState,
  namespace: string,
  name: string,
  contentType: string,
  patch: unknown,
  opts: WriteOptions = {},
): ConfigMap {
  const current = getConfigMap(cluster, namespace, name);
  const patched = applyPatch(configMapJson(current, true) as never, contentType, patch);
  if (opts.strict) checkStrict(patched);
  const incoming = readBody(patched, name);
  if (incoming.name !== name) throw badRequest(`the name of the object (${incoming.name}) does not match the name on the URL (${name})`);
  checkNamespace(incoming, namespace);
  if (incoming.resourceVersion && incoming.resourceVersion !== current.resourceVersion) throw conflict('configmaps', name);
  return store(world, cluster, current, incoming);
}

export function deleteConfigMap(cluster: ClusterState, namespace: string, name: string): ConfigMap {
  const current = getConfigMap(cluster, namespace, name);
  cluster.configMaps.delete(`${namespace}/${name}`);
  return current;
}
