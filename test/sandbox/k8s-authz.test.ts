// Authorization decisions: system:masters, EKS access policies and scopes, RBAC bindings, discovery.
import { describe, expect, it } from 'vitest';
import { authorize, forbiddenMessage, type Attributes } from '../../sandbox/k8s/authz.js';
import type { KubeUser } from '../../sandbox/k8s/mapper.js';
import { parseScenario } from '../../sandbox/scenario/load.js';
import type { AssociatedPolicy, ClusterState } from '../../sandbox/world/types.js';
import { World } from '../../sandbox/world/world.js';

const cluster: ClusterState = new World(
  parseScenario(`
name: authz
accounts: [{ id: "111122223333", users: [{ name: alice }] }]
clusters:
  - name: c
    account: "111122223333"
    region: us-east-1
    rbac:
      - { group: viewers, clusterRole: view, namespace: dev }
      - { group: editors, clusterRole: edit, namespace: dev }
      - { group: ns-admins, clusterRole: admin, namespace: dev }
      - { group: global-view, clusterRole: view }
      - { group: root, clusterRole: cluster-admin }
`),
).clusters[0];

const P = 'arn:aws:eks::aws:cluster-access-policy/';

function user(groups: string[], policies: Array<[string, 'cluster' | 'namespace', string[]?]> = []): KubeUser {
  const accessPolicies: AssociatedPolicy[] = policies.map(([name, type, namespaces = []]) => ({ policyArn: P + name, accessScope: { type, namespaces }, associatedAt: 0, modifiedAt: 0 }));
  return {
    username: 'u',
    groups,
    uid: 'aws-iam-authenticator:111122223333:AIDA',
    extra: { arn: 'a', canonicalArn: 'arn:aws:iam::111122223333:user/u', sessionName: '', accessKeyId: 'AKIA', principalId: 'AIDA' },
    via: 'aws-auth',
    accessPolicies,
  };
}

const r = (verb: string, resource: string, namespace?: string, group = '', name?: string): Attributes => ({
  kind: 'resource',
  verb,
  group,
  resource,
  ...(namespace ? { namespace } : {}),
  ...(name ? { name } : {}),
});

const can = (u: KubeUser, a: Attributes) => authorize(cluster, u, a).allowed;

