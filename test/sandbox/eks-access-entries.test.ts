// EKS access entries and access policies, called directly with a World built from scenario YAML and a signer
// from its keys.
import { describe, expect, it } from 'vitest';
import { ACCT, ADMIN_ROLE, call, enc, setup, VIEW_POLICY } from './eks-handler-calls.js';

describe('access entries', () => {
  it('refuses access entry calls on a CONFIG_MAP cluster', async () => {
    const { ctx } = setup();
    const r = await call(ctx, 'POST', '/clusters/legacy/access-entries', { principalArn: ADMIN_ROLE });
    expect(r.status).toBe(400);
    expect(r.res.headers?.['x-amzn-errortype']).toBe('InvalidRequestException');
    expect(r.json.message).toBe("The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.");
    const list = await call(ctx, 'GET', '/clusters/legacy/access-entries');
    expect(list.res.headers?.['x-amzn-errortype']).toBe('InvalidRequestException');
  });

  it('creates an entry with EKS defaults, stores the unique ID, and finds it by percent-encoded ARN', async () => {
    const { world, ctx } = setup();
    const r = await call(ctx, 'POST', '/clusters/modern/access-entries', { principalArn: ADMIN_ROLE, kubernetesGroups: ['viewers'] });
    expect(r.status).toBe(200);
    expect(r.json.accessEntry).toMatchObject({
      clusterName: 'modern',
      principalArn: ADMIN_ROLE,
      kubernetesGroups: ['viewers'],
      username: `arn:aws:sts::${ACCT}:assumed-role/Admin/{{SessionName}}`,
      type: 'STANDARD',
    });
    expect(r.json.accessEntry.accessEntryArn).toMatch(new RegExp(`^arn:aws:eks:us-east-1:${ACCT}:access-entry/modern/role/${ACCT}/Admin/[0-9a-f-]{36}$`));
    const stored = world.findCluster(ACCT, 'us-east-1', 'modern')!.accessEntries.get(ADMIN_ROLE)!;
    expect(stored.principalId).toBe(world.principals.get(ADMIN_ROLE)!.uniqueId);
    const d = await call(ctx, 'GET', `/clusters/modern/access-entries/${enc(ADMIN_ROLE)}`);
    expect(d.json.accessEntry).toEqual(r.json.accessEntry);
    const user = await call(ctx, 'POST', '/clusters/modern/access-entries', { principalArn: `arn:aws:iam::${ACCT}:user/bob`, username: 'bob' });
    expect(user.json.accessEntry.username).toBe('bob');
  });

  it('rejects duplicates, unknown principals, session ARNs, system: groups and reserved usernames', async () => {
    const { ctx } = setup();
    const dup = await call(ctx, 'POST', '/clusters/modern/access-entries', { principalArn: `arn:aws:iam::${ACCT}:user/alice` });
    expect(dup.status).toBe(409);
    expect(dup.res.headers?.['x-amzn-errortype']).toBe('ResourceInUseException');
    expect(dup.json.message).toBe('The specified access entry resource is already in use on this cluster.');
    for (const principalArn of [
      `arn:aws:iam::${ACCT}:role/Ghost`,
      `arn:aws:iam::${ACCT}:role/Admin`, // the role lives under /team/: without the path it is another ARN
      `arn:aws:sts::${ACCT}:assumed-role/Admin/alice`,
      'not-an-arn',
    ]) {
      const r = await call(ctx, 'POST', '/clusters/modern/access-entries', { principalArn });
      expect(r.status, principalArn).toBe(400);
      expect(r.res.headers?.['x-amzn-errortype']).toBe('InvalidParameterException');
      expect(r.json.message).toBe('The specified principalArn is invalid: invalid principal.');
    }
    const sys = await call(ctx, 'POST', '/clusters/modern/access-entries', { principalArn: ADMIN_ROLE, kubernetesGroups: ['system:masters'] });
    expect(sys.status).toBe(400);
    expect(sys.json.message).toContain('system:masters');
    const reserved = await call(ctx, 'POST', '/clusters/modern/access-entries', { principalArn: ADMIN_ROLE, username: 'eks:admin' });
    expect(reserved.status).toBe(400);
    const noArn = await call(ctx, 'POST', '/clusters/modern/access-entries', {});
    expect(noArn.status).toBe(400);
  });

  it('lists with pagination and deletes', async () => {
    const { ctx } = setup();
    for (const p of [ADMIN_ROLE, `arn:aws:iam::${ACCT}:role/Viewer`, `arn:aws:iam::${ACCT}:user/bob`]) {
      expect((await call(ctx, 'POST', '/clusters/modern/access-entries', { principalArn: p })).status).toBe(200);
    }
    const all: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i++) {
      const r = await call(ctx, 'GET', `/clusters/modern/access-entries?maxResults=3${token ? `&nextToken=${enc(token)}` : ''}`);
      all.push(...r.json.accessEntries);
      token = r.json.nextToken;
      if (!token) break;
    }
    expect(all).toEqual([ADMIN_ROLE, `arn:aws:iam::${ACCT}:role/Viewer`, `arn:aws:iam::${ACCT}:user/alice`, `arn:aws:iam::${ACCT}:user/bob`].sort());
    expect(new Set(all).size).toBe(4);
    const byPolicy = await call(ctx, 'GET', `/clusters/modern/access-entries?associatedPolicyArn=${enc('arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy')}`);
    expect(byPolicy.json.accessEntries).toEqual([`arn:aws:iam::${ACCT}:user/alice`]);
    const del = await call(ctx, 'DELETE', `/clusters/modern/access-entries/${enc(ADMIN_ROLE)}`);
    expect(del.status).toBe(200);
    const gone = await call(ctx, 'GET', `/clusters/modern/access-entries/${enc(ADMIN_ROLE)}`);
    expect(gone.status).toBe(404);
    expect(gone.json.message).toBe("The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'.");
  });

  it('updates groups and username of an entry', async () => {
    const { ctx } = setup();
    await call(ctx, 'POST', '/clusters/modern/access-entries', { principalArn: ADMIN_ROLE });
    const u = await call(ctx, 'POST', `/clusters/modern/access-entries/${enc(ADMIN_ROLE)}`, { kubernetesGroups: ['editors'], username: 'admin-user' });
    expect(u.status).toBe(200);
    expect(u.json.accessEntry).toMatchObject({ kubernetesGroups: ['editors'], username: 'admin-user' });
  });
});

