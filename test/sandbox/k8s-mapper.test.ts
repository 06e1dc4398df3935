// Canonical ARNs and the identity → Kubernetes user mapping in each authentication mode.
import { describe, expect, it } from 'vitest';
import { canonicalizeArn } from '../../sandbox/k8s/arn.js';
import { mapIdentity, renderUsername } from '../../sandbox/k8s/mapper.js';
import type { TokenIdentity } from '../../sandbox/k8s/token.js';
import { parseScenario } from '../../sandbox/scenario/load.js';
import { World } from '../../sandbox/world/world.js';

describe('canonicalizeArn', () => {
  it('turns an assumed-role ARN into the role ARN without a path', () => {
    expect(canonicalizeArn('arn:aws:sts::111122223333:assumed-role/Admin/alice')).toBe('arn:aws:iam::111122223333:role/Admin');
    expect(canonicalizeArn('arn:aws-cn:sts::111122223333:assumed-role/AWSReservedSSO_Dev_abc/bob@example.com')).toBe(
      'arn:aws-cn:iam::111122223333:role/AWSReservedSSO_Dev_abc',
    );
  });

  it('passes users, roles, root and federated users through', () => {
    for (const arn of [
      'arn:aws:iam::111122223333:user/team/bob',
      'arn:aws:iam::111122223333:role/team/Admin',
      'arn:aws:iam::111122223333:root',
      'arn:aws:sts::111122223333:federated-user/carol',
    ]) {
      expect(canonicalizeArn(arn)).toBe(arn);
    }
  });

  it('rejects what is not an identity', () => {
    expect(() => canonicalizeArn('arn:aws:sts::1:assumed-role/OnlyRole')).toThrow(/does not have a role/);
    expect(() => canonicalizeArn('arn:aws:s3:::bucket')).toThrow(/not a valid service for identities/);
    expect(() => canonicalizeArn('arn:foo:iam::1:user/x')).toThrow(/recognized partition/);
    expect(() => canonicalizeArn('nonsense')).toThrow(/invalid/);
  });
});

const ACCT = '111122223333';

function scenario(cluster: string): World {
  return new World(
    parseScenario(`
name: mapper
accounts:
  - id: "${ACCT}"
    users:
      - name: alice
      - name: bob
        path: /team/
    roles:
      - name: Admin
      - name: Dev
        path: /team/
clusters:
  - ${cluster}
`),
  );
}

function identityFor(w: World, name: string, sessionName = ''): TokenIdentity {
  const p = w.findPrincipal(name, ACCT)!;
  const arn = p.kind === 'role' ? `arn:aws:sts::${ACCT}:assumed-role/${p.name}/${sessionName}` : p.arn;
  return { arn, canonicalArn: canonicalizeArn(arn), accountId: ACCT, userId: p.uniqueId, sessionName, accessKeyId: 'AKIATEST0000000000', principalId: p.uniqueId };
}

