// SelfSubjectRulesReview (`kubectl auth can-i --list`): the user's rules in a namespace, derived by
// asking the same authorizer about the common resources, so the list never disagrees with enforcement.
import type { ClusterState } from '../world/types.js';
import { authorize, isClusterScoped } from './authz.js';
import type { KubeUser } from './mapper.js';
import { badRequest } from './status.js';

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const CATALOGUE: Record<string, string[]> = {
  '': ['configmaps', 'endpoints', 'events', 'namespaces', 'nodes', 'persistentvolumeclaims', 'persistentvolumes', 'pods', 'secrets', 'serviceaccounts', 'services'],
  apps: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'],
  batch: ['cronjobs', 'jobs'],
  'rbac.authorization.k8s.io': ['clusterrolebindings', 'clusterroles', 'rolebindings', 'roles'],
};
const SELF_REVIEW_RULES = [
  { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
  { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
];
const DISCOVERY_RULES = [
  { verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'] },
];

export function selfSubjectRulesReview(cluster: ClusterState, user: KubeUser, body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('the object provided is unrecognized (must be of type SelfSubjectRulesReview)');
  }
  const spec = ((body as Record<string, unknown>).spec ?? {}) as Record<string, unknown>;
  const namespace = typeof spec.namespace === 'string' ? spec.namespace : '';
  let resourceRules: unknown[];
  let nonResourceRules: unknown[];
  if (user.groups.includes('system:masters')) {
    resourceRules = [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, ...SELF_REVIEW_RULES];
    nonResourceRules = [{ verbs: ['*'], nonResourceURLs: ['*'] }, ...DISCOVERY_RULES];
  } else {
    const byVerbs = new Map<string, { verbs: string[]; apiGroups: string[]; resources: string[] }>();
    for (const [group, resources] of Object.entries(CATALOGUE)) {
      for (const resource of resources) {
        const ns = isClusterScoped(resource) || !namespace ? {} : { namespace };
        const verbs = VERBS.filter((verb) => authorize(cluster, user, { kind: 'resource', verb, group, resource, ...ns }).allowed);
        if (verbs.length === 0) continue;
        const key = `${group}|${verbs.join(',')}`;
        const rule = byVerbs.get(key) ?? { verbs, apiGroups: [group], resources: [] };
        rule.resources.push(resource);
        byVerbs.set(key, rule);
      }
    }
    resourceRules = [...SELF_REVIEW_RULES, ...byVerbs.values()];
    nonResourceRules = DISCOVERY_RULES;
  }
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: { namespace },
    status: { resourceRules, nonResourceRules, incomplete: false },
  };
}
