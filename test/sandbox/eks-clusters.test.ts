// EKS cluster calls (ListClusters, DescribeCluster, UpdateClusterConfig), routing and malformed input, called
// directly with a World built from scenario YAML and a signer from its keys.
import { describe, expect, it } from 'vitest';
import { eksService } from '../../sandbox/aws/eks.js';
import { ACCT, ADMIN_ROLE, call, ctxFor, enc, request, setup, VIEW_POLICY } from './eks-handler-calls.js';

describe('ListClusters', () => {
  it('lists the clusters of the caller account in the signing region, sorted', async () => {
    const { ctx } = setup();
    const r = await call(ctx, 'GET', '/clusters');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ clusters: ['api-only', 'legacy', 'modern'] });
    const eu = await call({ ...ctx, region: 'eu-west-1' }, 'GET', '/clusters');
    expect(eu.json.clusters).toEqual(['other-region']);
  });

  it('paginates with an opaque nextToken', async () => {
    const { ctx } = setup();
    const seen: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 5; i++) {
      const r = await call(ctx, 'GET', `/clusters?maxResults=2${token ? `&nextToken=${enc(token)}` : ''}`);
      expect(r.status).toBe(200);
      expect(r.json.clusters.length).toBeLessThanOrEqual(2);
      seen.push(...r.json.clusters);
      token = r.json.nextToken;
      if (!token) break;
    }
    expect(seen).toEqual(['api-only', 'legacy', 'modern']);
    expect(token).toBeUndefined();
  });

  it('rejects maxResults outside 1..100 and a forged token', async () => {
    const { ctx } = setup();
    for (const bad of ['0', '101', 'x']) {
      const r = await call(ctx, 'GET', `/clusters?maxResults=${bad}`);
      expect(r.status).toBe(400);
      expect(r.res.headers?.['x-amzn-errortype']).toBe('InvalidParameterException');
    }
    const forged = await call(ctx, 'GET', '/clusters?nextToken=garbage');
    expect(forged.res.headers?.['x-amzn-errortype']).toBe('InvalidParameterException');
  });
});

describe('DescribeCluster', () => {
  it('returns the documented fields', async () => {
    const { world, ctx } = setup();
    const c = world.findCluster(ACCT, 'us-east-1', 'modern')!;
    c.endpoint = 'https://127.0.0.1:44321';
    c.caData = 'Q0FEQVRB';
    const r = await call(ctx, 'GET', '/clusters/modern');
    expect(r.status).toBe(200);
    const cl = r.json.cluster;
    expect(cl.name).toBe('modern');
    expect(cl.arn).toBe(`arn:aws:eks:us-east-1:${ACCT}:cluster/modern`);
    expect(cl.endpoint).toBe('https://127.0.0.1:44321');
    expect(cl.certificateAuthority).toEqual({ data: 'Q0FEQVRB' });
    expect(typeof cl.createdAt).toBe('number');
    expect(Math.abs(cl.createdAt * 1000 - c.createdAt)).toBeLessThan(1);
    expect(cl.identity.oidc.issuer).toBe(`https://oidc.eks.us-east-1.amazonaws.com/id/${c.idSuffix}`);
    expect(cl.logging.clusterLogging).toEqual([
      { types: ['authenticator'], enabled: true },
      { types: ['api', 'audit', 'controllerManager', 'scheduler'], enabled: false },
    ]);
    expect(cl.accessConfig).toEqual({ bootstrapClusterCreatorAdminPermissions: true, authenticationMode: 'API_AND_CONFIG_MAP' });
    expect(cl.resourcesVpcConfig).toMatchObject({ endpointPublicAccess: true, endpointPrivateAccess: false, publicAccessCidrs: ['0.0.0.0/0'] });
    expect(cl.kubernetesNetworkConfig.serviceIpv4Cidr).toBe('10.100.0.0/16');
    expect(cl).toMatchObject({ status: 'ACTIVE', version: '1.31', tags: { team: 'platform' }, roleArn: c.roleArn, platformVersion: c.platformVersion });
  });

  it('answers 404 with clusterName for an unknown cluster or another region', async () => {
    const { ctx } = setup();
    for (const name of ['nope', 'other-region']) {
      const r = await call(ctx, 'GET', `/clusters/${name}`);
      expect(r.status).toBe(404);
      expect(r.res.headers?.['x-amzn-errortype']).toBe('ResourceNotFoundException');
      expect(r.json).toEqual({ message: `No cluster found for name: ${name}.`, clusterName: name });
    }
  });

  it('denies a caller without eks:DescribeCluster, naming the action and the cluster ARN', async () => {
    const { world } = setup();
    const ctx = ctxFor(world, 'AKIAREADER000000001');
    const r = await call(ctx, 'GET', '/clusters/modern');
    expect(r.status).toBe(403);
    expect(r.res.headers?.['x-amzn-errortype']).toBe('AccessDeniedException');
    expect(r.json.message).toContain(`User: arn:aws:iam::${ACCT}:user/reader is not authorized to perform: eks:DescribeCluster on resource: arn:aws:eks:us-east-1:${ACCT}:cluster/modern`);
    const list = await call(ctx, 'GET', '/clusters');
    expect(list.status).toBe(200);
  });
});

