// The API server's request pipeline: authenticate (bearer token, else anonymous), authorize,
// then serve discovery, namespaces, services, configmaps, empty lists of other core kinds, and the self reviews.
import type { IncomingHttpHeaders } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { World } from '../world/world.js';
import type { ClusterState } from '../world/types.js';
import type { ClusterAuthenticator } from './authenticate.js';
import { authorize, forbiddenMessage, type Attributes } from './authz.js';
import {
  CONFIGMAP_COLUMNS,
  configMapJson,
  configMapRow,
  createConfigMap,
  deleteConfigMap,
  getConfigMap,
  listConfigMaps,
  patchConfigMap,
  updateConfigMap,
} from './configmaps.js';
import { EMPTY_KINDS, apiGroup, apiGroupList, apiResourceList, apiVersions, versionInfo } from './discovery.js';
import type { KubeUser } from './mapper.js';
import { coreV1OpenApi, openApiV3Index } from './openapi.js';
import { NAMESPACE_COLUMNS, POD_COLUMNS, SERVICE_COLUMNS, namespaceObject, namespaceRow, serviceObject, serviceRow } from './objects.js';
import { requestAttributes, type RequestInfo } from './request-info.js';
import { PROTOBUF_TYPE, decodeProtobufBinding } from './protobuf.js';
import { BINDING_RESOURCES, serveBindings } from './rbac-bindings.js';
import { RBAC_GROUP, newestBindingVersion } from './rbac-store.js';
import { selfSubjectAccessReview, selfSubjectReview } from './reviews.js';
import { selfSubjectRulesReview } from './rules-review.js';
import { KubeError, badRequest, methodNotAllowed, notFound, pathNotFound, unauthorized, unsupportedMediaType, unsupportedPatchType } from './status.js';
import { AGE_COLUMN, NAME_COLUMN, table, wantsTable, type ObjectMeta } from './table.js';

export interface KubeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** host:port of the client connection, for the authenticator log. */
  client: string;
}

export interface KubeResponse {
  status: number;
  contentType: string;
  body: string;
}

export interface ClusterContext {
  world: World;
  cluster: ClusterState;
  authenticator: ClusterAuthenticator;
}

const ANONYMOUS: Pick<KubeUser, 'username' | 'groups'> = { username: 'system:anonymous', groups: ['system:unauthenticated'] };
const PUBLIC_INFO = /^\/(version|healthz|livez|readyz)\/?$/;

function json(status: number, body: unknown): KubeResponse {
  return { status, contentType: 'application/json', body: JSON.stringify(body) };
}

export function statusResponse(err: KubeError): KubeResponse {
  return json(err.code, err.toStatus());
}

function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const h = headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^bearer\s+(.*)$/i.exec(h.trim());
  return m ? m[1].trim() : undefined;
}

export async function handleKubeRequest(ctx: ClusterContext, req: KubeRequest): Promise<KubeResponse> {
  try {
    const token = bearerToken(req.headers);
    let user: KubeUser | undefined;
    if (token) {
      const authn = await ctx.authenticator.authenticate(token, req.client);
      if (!authn.ok) return statusResponse(unauthorized());
      user = authn.user;
    }
    const attrs = requestAttributes(req.method, req.path, req.query);
    const allowed = user ? authorize(ctx.cluster, user, attrs).allowed : attrs.kind === 'path' && attrs.verb === 'get' && PUBLIC_INFO.test(attrs.path);
    if (!allowed) return statusResponse(forbidden(user?.username ?? ANONYMOUS.username, attrs));
    return attrs.kind === 'path' ? serveNonResource(ctx, req, attrs.path) : await serveResource(ctx, req, attrs as RequestInfo, user!);
  } catch (err) {
    if (err instanceof KubeError) return statusResponse(err);
    return statusResponse(new KubeError(500, 'InternalError', 'Internal error occurred: the server could not complete the request'));
  }
}

function forbidden(username: string, a: Attributes): KubeError {
  const details = a.kind === 'resource' ? { ...(a.name ? { name: a.name } : {}), ...(a.group ? { group: a.group } : {}), kind: a.resource } : {};
  return new KubeError(403, 'Forbidden', forbiddenMessage(username, a), details);
}

