// kube-apiserver's RequestInfo: what a URL and method mean as an authorization request
// (resource, verb, namespace, name) or a non-resource path.
import type { Attributes } from './authz.js';

export type RequestInfo = Extract<Attributes, { kind: 'resource' }> & { apiVersion: string };

const VERBS: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch' };

export function requestAttributes(method: string, path: string, query: URLSearchParams): Attributes | RequestInfo {
  const m = method.toUpperCase();
  const segs = path.split('/').filter(Boolean);
  let group = '';
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 3) {
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 4) {
    group = segs[1];
    version = segs[2];
    rest = segs.slice(3);
  } else {
    return { kind: 'path', verb: m === 'GET' || m === 'HEAD' ? 'get' : m === 'POST' ? 'post' : m.toLowerCase(), path };
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest;
  let verb: string;
  if (m === 'GET' || m === 'HEAD') verb = name ? 'get' : ['true', '1'].includes(query.get('watch') ?? '') ? 'watch' : 'list';
  else if (m === 'DELETE') verb = name ? 'delete' : 'deletecollection';
  else verb = VERBS[m] ?? m.toLowerCase();
  return {
    kind: 'resource',
    verb,
    group,
    resource: resource ?? '',
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
    apiVersion: version,
  };
}
