// A running cluster API server over real HTTPS, driven with @kubernetes/client-node and raw requests.
import { httpsCall, type HttpsReply } from '../helpers/https-call.js';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationV1Api, CoreV1Api, KubeConfig, type ApiException } from '@kubernetes/client-node';
import { makeEksToken } from '../../sandbox/k8s/presign-token.js';
import { startClusterServer, type ClusterServer } from '../../sandbox/k8s/server.js';
import { parseScenario } from '../../sandbox/scenario/load.js';
import { createCertificateAuthority } from '../../sandbox/tls.js';
import { World } from '../../sandbox/world/world.js';

const ACCT = '111122223333';
const SCENARIO = `
name: k8s-server
accounts:
  - id: "${ACCT}"
    users:
      - name: alice
        accessKeys: [{ id: AKIAALICE0000000001, secret: alice-secret }]
      - name: bob
        accessKeys: [{ id: AKIABOB000000000001, secret: bob-secret }]
      - name: carol
        accessKeys: [{ id: AKIACAROL0000000001, secret: carol-secret }]
      - name: gone
        accessKeys: [{ id: AKIAGONE00000000001, secret: gone-secret, status: Deleted }]
clusters:
  - name: prod
    account: "${ACCT}"
    region: us-east-1
    creator: alice
    logging: [authenticator]
    awsAuth:
      mapUsers: |
        - userarn: arn:aws:iam::${ACCT}:user/bob
          username: bob
          groups: [viewers]
    rbac:
      - { group: viewers, clusterRole: view, namespace: default }
    namespaces:
      default: [kubernetes, web]
      kube-system: [kube-dns]
  - name: private
    account: "${ACCT}"
    region: us-east-1
    endpointPublicAccess: false
    endpointPrivateAccess: true
`;

const creds = {
  alice: { accessKeyId: 'AKIAALICE0000000001', secretAccessKey: 'alice-secret' },
  bob: { accessKeyId: 'AKIABOB000000000001', secretAccessKey: 'bob-secret' },
  carol: { accessKeyId: 'AKIACAROL0000000001', secretAccessKey: 'carol-secret' },
  gone: { accessKeyId: 'AKIAGONE00000000001', secretAccessKey: 'gone-secret' },
};

let world: World;
let ca: Awaited<ReturnType<typeof createCertificateAuthority>>;
let servers: ClusterServer[] = [];
let port = 0;

async function token(who: keyof typeof creds, clusterName = 'prod'): Promise<string> {
  return makeEksToken(creds[who], { clusterName, host: new URL(world.awsEndpoint).host });
}

function call(method: string, path: string, opts: { token?: string; headers?: Record<string, string>; body?: string | Buffer; port?: number } = {}): Promise<HttpsReply> {
  return httpsCall({ port: opts.port ?? port, ca: ca.certPem, method, path, ...opts });
}

function kubeConfig(tok: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'prod', server: `https://127.0.0.1:${port}`, caData: ca.caData, skipTLSVerify: false }],
    users: [{ name: 'u', token: tok }],
    contexts: [{ name: 'prod', cluster: 'prod', user: 'u' }],
    currentContext: 'prod',
  });
  return kc;
}

function authenticatorLog(): string[] {
  const g = world.logGroup(ACCT, 'us-east-1', '/aws/eks/prod/cluster');
  return g ? [...g.streams.values()].flat().map((e) => e.message) : [];
}