function serveNonResource(ctx: ClusterContext, req: KubeRequest, path: string): KubeResponse {
  const p = path.replace(/\/+$/, '') || '/';
  if (!['GET', 'HEAD'].includes(req.method.toUpperCase())) return statusResponse(methodNotAllowed());
  if (PUBLIC_INFO.test(p) && p !== '/version') return { status: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' };
  if (p === '/version') return json(200, versionInfo(ctx.cluster));
  if (p === '/api') return json(200, apiVersions(ctx.cluster));
  if (p === '/apis') return json(200, apiGroupList());
  if (p === '/openapi/v3') return json(200, openApiV3Index(ctx.cluster.version));
  if (p === '/openapi/v3/api/v1') return json(200, coreV1OpenApi(ctx.cluster.version));
  const group = /^\/apis\/([^/]+)$/.exec(p);
  if (group) {
    const g = apiGroup(group[1]);
    return g ? json(200, g) : statusResponse(pathNotFound());
  }
  const gv = /^\/api\/(v1)$/.exec(p) ?? /^\/apis\/([^/]+\/[^/]+)$/.exec(p);
  if (gv) {
    const list = apiResourceList(gv[1]);
    return list ? json(200, list) : statusResponse(pathNotFound());
  }
  return statusResponse(pathNotFound());
}

function decodeBody(req: KubeRequest, kind: string): unknown {
  const type = (req.headers['content-type'] ?? 'application/json').split(';')[0].trim().toLowerCase();
  const text = req.body.toString('utf8');
  if (req.method.toUpperCase() === 'PATCH') {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw badRequest(`error decoding patch: ${(err as Error).message}`);
    }
  }
  if (type === 'application/yaml') {
    try {
      return parseYaml(text);
    } catch (err) {
      throw badRequest(`error converting YAML to JSON: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  if (type !== 'application/json' && type !== '*/*') throw unsupportedMediaType();
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: ${(err as Error).message}`);
  }
}

function list<T>(
  req: KubeRequest,
  kind: string,
  resourceVersion: string,
  items: T[],
  toJson: (item: T) => Record<string, unknown>,
  columns: Parameters<typeof table>[0],
  row: (item: T) => unknown[],
): KubeResponse {
  if (wantsTable(req.headers.accept)) {
    return json(200, table(columns, items.map((i) => ({ cells: row(i), metadata: toJson(i).metadata as ObjectMeta })), resourceVersion));
  }
  return json(200, { kind: `${kind}List`, apiVersion: 'v1', metadata: { resourceVersion }, items: items.map(toJson) });
}

function one(req: KubeRequest, kind: string, obj: Record<string, unknown>, columns: Parameters<typeof table>[0], row: unknown[], status = 200): KubeResponse {
  if (wantsTable(req.headers.accept) && status === 200) {
    return json(200, table(columns, [{ cells: row, metadata: obj.metadata as ObjectMeta }], (obj.metadata as ObjectMeta).resourceVersion));
  }
  return json(status, { kind, apiVersion: 'v1', ...obj });
}

async function serveResource(ctx: ClusterContext, req: KubeRequest, a: RequestInfo, user: KubeUser): Promise<KubeResponse> {
  const { world, cluster } = ctx;
  const now = world.now();
  const rv = listResourceVersion(cluster);
  if (a.group === '' && a.apiVersion === 'v1') {
    switch (a.resource) {
      case 'namespaces': {
        if (a.subresource) return statusResponse(pathNotFound());
        if (a.verb === 'list') {
          const items = Object.keys(cluster.namespaces).sort().map((n) => namespaceObject(cluster, n));
          return list(req, 'Namespace', rv, items, (i) => i, NAMESPACE_COLUMNS, (i) => namespaceRow(i, now));
        }
        if (a.verb === 'get') {
          if (!(a.name! in cluster.namespaces)) throw notFound('namespaces', a.name!);
          const ns = namespaceObject(cluster, a.name!);
          return one(req, 'Namespace', ns, NAMESPACE_COLUMNS, namespaceRow(ns, now));
        }
        return statusResponse(methodNotAllowed());
      }
      case 'services': {
        if (a.subresource) return statusResponse(pathNotFound());
        const namespaces = a.namespace ? [a.namespace] : Object.keys(cluster.namespaces).sort();
        if (a.verb === 'list') {
          const items = namespaces.flatMap((ns) => [...(cluster.namespaces[ns] ?? [])].sort().map((n) => serviceObject(cluster, ns, n)));
          return list(req, 'Service', rv, items, (i) => i, SERVICE_COLUMNS, (i) => serviceRow(i, now));
        }
        if (a.verb === 'get' && a.namespace) {
          if (!(cluster.namespaces[a.namespace] ?? []).includes(a.name!)) throw notFound('services', a.name!);
          const svc = serviceObject(cluster, a.namespace, a.name!);
          return one(req, 'Service', svc, SERVICE_COLUMNS, serviceRow(svc, now));
        }
        return statusResponse(methodNotAllowed());
      }
      case 'endpoints':
      case 'events':
      case 'pods':
      case 'secrets':
      case 'serviceaccounts': {
        const columns = a.resource === 'pods' ? POD_COLUMNS : [NAME_COLUMN, AGE_COLUMN];
        if (a.verb === 'list') return list(req, EMPTY_KINDS[a.resource], rv, [] as Record<string, unknown>[], (i) => i, columns, () => []);
        if (a.verb === 'get' && a.namespace) throw notFound(a.resource, a.name!);
        return statusResponse(methodNotAllowed());
      }
      case 'configmaps':
        return serveConfigMaps(ctx, req, a, rv, now);
    }
    return statusResponse(pathNotFound());
  }
  if (a.group === RBAC_GROUP && a.apiVersion === 'v1' && a.resource in BINDING_RESOURCES) {
    const strict = req.query.get('fieldValidation') === 'Strict';
    const kind = BINDING_RESOURCES[a.resource];
    // kubectl's typed clients send these as protobuf.
    const protobuf = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() === PROTOBUF_TYPE;
    const body = () => (protobuf ? decodeProtobufBinding(req.body, kind) : decodeBody(req, kind));
    const dryRun = req.query.get('dryRun') === 'All';
    const r = serveBindings({ world, cluster, user, accept: req.headers.accept, strict, dryRun, body }, a, rv);
    return json(r.status, r.body);
  }
  if (a.apiVersion === 'v1' && a.verb === 'create' && !a.name && !a.namespace) {
    if (a.group === 'authentication.k8s.io' && a.resource === 'selfsubjectreviews') return json(201, selfSubjectReview(user));
    if (a.group === 'authorization.k8s.io' && a.resource === 'selfsubjectaccessreviews') {
      return json(201, selfSubjectAccessReview(cluster, user, decodeBody(req, 'SelfSubjectAccessReview')));
    }
    if (a.group === 'authorization.k8s.io' && a.resource === 'selfsubjectrulesreviews') {
      return json(201, selfSubjectRulesReview(cluster, user, decodeBody(req, 'SelfSubjectRulesReview')));
    }
  }
  if (a.apiVersion === 'v1' && a.resource in GROUP_OF && GROUP_OF[a.resource] === a.group) {
    return statusResponse(methodNotAllowed());
  }
  return statusResponse(pathNotFound());
}

const PATCH_TYPES = new Set(['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json']);

/** A list's resourceVersion: the newest object version this cluster holds (reads do not advance it). */
function listResourceVersion(cluster: ClusterState): string {
  let max = 1000;
  for (const cm of cluster.configMaps.values()) max = Math.max(max, Number(cm.resourceVersion) || 0);
  return String(Math.max(max, newestBindingVersion(cluster)));
}

const GROUP_OF: Record<string, string> = {
  selfsubjectreviews: 'authentication.k8s.io',
  selfsubjectaccessreviews: 'authorization.k8s.io',
  selfsubjectrulesreviews: 'authorization.k8s.io',
};

function serveConfigMaps(ctx: ClusterContext, req: KubeRequest, a: RequestInfo, rv: string, now: number): KubeResponse {
  const { world, cluster } = ctx;
  if (a.subresource) return statusResponse(pathNotFound());
  const row = (cm: Parameters<typeof configMapRow>[0]) => configMapRow(cm, now);
  const asJson = (cm: Parameters<typeof configMapJson>[0]) => configMapJson(cm, false);
  const opts = { strict: req.query.get('fieldValidation') === 'Strict' };
  switch (a.verb) {
    case 'list':
      return list(req, 'ConfigMap', rv, listConfigMaps(cluster, a.namespace), asJson, CONFIGMAP_COLUMNS, row);
    case 'get': {
      if (!a.namespace) break;
      const cm = getConfigMap(cluster, a.namespace, a.name!);
      return one(req, 'ConfigMap', asJson(cm), CONFIGMAP_COLUMNS, row(cm));
    }
    case 'create': {
      if (!a.namespace || a.name) break;
      const cm = createConfigMap(world, cluster, a.namespace, decodeBody(req, 'ConfigMap'), opts);
      return json(201, configMapJson(cm, true));
    }
    case 'update': {
      if (!a.namespace) break;
      return json(200, configMapJson(updateConfigMap(world, cluster, a.namespace, a.name!, decodeBody(req, 'ConfigMap'), opts), true));
    }
    case 'patch': {
      if (!a.namespace) break;
      const type = String(req.headers['content-type'] ?? '');
      if (!PATCH_TYPES.has(type.split(';')[0].trim().toLowerCase())) throw unsupportedPatchType();
      getConfigMap(cluster, a.namespace, a.name!);
      const cm = patchConfigMap(world, cluster, a.namespace, a.name!, type, decodeBody(req, 'ConfigMap'), opts);
      return json(200, configMapJson(cm, true));
    }
    case 'delete': {
      if (!a.namespace) break;
      const cm = deleteConfigMap(cluster, a.namespace, a.name!);
      return json(200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: cm.name, kind: 'configmaps', uid: cm.uid } });
    }
  }
  return statusResponse(methodNotAllowed());
}
