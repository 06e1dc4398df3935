// SelfSubjectReview (`kubectl auth whoami`) and SelfSubjectAccessReview (`kubectl auth can-i`).
import type { ClusterState } from '../world/types.js';
import { authorize, type Attributes } from './authz.js';
import type { KubeUser } from './mapper.js';
import { KubeError, badRequest } from './status.js';

/** The user as kube-apiserver sees it: the authenticator's groups plus system:authenticated. */
export function userInfo(user: KubeUser) {
  return {
    username: user.username,
    uid: user.uid,
    groups: [...user.groups, 'system:authenticated'],
    extra: {
      accessKeyId: [user.extra.accessKeyId],
      arn: [user.extra.arn],
      canonicalArn: [user.extra.canonicalArn],
      principalId: [user.extra.principalId],
      sessionName: [user.extra.sessionName],
    },
  };
}

export function selfSubjectReview(user: KubeUser): unknown {
  return {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: null },
    status: { userInfo: userInfo(user) },
  };
}

function invalidReview(message: string): KubeError {
  return new KubeError(422, 'Invalid', `SelfSubjectAccessReview.authorization.k8s.io "" is invalid: ${message}`, {
    group: 'authorization.k8s.io',
    kind: 'SelfSubjectAccessReview',
  });
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function selfSubjectAccessReview(cluster: ClusterState, user: KubeUser, body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('the object provided is unrecognized (must be of type SelfSubjectAccessReview)');
  }
  const spec = ((body as Record<string, unknown>).spec ?? {}) as Record<string, unknown>;
  const ra = spec.resourceAttributes as Record<string, unknown> | undefined;
  const nra = spec.nonResourceAttributes as Record<string, unknown> | undefined;
  const isObj = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if ((ra === undefined) === (nra === undefined) || (ra !== undefined && !isObj(ra)) || (nra !== undefined && !isObj(nra))) {
    throw invalidReview('spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
  }
  let attrs: Attributes;
  if (ra) {
    attrs = {
      kind: 'resource',
      verb: str(ra.verb),
      group: str(ra.group),
      resource: str(ra.resource),
      ...(str(ra.subresource) ? { subresource: str(ra.subresource) } : {}),
      ...(str(ra.namespace) ? { namespace: str(ra.namespace) } : {}),
      ...(str(ra.name) ? { name: str(ra.name) } : {}),
    };
  } else {
    attrs = { kind: 'path', verb: str(nra!.verb), path: str(nra!.path) };
  }
  const decision = authorize(cluster, user, attrs);
  const status: Record<string, unknown> = { allowed: decision.allowed };
  if (decision.reason) status.reason = decision.reason;
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status,
  };
}