beforeAll(async () => {
  world = new World(parseScenario(SCENARIO));
  // The STS replay runs in-process; the token's host only has to be the sandbox's AWS endpoint.
  world.awsEndpoint = 'https://127.0.0.1:4443';
  ca = await createCertificateAuthority();
  const cert = await ca.issueServerCert();
  servers = await Promise.all(world.clusters.map((c) => startClusterServer(world, c, cert)));
  port = world.clusters[0].port;
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('cluster API server', () => {
  it('sets the endpoint and serves discovery to an authenticated user', async () => {
    expect(world.clusters[0].endpoint).toBe(`https://127.0.0.1:${port}`);
    const t = await token('alice');
    const version = await call('GET', '/version', { token: t });
    expect(version.json.gitVersion).toMatch(/^v1\.31\.\d+-eks-[0-9a-f]{7}$/);
    const api = await call('GET', '/api', { token: t, headers: { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' } });
    expect(api.headers['content-type']).toBe('application/json');
    expect(api.json).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    expect((await call('GET', '/apis', { token: t })).json.groups.map((g: { name: string }) => g.name)).toEqual(['authentication.k8s.io', 'authorization.k8s.io', 'rbac.authorization.k8s.io']);
    const v1 = (await call('GET', '/api/v1', { token: t })).json;
    expect(v1.kind).toBe('APIResourceList');
    expect(v1.resources.find((r: { name: string }) => r.name === 'services')).toMatchObject({ namespaced: true, kind: 'Service', shortNames: ['svc'] });
    expect((await call('GET', '/apis/authentication.k8s.io/v1', { token: t })).json.resources[0].name).toBe('selfsubjectreviews');
  });

  it('answers a bad token with the exact 401 Status', async () => {
    for (const t of ['k8s-aws-v1.garbage', 'nope', await token('gone'), await token('alice', 'other-cluster')]) {
      const r = await call('GET', '/api/v1/namespaces/default/services', { token: t });
      expect(r.status).toBe(401);
      expect(r.text).toBe('{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}');
    }
  });

  it('treats a request without a token as system:anonymous', async () => {
    expect((await call('GET', '/version')).status).toBe(200);
    const r = await call('GET', '/api/v1/namespaces');
    expect(r.status).toBe(403);
    expect(r.json.message).toBe('namespaces is forbidden: User "system:anonymous" cannot list resource "namespaces" in API group "" at the cluster scope');
  });

  it('lists services as a Table with the columns kubectl prints', async () => {
    const r = await call('GET', '/api/v1/namespaces/default/services?limit=500', {
      token: await token('alice'),
      headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json' },
    });
    expect(r.json.kind).toBe('Table');
    expect(r.json.apiVersion).toBe('meta.k8s.io/v1');
    expect(r.json.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector']);
    expect(r.json.rows.map((row: { cells: unknown[] }) => row.cells.slice(0, 5))).toEqual([
      ['kubernetes', 'ClusterIP', '10.100.0.1', '<none>', '443/TCP'],
      ['web', 'ClusterIP', expect.stringMatching(/^10\.100\.\d+\.\d+$/), '<none>', '80/TCP'],
    ]);
    expect(r.json.rows[0].cells[5]).toMatch(/^\d+d$/);
    const all = await call('GET', '/api/v1/services', { token: await token('alice'), headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } });
    const dns = all.json.rows.find((row: { cells: string[] }) => row.cells[0] === 'kube-dns');
    expect(dns.cells[4]).toBe('53/UDP,53/TCP,9153/TCP');
    expect(dns.object.metadata.namespace).toBe('kube-system');
  });

  it('serves services, namespaces and configmaps to @kubernetes/client-node', async () => {
    const core = kubeConfig(await token('alice')).makeApiClient(CoreV1Api);
    const svcs = await core.listNamespacedService({ namespace: 'default' });
    expect(svcs.items.map((s) => `${s.metadata?.name} ${s.spec?.clusterIP} ${s.spec?.ports?.[0].port}`)).toEqual([
      'kubernetes 10.100.0.1 443',
      expect.stringMatching(/^web 10\.100\.\d+\.\d+ 80$/),
    ]);
    expect((await core.listNamespace()).items.map((n) => n.metadata?.name)).toEqual(['default', 'kube-system']);
    const cm = await core.readNamespacedConfigMap({ name: 'aws-auth', namespace: 'kube-system' });
    expect(cm.data?.mapUsers).toContain('user/bob');
    const missing = await core.readNamespacedConfigMap({ name: 'nope', namespace: 'kube-system' }).catch((e: ApiException<string>) => e);
    expect((missing as ApiException<string>).code).toBe(404);
    expect(JSON.parse((missing as ApiException<string>).body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'configmaps "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'configmaps' },
      code: 404,
    });
  });

  it('creates, updates (with conflicts), patches and deletes configmaps', async () => {
    const t = await token('alice');
    const core = kubeConfig(t).makeApiClient(CoreV1Api);
    const created = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'app' }, data: { a: '1' } } });
    expect(created.metadata?.resourceVersion).toMatch(/^\d+$/);
    const dup = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'app' } } }).catch((e: ApiException<string>) => e);
    expect((dup as ApiException<string>).code).toBe(409);

    const updated = await core.replaceNamespacedConfigMap({ name: 'app', namespace: 'default', body: { ...created, data: { a: '2' } } });
    expect(updated.data).toEqual({ a: '2' });
    expect(Number(updated.metadata?.resourceVersion)).toBeGreaterThan(Number(created.metadata?.resourceVersion));
    const stale = await call('PUT', '/api/v1/namespaces/default/configmaps/app', {
      token: t,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...created, data: { a: '3' } }),
    });
    expect(stale.status).toBe(409);
    expect(stale.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Operation cannot be fulfilled on configmaps "app": the object has been modified; please apply your changes to the latest version and try again',
      reason: 'Conflict',
      details: { name: 'app', kind: 'configmaps' },
      code: 409,
    });

    const jp = await core.patchNamespacedConfigMap({ name: 'app', namespace: 'default', body: [{ op: 'add', path: '/data/b', value: 'x' }] });
    expect(jp.data).toEqual({ a: '2', b: 'x' });
    const merge = await call('PATCH', '/api/v1/namespaces/default/configmaps/app', {
      token: t,
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ data: { a: null, c: 'y' } }),
    });
    expect(merge.json.data).toEqual({ b: 'x', c: 'y' });
    const smp = await call('PATCH', '/api/v1/namespaces/default/configmaps/app', {
      token: t,
      headers: { 'content-type': 'application/strategic-merge-patch+json' },
      body: JSON.stringify({ metadata: { annotations: { note: 'n' } }, data: { d: 'z' } }),
    });
    expect(smp.json.metadata.annotations).toEqual({ note: 'n' });
    expect(smp.json.data).toEqual({ b: 'x', c: 'y', d: 'z' });
    const wrongType = await call('PATCH', '/api/v1/namespaces/default/configmaps/app', { token: t, headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(wrongType.status).toBe(415);
    expect(wrongType.json.reason).toBe('UnsupportedMediaType');

    await core.deleteNamespacedConfigMap({ name: 'app', namespace: 'default' });
    expect((await call('GET', '/api/v1/namespaces/default/configmaps/app', { token: t })).status).toBe(404);
  });

  it('rejects bad bodies with 400 and invalid objects with 422', async () => {
    const t = await token('alice');
    const bad = await call('POST', '/api/v1/namespaces/default/configmaps', { token: t, headers: { 'content-type': 'application/json' }, body: '{"metadata":' });
    expect(bad.status).toBe(400);
    expect(bad.json.reason).toBe('BadRequest');
    const invalid = await call('POST', '/api/v1/namespaces/default/configmaps', {
      token: t,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ metadata: { name: 'Bad_Name' } }),
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json.message).toMatch(/^ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value/);
    const unknownField = JSON.stringify({ metadata: { name: 'strict', mapRoles: 'x' }, dat: {} });
    const strict = await call('POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Strict', { token: t, headers: { 'content-type': 'application/json' }, body: unknownField });
    expect(strict.status).toBe(400);
    expect(strict.json.message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "metadata.mapRoles", unknown field "dat"',
    );
    const lax = await call('POST', '/api/v1/namespaces/default/configmaps', { token: t, headers: { 'content-type': 'application/json' }, body: unknownField });
    expect(lax.status).toBe(201);
    expect(lax.json.data).toBeUndefined();
    const method = await call('DELETE', '/api/v1/namespaces/default/services/web', { token: t });
    expect(method.status).toBe(405);
    expect(method.json.reason).toBe('MethodNotAllowed');
  });

  it('forbids a mapped user outside its RBAC, with kube-apiserver wording', async () => {
    const t = await token('bob');
    expect((await call('GET', '/api/v1/namespaces/default/services', { token: t })).status).toBe(200);
    const r = await call('GET', '/api/v1/namespaces/kube-system/services', { token: t });
    expect(r.status).toBe(403);
    expect(r.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'services is forbidden: User "bob" cannot list resource "services" in API group "" in the namespace "kube-system"',
      reason: 'Forbidden',
      details: { kind: 'services' },
      code: 403,
    });
  });

  it('answers SelfSubjectReview and SelfSubjectAccessReview', async () => {
    const auth = kubeConfig(await token('bob')).makeApiClient(AuthenticationV1Api);
    const review = await auth.createSelfSubjectReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    const bob = world.findPrincipal('bob', ACCT)!;
    expect(review.status?.userInfo).toEqual({
      username: 'bob',
      uid: `aws-iam-authenticator:${ACCT}:${bob.uniqueId}`,
      groups: ['viewers', 'system:authenticated'],
      extra: {
        accessKeyId: ['AKIABOB000000000001'],
        arn: [`arn:aws:iam::${ACCT}:user/bob`],
        canonicalArn: [`arn:aws:iam::${ACCT}:user/bob`],
        principalId: [bob.uniqueId],
        sessionName: [''],
      },
    });
    const t = await token('bob');
    const ask = async (ra: Record<string, string>) =>
      call('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        token: t,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', spec: { resourceAttributes: ra } }),
      });
    const yes = await ask({ verb: 'list', resource: 'configmaps', namespace: 'default' });
    expect(yes.status).toBe(201);
    expect(yes.json.status.allowed).toBe(true);
    expect((await ask({ verb: 'update', resource: 'configmaps', namespace: 'default' })).json.status).toEqual({ allowed: false });
    const bad = await call('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { token: t, headers: { 'content-type': 'application/json' }, body: '{"spec":{}}' });
    expect(bad.status).toBe(422);
  });

  it('answers SelfSubjectRulesReview from the same decisions', async () => {
    const rules = async (who: 'alice' | 'bob', namespace: string) =>
      call('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
        token: await token(who),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', spec: { namespace } }),
      });
    const bobDefault = await rules('bob', 'default');
    expect(bobDefault.status).toBe(201);
    const core = bobDefault.json.status.resourceRules.find((r: { apiGroups: string[]; verbs: string[] }) => r.apiGroups[0] === '' && r.verbs.join() === 'get,list,watch');
    expect(core.resources).toContain('services');
    expect(core.resources).not.toContain('secrets');
    const bobSystem = (await rules('bob', 'kube-system')).json.status.resourceRules;
    expect(bobSystem.flatMap((r: { resources: string[] }) => r.resources)).toEqual(['selfsubjectreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews']);
    expect((await rules('alice', 'default')).json.status.resourceRules[0]).toEqual({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
  });

  it('applies an aws-auth edit to the very next request', async () => {
    const t = await token('carol');
    expect((await call('GET', '/api/v1/namespaces/default/services', { token: t })).status).toBe(401);
    const patch = await call('PATCH', '/api/v1/namespaces/kube-system/configmaps/aws-auth', {
      token: await token('alice'),
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ data: { mapUsers: `- userarn: arn:aws:iam::${ACCT}:user/carol\n  username: carol\n  groups: [system:masters]\n` } }),
    });
    expect(patch.status).toBe(200);
    expect((await call('GET', '/api/v1/namespaces/default/services', { token: t })).status).toBe(200);
    expect((await call('GET', '/api/v1/namespaces/default/services', { token: await token('bob') })).status).toBe(401);
  });

  it('writes the authenticator log lines of §6', async () => {
    await call('GET', '/api', { token: await token('gone') });
    const lines = authenticatorLog();
    const alice = world.findPrincipal('alice', ACCT)!;
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^time="\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ" level=info msg="access granted" arn="arn:aws:iam::${ACCT}:user/alice" client="127\\.0\\.0\\.1:\\d+" groups="\\[system:masters\\]" method=POST path=/authenticate uid="aws-iam-authenticator:${ACCT}:${alice.uniqueId}" username=kubernetes-admin$`,
        ),
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/level=warning msg="access denied" arn="arn:aws:iam::111122223333:user\/carol" client="127\.0\.0\.1:\d+" error="ARN is not mapped" method=POST path=\/authenticate$/),
    );
    const sts = lines.find((l) => l.includes('InvalidClientTokenId'));
    expect(sts).toMatch(/^time="[^"]+" level=warning msg="access denied" client="127\.0\.0\.1:\d+" error="sts getCallerIdentity failed: error from AWS \(expected 200, got 403\) on us-east-1 endpoint\. Body: \{\\"Error\\":\{\\"Code\\":\\"InvalidClientTokenId\\"/);
    expect(sts).not.toContain(' arn=');
  });

  it('refuses connections to a cluster without a public endpoint', async () => {
    const priv = world.clusters[1];
    expect(priv.endpoint).toBe(`https://127.0.0.1:${priv.port}`);
    const err = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      const s = connect(priv.port, '127.0.0.1');
      s.on('connect', () => {
        s.destroy();
        resolve(undefined);
      });
      s.on('error', (e) => resolve(e));
    });
    expect(err?.code).toBe('ECONNREFUSED');
  });

  it('adds the scenario latency to every response', async () => {
    const slow = new World(parseScenario(`${SCENARIO}\nfaults: { latencyMs: 300 }\n`));
    const server = await startClusterServer(slow, slow.clusters[0], await ca.issueServerCert());
    try {
      const started = Date.now();
      const r = await call('GET', '/version', { port: server.port });
      expect(r.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      await server.close();
    }
  });
});