describe('mapIdentity', () => {
  it('CONFIG_MAP: the creator is kubernetes-admin in system:masters, invisible in aws-auth', () => {
    const w = scenario(`{ name: c, account: "${ACCT}", region: us-east-1, creator: alice }`);
    const r = mapIdentity(w.clusters[0], identityFor(w, 'alice'));
    expect(r).toEqual({
      ok: true,
      user: expect.objectContaining({ username: 'kubernetes-admin', groups: ['system:masters'], via: 'creator', uid: `aws-iam-authenticator:${ACCT}:${w.findPrincipal('alice', ACCT)!.uniqueId}` }),
    });
    expect(mapIdentity(w.clusters[0], identityFor(w, 'Admin', 's'))).toEqual({ ok: false, error: 'ARN is not mapped' });
  });

  it('CONFIG_MAP: a re-created creator with the same ARN is still the creator', () => {
    const w = scenario(`{ name: c, account: "${ACCT}", region: us-east-1, creator: alice }`);
    const id = { ...identityFor(w, 'alice'), userId: 'AIDANEWALICE00000000', principalId: 'AIDANEWALICE00000000' };
    expect(mapIdentity(w.clusters[0], id).ok).toBe(true);
  });

  it('CONFIG_MAP: aws-auth roles by canonical ARN, case-insensitive; a rolearn with a path never matches', () => {
    const w = scenario(`
    name: c
    account: "${ACCT}"
    region: us-east-1
    creator: alice
    awsAuth:
      mapRoles: |
        - rolearn: arn:aws:iam::${ACCT}:role/ADMIN
          username: admin:{{SessionName}}
          groups: [system:masters]
        - rolearn: arn:aws:iam::${ACCT}:role/team/Dev
          username: dev
      mapUsers: |
        - userarn: arn:aws:iam::${ACCT}:user/team/bob
          username: bob-{{AccountID}}
          groups: [viewers]`);
    const c = w.clusters[0];
    expect(mapIdentity(c, identityFor(w, 'Admin', 'a@b.com'))).toMatchObject({ ok: true, user: { username: 'admin:a-b.com', groups: ['system:masters'], via: 'aws-auth' } });
    expect(mapIdentity(c, identityFor(w, 'Dev', 's'))).toEqual({ ok: false, error: 'ARN is not mapped' });
    expect(mapIdentity(c, identityFor(w, 'bob'))).toMatchObject({ ok: true, user: { username: `bob-${ACCT}`, groups: ['viewers'] } });
  });

  it('CONFIG_MAP: mapAccounts maps the whole account with the canonical ARN as username', () => {
    // The authenticator's doMapping: `if m.IsAccountAllowed(identity.AccountID) { return identity.CanonicalARN, []string{}, nil }`.
    const w = scenario(`{ name: c, account: "${ACCT}", region: us-east-1, creator: alice, awsAuth: { mapAccounts: '["${ACCT}"]' } }`);
    const id = identityFor(w, 'Admin', 'x');
    expect(mapIdentity(w.clusters[0], id)).toMatchObject({ ok: true, user: { username: `arn:aws:iam::${ACCT}:role/Admin`, groups: [], via: 'mapAccounts' } });
  });

  it('CONFIG_MAP: templates render in groups too; {{EC2PrivateDNSName}} outside an EC2 session is refused', () => {
    const w = scenario(`
    name: c
    account: "${ACCT}"
    region: eu-west-1
    creator: alice
    awsAuth:
      mapRoles: |
        - rolearn: arn:aws:iam::${ACCT}:role/Admin
          username: system:node:{{EC2PrivateDNSName}}
          groups: [system:nodes, "acct-{{AccountID}}"]
      mapUsers: |
        - userarn: arn:aws:iam::${ACCT}:user/team/bob
          username: bob
          groups: ["team-{{AccountID}}", "{{EC2PrivateDNSName}}"]`);
    const c = w.clusters[0];
    // An instance's session (its instance ID) renders every template.
    expect(mapIdentity(c, identityFor(w, 'Admin', 'i-0123456789abcdef0'))).toMatchObject({
      ok: true,
      user: { username: 'system:node:ip-10-0-0-1.eu-west-1.compute.internal', groups: ['system:nodes', `acct-${ACCT}`] },
    });
    // The authenticator's words (server.go renderTemplate / renderTemplates / doMapping).
    expect(mapIdentity(c, identityFor(w, 'Admin', 'laptop'))).toEqual({
      ok: false,
      error: 'mapper ConfigMap renderTemplates error: error rendering username template "system:node:{{EC2PrivateDNSName}}": SessionName did not contain an instance id',
    });
    expect(mapIdentity(c, identityFor(w, 'bob'))).toEqual({
      ok: false,
      error: 'mapper ConfigMap renderTemplates error: error rendering group template "{{EC2PrivateDNSName}}": SessionName did not contain an instance id',
    });
  });

  it('API: only access entries, matched by unique ID (paths allowed), aws-auth ignored', () => {
    const w = scenario(`
    name: c
    account: "${ACCT}"
    region: us-east-1
    creator: alice
    authenticationMode: API
    awsAuth: { mapRoles: "- rolearn: arn:aws:iam::${ACCT}:role/Admin\\n  username: admin\\n" }
    accessEntries:
      - principalArn: arn:aws:iam::${ACCT}:role/team/Dev
        kubernetesGroups: [devs]
        policies: [{ policyArn: arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy, accessScope: { type: namespace, namespaces: [dev] } }]`);
    const c = w.clusters[0];
    const dev = mapIdentity(c, identityFor(w, 'Dev', 'sess'));
    expect(dev).toMatchObject({ ok: true, user: { username: `arn:aws:sts::${ACCT}:assumed-role/Dev/sess`, groups: ['devs'], via: 'access-entry' } });
    expect(dev.ok && dev.user.accessPolicies.map((p) => p.policyArn)).toEqual(['arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy']);
    expect(mapIdentity(c, identityFor(w, 'Admin', 's'))).toEqual({ ok: false, error: 'ARN is not mapped' });
    // The creator's access entry (made by EKS) grants cluster admin.
    const creator = mapIdentity(c, identityFor(w, 'alice'));
    expect(creator).toMatchObject({ ok: true, user: { username: `arn:aws:iam::${ACCT}:user/alice`, via: 'access-entry' } });
  });

  it('API: an entry made for a deleted-then-recreated role does not match', () => {
    const w = scenario(`{ name: c, account: "${ACCT}", region: us-east-1, creator: alice, authenticationMode: API, accessEntries: [{ principalArn: "arn:aws:iam::${ACCT}:role/Admin" }] }`);
    const recreated = { ...identityFor(w, 'Admin', 's'), userId: 'AROANEWADMIN00000000', principalId: 'AROANEWADMIN00000000' };
    expect(mapIdentity(w.clusters[0], recreated)).toEqual({ ok: false, error: 'ARN is not mapped' });
    expect(mapIdentity(w.clusters[0], identityFor(w, 'Admin', 's')).ok).toBe(true);
  });

  it('API_AND_CONFIG_MAP: access entries win, aws-auth still applies, no implicit creator', () => {
    const w = scenario(`
    name: c
    account: "${ACCT}"
    region: us-east-1
    creator: alice
    bootstrapClusterCreatorAdminPermissions: false
    authenticationMode: API_AND_CONFIG_MAP
    awsAuth:
      mapRoles: |
        - rolearn: arn:aws:iam::${ACCT}:role/Admin
          username: from-aws-auth
      mapUsers: |
        - userarn: arn:aws:iam::${ACCT}:user/team/bob
          username: bob
    accessEntries:
      - { principalArn: "arn:aws:iam::${ACCT}:role/Admin", username: from-entry }`);
    const c = w.clusters[0];
    expect(mapIdentity(c, identityFor(w, 'Admin', 's'))).toMatchObject({ ok: true, user: { username: 'from-entry', via: 'access-entry' } });
    expect(mapIdentity(c, identityFor(w, 'bob'))).toMatchObject({ ok: true, user: { username: 'bob', via: 'aws-auth' } });
    expect(mapIdentity(c, identityFor(w, 'alice'))).toEqual({ ok: false, error: 'ARN is not mapped' });
  });

  it('renders every username template', () => {
    const id: TokenIdentity = { arn: 'a', canonicalArn: 'c', accountId: ACCT, userId: 'AROA1', sessionName: 'x@y', accessKeyId: 'ASIA1', principalId: 'AROA1' };
    expect(renderUsername('{{AccountID}}/{{SessionName}}/{{SessionNameRaw}}/{{AccessKeyID}}', id, 'eu-west-1')).toBe(`${ACCT}/x-y/x@y/ASIA1`);
    // instanceIDPattern: ^i-(\w{8}|\w{17})$
    for (const sessionName of ['i-0123abcd', 'i-0123456789abcdef0']) {
      expect(renderUsername('{{EC2PrivateDNSName}}', { ...id, sessionName }, 'eu-west-1')).toBe('ip-10-0-0-1.eu-west-1.compute.internal');
    }
    for (const sessionName of ['', 'i-123', 'x@y', 'i-0123456789abcdef01']) {
      expect(() => renderUsername('{{EC2PrivateDNSName}}', { ...id, sessionName }, 'eu-west-1')).toThrow('SessionName did not contain an instance id');
    }
  });
});