describe('UpdateClusterConfig', () => {
  it('enables logging at once and records an update that DescribeUpdate and ListUpdates return', async () => {
    const { world, ctx } = setup();
    const r = await call(ctx, 'POST', '/clusters/legacy/update-config', { logging: { clusterLogging: [{ types: ['authenticator', 'api'], enabled: true }] } });
    expect(r.status).toBe(200);
    expect(r.json.update).toMatchObject({ status: 'Successful', type: 'LoggingUpdate', errors: [] });
    expect(r.json.update.params[0].type).toBe('ClusterLogging');
    expect([...world.findCluster(ACCT, 'us-east-1', 'legacy')!.logging].sort()).toEqual(['api', 'authenticator']);
    expect(world.logGroup(ACCT, 'us-east-1', '/aws/eks/legacy/cluster')).toBeDefined();
    const d = await call(ctx, 'GET', `/clusters/legacy/updates/${r.json.update.id}`);
    expect(d.json.update).toEqual(r.json.update);
    const l = await call(ctx, 'GET', '/clusters/legacy/updates');
    expect(l.json.updateIds).toEqual([r.json.update.id]);
    const again = await call(ctx, 'POST', '/clusters/legacy/update-config', { logging: { clusterLogging: [{ types: ['api'], enabled: true }] } });
    expect(again.status).toBe(400);
    expect(again.json.message).toBe('No changes needed for the logging config provided');
    const missing = await call(ctx, 'GET', '/clusters/legacy/updates/not-an-id');
    expect(missing.status).toBe(404);
  });

  it('moves the authentication mode only forward, one step at a time', async () => {
    const { world, ctx } = setup();
    const skip = await call(ctx, 'POST', '/clusters/legacy/update-config', { accessConfig: { authenticationMode: 'API' } });
    expect(skip.status).toBe(400);
    expect(skip.res.headers?.['x-amzn-errortype']).toBe('InvalidParameterException');
    expect(skip.json.message).toBe('Unsupported authentication mode update from CONFIG_MAP to API');
    const step1 = await call(ctx, 'POST', '/clusters/legacy/update-config', { accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' } });
    expect(step1.json.update).toMatchObject({ type: 'AccessConfigUpdate', status: 'Successful', params: [{ type: 'AuthenticationMode', value: 'API_AND_CONFIG_MAP' }] });
    const cluster = world.findCluster(ACCT, 'us-east-1', 'legacy')!;
    expect(cluster.authenticationMode).toBe('API_AND_CONFIG_MAP');
    // The creator's admin access becomes a visible access entry.
    expect(cluster.accessEntries.get(`arn:aws:iam::${ACCT}:user/alice`)?.policies[0].policyArn).toBe('arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy');
    const back = await call(ctx, 'POST', '/clusters/legacy/update-config', { accessConfig: { authenticationMode: 'CONFIG_MAP' } });
    expect(back.json.message).toBe('Unsupported authentication mode update from API_AND_CONFIG_MAP to CONFIG_MAP');
    const same = await call(ctx, 'POST', '/clusters/legacy/update-config', { accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' } });
    expect(same.json.message).toBe('Unsupported authentication mode update from API_AND_CONFIG_MAP to API_AND_CONFIG_MAP');
    const step2 = await call(ctx, 'POST', '/clusters/legacy/update-config', { accessConfig: { authenticationMode: 'API' } });
    expect(step2.status).toBe(200);
    expect(cluster.authenticationMode).toBe('API');
  });

  it('changes endpoint access (EndpointAccessUpdate) and refuses to disable both endpoints', async () => {
    const { world, ctx } = setup();
    const c = world.findCluster(ACCT, 'us-east-1', 'modern')!;
    const priv = await call(ctx, 'POST', '/clusters/modern/update-config', { resourcesVpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true } });
    expect(priv.json.update).toMatchObject({ type: 'EndpointAccessUpdate', status: 'Successful' });
    expect([c.endpointPublicAccess, c.endpointPrivateAccess, c.publicAccessCidrs]).toEqual([false, true, []]);
    const none = await call(ctx, 'POST', '/clusters/modern/update-config', { resourcesVpcConfig: { endpointPrivateAccess: false } });
    expect(none.status).toBe(400);
    const pub = await call(ctx, 'POST', '/clusters/modern/update-config', { resourcesVpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24'] } });
    expect(pub.status).toBe(200);
    const d = await call(ctx, 'GET', '/clusters/modern');
    expect(d.json.cluster.resourcesVpcConfig).toMatchObject({ endpointPublicAccess: true, endpointPrivateAccess: true, publicAccessCidrs: ['203.0.113.0/24'] });
    const same = await call(ctx, 'POST', '/clusters/modern/update-config', { resourcesVpcConfig: { endpointPublicAccess: true } });
    expect(same.json.message).toMatch(/^Cluster is already at the desired configuration/);
  });

  it('rejects two kinds of update in one call, bad log types and malformed JSON', async () => {
    const { ctx } = setup();
    const both = await call(ctx, 'POST', '/clusters/legacy/update-config', {
      logging: { clusterLogging: [{ types: ['api'], enabled: true }] },
      accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
    });
    expect(both.json.message).toBe('Only one type of update can be allowed.');
    const badType = await call(ctx, 'POST', '/clusters/legacy/update-config', { logging: { clusterLogging: [{ types: ['kubelet'], enabled: true }] } });
    expect(badType.status).toBe(400);
    const junk = await call(ctx, 'POST', '/clusters/legacy/update-config', '{not json');
    expect(junk.status).toBe(400);
    expect(junk.res.headers?.['x-amzn-errortype']).toBe('SerializationException');
    const denied = await call(ctxFor(ctx.world, 'AKIAREADER000000001'), 'POST', '/clusters/legacy/update-config', { accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' } });
    expect(denied.status).toBe(403);
    expect(denied.json.message).toContain('eks:UpdateClusterConfig');
  });
});

describe('routing and robustness', () => {
  it('answers unknown routes and bad encodings with EKS-shaped errors', async () => {
    const { ctx } = setup();
    const unknown = await call(ctx, 'GET', '/nodegroups');
    expect(unknown.status).toBe(404);
    expect(unknown.res.headers?.['x-amzn-errortype']).toBeTruthy();
    const badMethod = await call(ctx, 'PUT', '/clusters/modern');
    expect(badMethod.status).toBe(404);
    const badEnc = await eksService({ ...request('GET', '/clusters/x'), rawPath: '/clusters/%E0%A4%A' }, ctx);
    expect(badEnc.status).toBe(400);
    const notObject = await call(ctx, 'POST', '/clusters/modern/access-entries', '[1,2]');
    expect(notObject.status).toBe(400);
    const wrongTypes = await call(ctx, 'POST', '/clusters/modern/access-entries', { principalArn: 42 });
    expect(wrongTypes.status).toBe(400);
  });

  it('records CloudTrail events for writes', async () => {
    const { world, ctx } = setup();
    await call(ctx, 'POST', '/clusters/modern/access-entries', { principalArn: ADMIN_ROLE });
    await call(ctx, 'POST', `/clusters/modern/access-entries/${enc(ADMIN_ROLE)}/access-policies`, { policyArn: VIEW_POLICY, accessScope: { type: 'cluster' } });
    await call(ctx, 'POST', '/clusters/modern/update-config', { accessConfig: { authenticationMode: 'API' } });
    await call(ctx, 'POST', '/clusters/modern/access-entries', { principalArn: ADMIN_ROLE }); // fails: no event
    expect(world.cloudTrailEvents.map((e) => e.eventName)).toEqual(['CreateAccessEntry', 'AssociateAccessPolicy', 'UpdateClusterConfig']);
    const e = world.cloudTrailEvents[0];
    expect(e).toMatchObject({ account: ACCT, region: 'us-east-1', username: 'alice', accessKeyId: 'AKIAALICE0000000001', resources: [{ type: 'AWS::EKS::Cluster', name: 'modern' }] });
    expect(e.event).toMatchObject({ eventName: 'CreateAccessEntry', eventSource: 'eks.amazonaws.com', userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCT}:user/alice` } });
  });

  it('attributes writes by a role session to the AssumedRole identity', async () => {
    const { world } = setup();
    const role = world.principals.get(ADMIN_ROLE)!;
    const session = world.issueSession(role, { sessionName: 'alice-admin', durationSeconds: 3600 });
    const ctx = ctxFor(world, session.accessKeyId);
    const r = await call(ctx, 'POST', '/clusters/modern/access-entries', { principalArn: `arn:aws:iam::${ACCT}:role/Viewer` });
    expect(r.status).toBe(200);
    const ev = world.cloudTrailEvents[0];
    expect(ev.username).toBe('alice-admin');
    expect(ev.event.userIdentity).toMatchObject({
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCT}:assumed-role/Admin/alice-admin`,
      principalId: `${role.uniqueId}:alice-admin`,
      sessionContext: { sessionIssuer: { type: 'Role', arn: ADMIN_ROLE, userName: 'Admin' } },
    });
  });
});

describe('malformed input', () => {
  it('never answers 5xx or a non-JSON body to random requests (bounded, seeded)', async () => {
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pick = <T>(xs: T[]): T => xs[rnd(xs.length)];
    const values: unknown[] = [null, 0, -1, 1.5, '', 'x', 'system:masters', true, [], [1], ['a'], {}, { type: 'namespace' }, { clusterLogging: 'x' }, { clusterLogging: [null] }, ADMIN_ROLE];
    const keys = ['principalArn', 'kubernetesGroups', 'username', 'type', 'tags', 'policyArn', 'accessScope', 'logging', 'accessConfig', 'resourcesVpcConfig', 'name'];
    const segs = ['modern', 'legacy', 'nope', enc(ADMIN_ROLE), '%ZZ', 'access-entries', 'access-policies', 'update-config', 'updates', enc(VIEW_POLICY), ''];
    const { ctx } = setup();
    for (let i = 0; i < 400; i++) {
      const depth = 1 + rnd(6);
      const path = `/${['clusters', 'access-policies'][rnd(2)]}${Array.from({ length: depth - 1 }, () => `/${pick(segs)}`).join('')}`;
      const body: Record<string, unknown> = {};
      for (let k = rnd(4); k > 0; k--) body[pick(keys)] = pick(values);
      const raw = rnd(10) === 0 ? '{"truncated' : JSON.stringify(rnd(8) === 0 ? pick(values) : body);
      const res = await eksService({ ...request(pick(['GET', 'POST', 'DELETE', 'PUT']), path), body: Buffer.from(raw) }, ctx);
      expect(res.status, `${path} ${raw}`).toBeLessThan(500);
      expect(() => JSON.parse(String(res.body))).not.toThrow();
    }
  });
});