describe('access policies', () => {
  it('lists AWS access policies', async () => {
    const { ctx } = setup();
    const r = await call(ctx, 'GET', '/access-policies');
    const names = r.json.accessPolicies.map((p: { name: string }) => p.name);
    for (const n of ['AmazonEKSClusterAdminPolicy', 'AmazonEKSAdminPolicy', 'AmazonEKSEditPolicy', 'AmazonEKSViewPolicy', 'AmazonEKSAdminViewPolicy']) {
      expect(names).toContain(n);
    }
    for (const p of r.json.accessPolicies) expect(p.arn).toBe(`arn:aws:eks::aws:cluster-access-policy/${p.name}`);
  });

  it('associates, re-scopes, lists and disassociates a policy', async () => {
    const { world, ctx } = setup();
    await call(ctx, 'POST', '/clusters/modern/access-entries', { principalArn: ADMIN_ROLE });
    const path = `/clusters/modern/access-entries/${enc(ADMIN_ROLE)}/access-policies`;
    const a = await call(ctx, 'POST', path, { policyArn: VIEW_POLICY, accessScope: { type: 'namespace', namespaces: ['dev'] } });
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({ clusterName: 'modern', principalArn: ADMIN_ROLE, associatedAccessPolicy: { policyArn: VIEW_POLICY, accessScope: { type: 'namespace', namespaces: ['dev'] } } });
    const again = await call(ctx, 'POST', path, { policyArn: VIEW_POLICY, accessScope: { type: 'cluster' } });
    expect(again.json.associatedAccessPolicy.accessScope).toEqual({ type: 'cluster', namespaces: [] });
    const l = await call(ctx, 'GET', path);
    expect(l.json.associatedAccessPolicies).toHaveLength(1);
    expect(l.json.associatedAccessPolicies[0].accessScope.type).toBe('cluster');
    expect(world.findCluster(ACCT, 'us-east-1', 'modern')!.accessEntries.get(ADMIN_ROLE)!.policies).toHaveLength(1);
    const d = await call(ctx, 'DELETE', `${path}/${enc(VIEW_POLICY)}`);
    expect(d.status).toBe(200);
    expect((await call(ctx, 'GET', path)).json.associatedAccessPolicies).toEqual([]);
    expect((await call(ctx, 'DELETE', `${path}/${enc(VIEW_POLICY)}`)).status).toBe(404);
  });

  it('validates the policy, the scope and the entry', async () => {
    const { ctx } = setup();
    await call(ctx, 'POST', '/clusters/modern/access-entries', { principalArn: ADMIN_ROLE });
    const path = `/clusters/modern/access-entries/${enc(ADMIN_ROLE)}/access-policies`;
    const badPolicy = await call(ctx, 'POST', path, { policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSGodPolicy', accessScope: { type: 'cluster' } });
    expect(badPolicy.res.headers?.['x-amzn-errortype']).toBe('InvalidParameterException');
    const noNs = await call(ctx, 'POST', path, { policyArn: VIEW_POLICY, accessScope: { type: 'namespace' } });
    expect(noNs.status).toBe(400);
    const nsOnCluster = await call(ctx, 'POST', path, { policyArn: VIEW_POLICY, accessScope: { type: 'cluster', namespaces: ['dev'] } });
    expect(nsOnCluster.status).toBe(400);
    const badType = await call(ctx, 'POST', path, { policyArn: VIEW_POLICY, accessScope: { type: 'galaxy' } });
    expect(badType.status).toBe(400);
    const noEntry = await call(ctx, 'POST', `/clusters/modern/access-entries/${enc(`arn:aws:iam::${ACCT}:role/Viewer`)}/access-policies`, {
      policyArn: VIEW_POLICY,
      accessScope: { type: 'cluster' },
    });
    expect(noEntry.status).toBe(404);
  });
});