describe('authorize', () => {
  it('system:masters may do everything', () => {
    expect(can(user(['system:masters']), r('delete', 'nodes', undefined, '', 'n1'))).toBe(true);
  });

  it('"*" on "*" in an access review is granted by cluster-admin rules only', () => {
    expect(can(user(['root']), r('*', '*', undefined, '*'))).toBe(true);
    expect(can(user([], [['AmazonEKSClusterAdminPolicy', 'cluster']]), r('*', '*', undefined, '*'))).toBe(true);
    expect(can(user(['ns-admins']), r('*', '*', 'dev', '*'))).toBe(false);
    expect(can(user(['editors']), r('*', '*', 'dev', '*'))).toBe(false);
    expect(can(user([], [['AmazonEKSAdminPolicy', 'cluster']]), r('*', '*', undefined, '*'))).toBe(false);
    expect(can(user([], [['AmazonEKSAdminPolicy', 'cluster']]), r('update', 'configmaps', 'kube-system'))).toBe(true);
  });

  it('anyone authenticated may do discovery and self reviews, nothing else', () => {
    const nobody = user([]);
    for (const path of ['/version', '/api', '/apis', '/api/v1', '/apis/authorization.k8s.io/v1']) expect(can(nobody, { kind: 'path', verb: 'get', path })).toBe(true);
    expect(can(nobody, r('create', 'selfsubjectreviews', undefined, 'authentication.k8s.io'))).toBe(true);
    expect(can(nobody, r('create', 'selfsubjectaccessreviews', undefined, 'authorization.k8s.io'))).toBe(true);
    expect(can(nobody, r('list', 'services', 'default'))).toBe(false);
    expect(can(nobody, { kind: 'path', verb: 'get', path: '/metrics' })).toBe(false);
  });

  it('AmazonEKSClusterAdminPolicy allows everything; AdminView reads everything', () => {
    expect(can(user([], [['AmazonEKSClusterAdminPolicy', 'cluster']]), r('delete', 'namespaces', undefined, '', 'x'))).toBe(true);
    const av = user([], [['AmazonEKSAdminViewPolicy', 'cluster']]);
    expect(can(av, r('list', 'secrets', 'kube-system'))).toBe(true);
    expect(can(av, r('list', 'namespaces'))).toBe(true);
    expect(can(av, r('update', 'configmaps', 'kube-system'))).toBe(false);
  });

  it('AmazonEKSAdminPolicy: namespaced incl. rbac, cluster-scoped read only', () => {
    const a = user([], [['AmazonEKSAdminPolicy', 'cluster']]);
    expect(can(a, r('create', 'rolebindings', 'dev', 'rbac.authorization.k8s.io'))).toBe(true);
    expect(can(a, r('list', 'nodes'))).toBe(true);
    expect(can(a, r('delete', 'nodes', undefined, '', 'n1'))).toBe(false);
  });

  it('AmazonEKSEditPolicy writes namespaced objects but not rbac; ViewPolicy reads but not secrets', () => {
    const e = user([], [['AmazonEKSEditPolicy', 'cluster']]);
    expect(can(e, r('update', 'configmaps', 'kube-system', '', 'aws-auth'))).toBe(true);
    expect(can(e, r('create', 'roles', 'dev', 'rbac.authorization.k8s.io'))).toBe(false);
    const v = user([], [['AmazonEKSViewPolicy', 'cluster']]);
    expect(can(v, r('list', 'services'))).toBe(true);
    expect(can(v, r('get', 'secrets', 'dev', '', 's'))).toBe(false);
    expect(can(v, r('patch', 'configmaps', 'dev', '', 'c'))).toBe(false);
  });

  it('namespace scope applies only to matching namespaces, with * as a suffix wildcard', () => {
    const v = user([], [['AmazonEKSViewPolicy', 'namespace', ['dev', 'team-*']]]);
    expect(can(v, r('list', 'services', 'dev'))).toBe(true);
    expect(can(v, r('list', 'services', 'team-a'))).toBe(true);
    expect(can(v, r('list', 'services', 'default'))).toBe(false);
    expect(can(v, r('list', 'services'))).toBe(false); // across all namespaces
    expect(can(v, r('list', 'namespaces'))).toBe(false);
  });

  it('an access entry with no policy and no groups may do nothing', () => {
    expect(can(user([]), r('get', 'configmaps', 'default', '', 'x'))).toBe(false);
  });

  it('RBAC: view/edit/admin in a namespace, view and cluster-admin cluster-wide', () => {
    expect(can(user(['viewers']), r('list', 'configmaps', 'dev'))).toBe(true);
    expect(can(user(['viewers']), r('update', 'configmaps', 'dev', '', 'c'))).toBe(false);
    expect(can(user(['viewers']), r('list', 'configmaps', 'default'))).toBe(false);
    expect(can(user(['editors']), r('update', 'configmaps', 'dev', '', 'c'))).toBe(true);
    expect(can(user(['editors']), r('create', 'rolebindings', 'dev', 'rbac.authorization.k8s.io'))).toBe(false);
    expect(can(user(['ns-admins']), r('create', 'rolebindings', 'dev', 'rbac.authorization.k8s.io'))).toBe(true);
    expect(can(user(['global-view']), r('list', 'services'))).toBe(true);
    expect(can(user(['global-view']), r('list', 'namespaces'))).toBe(true);
    expect(can(user(['global-view']), r('list', 'secrets', 'dev'))).toBe(false);
    expect(can(user(['root']), r('delete', 'nodes', undefined, '', 'n'))).toBe(true);
  });

  it('words a denial exactly as kube-apiserver does', () => {
    expect(forbiddenMessage('bob', r('list', 'services', 'default'))).toBe(
      'services is forbidden: User "bob" cannot list resource "services" in API group "" in the namespace "default"',
    );
    expect(forbiddenMessage('bob', r('list', 'namespaces'))).toBe('namespaces is forbidden: User "bob" cannot list resource "namespaces" in API group "" at the cluster scope');
    expect(forbiddenMessage('bob', r('get', 'configmaps', 'kube-system', '', 'aws-auth'))).toBe(
      'configmaps "aws-auth" is forbidden: User "bob" cannot get resource "configmaps" in API group "" in the namespace "kube-system"',
    );
    expect(forbiddenMessage('bob', r('create', 'rolebindings', 'dev', 'rbac.authorization.k8s.io'))).toBe(
      'rolebindings.rbac.authorization.k8s.io is forbidden: User "bob" cannot create resource "rolebindings" in API group "rbac.authorization.k8s.io" in the namespace "dev"',
    );
    expect(forbiddenMessage('system:anonymous', { kind: 'path', verb: 'get', path: '/api' })).toBe('forbidden: User "system:anonymous" cannot get path "/api"');
  });
});
