// RoleBindings and ClusterRoleBindings on a running cluster API server over real HTTPS, driven with
// @kubernetes/client-node and raw requests: discovery, create/get/list/delete with kube-apiserver's bodies and
// Status errors (409, 404, 422 with causes, 400, 403 incl. the escalation check), and grants that apply at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorizationV1Api, CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { call, client, failure, listServices, pb, RBAC, roleBinding, startCluster, stopCluster, world } from './rbac-bindings-cluster.js';

beforeAll(startCluster);
afterAll(stopCluster);

describe('rbac.authorization.k8s.io discovery', () => {
  it('lists the group and its two binding resources', async () => {
    expect((await call('dave', 'GET', '/apis')).json.groups.map((g: { name: string }) => g.name)).toContain(RBAC);
    expect((await call('dave', 'GET', `/apis/${RBAC}`)).json).toMatchObject({ kind: 'APIGroup', name: RBAC, preferredVersion: { groupVersion: `${RBAC}/v1` } });
    const list = (await call('dave', 'GET', `/apis/${RBAC}/v1`)).json;
    expect(list).toMatchObject({ kind: 'APIResourceList', groupVersion: `${RBAC}/v1` });
    expect(list.resources.map((r: { name: string; namespaced: boolean; kind: string }) => [r.name, r.namespaced, r.kind])).toEqual([
      ['clusterrolebindings', false, 'ClusterRoleBinding'],
      ['rolebindings', true, 'RoleBinding'],
    ]);
  });
});

describe('RoleBindings through the API', () => {
  it('shows the scenario bindings as objects, in JSON and as the table kubectl asks for', async () => {
    const r = await call('alice', 'GET', `/apis/${RBAC}/v1/namespaces/dev/rolebindings`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ kind: 'RoleBindingList', apiVersion: `${RBAC}/v1` });
    expect(r.json.items).toHaveLength(1);
    expect(r.json.items[0]).toMatchObject({
      metadata: { name: 'ns-admins-admin', namespace: 'dev' },
      subjects: [{ kind: 'Group', apiGroup: RBAC, name: 'ns-admins' }],
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'admin' },
    });
    const t = await call('alice', 'GET', `/apis/${RBAC}/v1/namespaces/dev/rolebindings`, undefined, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
    expect(t.json.kind).toBe('Table');
    expect(t.json.columnDefinitions.map((c: { name: string; priority: number }) => `${c.name}:${c.priority}`)).toEqual(['Name:0', 'Role:0', 'Age:0', 'Users:1', 'Groups:1', 'ServiceAccounts:1']);
    expect(t.json.rows[0].cells).toEqual(['ns-admins-admin', 'ClusterRole/admin', expect.stringMatching(/^\d+d$/), '', 'ns-admins', '']);
  });

  it('create, get, list and delete with client-node; the grant applies at once and ends with the delete', async () => {
    const rbac = await client('alice', RbacAuthorizationV1Api);
    expect(await listServices('carol', 'web')).toBe(403);
    const created = await rbac.createNamespacedRoleBinding({ namespace: 'web', body: roleBinding('carol-view', 'view', { kind: 'User', name: 'carol' }) });
    expect(created).toMatchObject({ kind: 'RoleBinding', apiVersion: `${RBAC}/v1`, metadata: { name: 'carol-view', namespace: 'web' } });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(created.metadata?.resourceVersion)).toBeGreaterThan(0);

    expect(await listServices('carol', 'web')).toBe(200);
    expect(await listServices('carol', 'default')).toBe(403);
    expect((await call('carol', 'GET', '/api/v1/namespaces/web/secrets')).status).toBe(403);
    const review = await (await client('carol', AuthorizationV1Api)).createSelfSubjectAccessReview({
      body: { spec: { resourceAttributes: { verb: 'list', resource: 'services', namespace: 'web' } } },
    });
    expect(review.status).toMatchObject({ allowed: true, reason: 'RBAC: allowed by RoleBinding "carol-view/web" of ClusterRole "view" to User "carol"' });

    const read = await rbac.readNamespacedRoleBinding({ name: 'carol-view', namespace: 'web' });
    expect(read.subjects).toEqual([{ apiGroup: RBAC, kind: 'User', name: 'carol' }]);
    const all = await rbac.listRoleBindingForAllNamespaces();
    expect(all.items.map((b) => `${b.metadata?.namespace}/${b.metadata?.name}`)).toEqual(['default/viewers-view', 'dev/ns-admins-admin', 'web/carol-view']);

    const del = await call('alice', 'DELETE', `/apis/${RBAC}/v1/namespaces/web/rolebindings/carol-view`);
    expect(del.json).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 'carol-view', group: RBAC, kind: 'rolebindings', uid: created.metadata!.uid } });
    expect(await listServices('carol', 'web')).toBe(403);
    expect(await failure(rbac.readNamespacedRoleBinding({ name: 'carol-view', namespace: 'web' }))).toEqual({
      code: 404,
      body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `rolebindings.${RBAC} "carol-view" not found`, reason: 'NotFound', details: { name: 'carol-view', group: RBAC, kind: 'rolebindings' }, code: 404 },
    });
  });

  it('a Group subject, and system:authenticated, grant to members only', async () => {
    const rbac = await client('alice', RbacAuthorizationV1Api);
    await rbac.createNamespacedRoleBinding({ namespace: 'web', body: roleBinding('team-view', 'view', { kind: 'Group', name: 'team' }) });
    expect(await listServices('carol', 'web')).toBe(200);
    expect(await listServices('dave', 'web')).toBe(403);
    await rbac.createNamespacedRoleBinding({ namespace: 'dev', body: roleBinding('everyone-view', 'view', { kind: 'Group', name: 'system:authenticated' }) });
    expect(await listServices('dave', 'dev')).toBe(200);
    await rbac.deleteNamespacedRoleBinding({ name: 'team-view', namespace: 'web' });
    await rbac.deleteNamespacedRoleBinding({ name: 'everyone-view', namespace: 'dev' });
    expect(await listServices('carol', 'web')).toBe(403);
    expect(await listServices('dave', 'dev')).toBe(403);
  });

  it('dryRun=All runs every check and stores nothing', async () => {
    const base = `/apis/${RBAC}/v1/namespaces/web/rolebindings`;
    const dry = await call('alice', 'POST', `${base}?dryRun=All`, roleBinding('dry', 'view', { kind: 'User', name: 'carol' }));
    expect(dry.status).toBe(201);
    expect(dry.json.metadata.name).toBe('dry');
    expect((await call('alice', 'GET', `${base}/dry`)).status).toBe(404);
    expect(await listServices('carol', 'web')).toBe(403);
    const invalid = await call('alice', 'POST', `${base}?dryRun=All`, { metadata: { name: 'dry' }, roleRef: { kind: 'ClusterRole' } });
    expect(invalid.status).toBe(422);
  });

  it('409 AlreadyExists for a second create and for the name of a scenario binding', async () => {
    const rbac = await client('alice', RbacAuthorizationV1Api);
    await rbac.createNamespacedRoleBinding({ namespace: 'web', body: roleBinding('twice', 'view', { kind: 'User', name: 'dave' }) });
    expect(await failure(rbac.createNamespacedRoleBinding({ namespace: 'web', body: roleBinding('twice', 'edit', { kind: 'User', name: 'dave' }) }))).toEqual({
      code: 409,
      body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `rolebindings.${RBAC} "twice" already exists`, reason: 'AlreadyExists', details: { name: 'twice', group: RBAC, kind: 'rolebindings' }, code: 409 },
    });
    const scenarioName = await failure(rbac.createNamespacedRoleBinding({ namespace: 'dev', body: roleBinding('ns-admins-admin', 'view', { kind: 'User', name: 'dave' }) }));
    expect(scenarioName?.code).toBe(409);
    // The first one stands, unchanged: view, not edit.
    expect((await rbac.readNamespacedRoleBinding({ name: 'twice', namespace: 'web' })).roleRef.name).toBe('view');
    await rbac.deleteNamespacedRoleBinding({ name: 'twice', namespace: 'web' });
  });

  it('422 Invalid with one cause per field error, after the rbac/v1 defaults', async () => {
    const bad = await call('alice', 'POST', `/apis/${RBAC}/v1/namespaces/web/rolebindings`, {
      metadata: { name: 'bad' },
      roleRef: { apiGroup: 'example.com', kind: 'Secret' },
      subjects: [{ kind: 'Robot', name: 'r2' }, { kind: 'User', apiGroup: 'v1', name: '' }, { kind: 'Group', name: 'defaulted-group' }],
    });
    expect(bad.status).toBe(422);
    expect(bad.json.message).toBe(
      `RoleBinding.${RBAC} "bad" is invalid: [roleRef.apiGroup: Unsupported value: "example.com": supported values: "${RBAC}", roleRef.kind: Unsupported value: "Secret": supported values: "Role", "ClusterRole", roleRef.name: Required value, subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group", subjects[1].name: Required value, subjects[1].apiGroup: Unsupported value: "v1": supported values: "${RBAC}"]`,
    );
    expect(bad.json).toMatchObject({ reason: 'Invalid', code: 422, details: { name: 'bad', group: RBAC, kind: 'RoleBinding' } });
    expect(bad.json.details.causes).toEqual([
      { reason: 'FieldValueNotSupported', message: `Unsupported value: "example.com": supported values: "${RBAC}"`, field: 'roleRef.apiGroup' },
      { reason: 'FieldValueNotSupported', message: 'Unsupported value: "Secret": supported values: "Role", "ClusterRole"', field: 'roleRef.kind' },
      { reason: 'FieldValueRequired', message: 'Required value', field: 'roleRef.name' },
      { reason: 'FieldValueNotSupported', message: 'Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"', field: 'subjects[0].kind' },
      { reason: 'FieldValueRequired', message: 'Required value', field: 'subjects[1].name' },
      { reason: 'FieldValueNotSupported', message: `Unsupported value: "v1": supported values: "${RBAC}"`, field: 'subjects[1].apiGroup' },
    ]);

    const one = await call('alice', 'POST', `/apis/${RBAC}/v1/clusterrolebindings`, { metadata: { name: 'a/b' }, roleRef: { kind: 'ClusterRole', name: 'view' } });
    expect(one.json.message).toBe(`ClusterRoleBinding.${RBAC} "a/b" is invalid: metadata.name: Invalid value: "a/b": may not contain '/'`);
    const crb = await call('alice', 'POST', `/apis/${RBAC}/v1/clusterrolebindings`, {
      metadata: { name: 'crb' },
      roleRef: { kind: 'Role', name: 'view' },
      subjects: [{ kind: 'ServiceAccount', name: 'builder' }],
    });
    expect(crb.json.message).toBe(`ClusterRoleBinding.${RBAC} "crb" is invalid: [roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole", subjects[0].namespace: Required value]`);
    const noName = await call('alice', 'POST', `/apis/${RBAC}/v1/namespaces/web/rolebindings`, { roleRef: { kind: 'ClusterRole', name: 'view' } });
    expect(noName.json.message).toBe(`RoleBinding.${RBAC} "" is invalid: metadata.name: Required value: name or generateName is required`);
    // Nothing of it was stored.
    expect((await call('alice', 'GET', `/apis/${RBAC}/v1/clusterrolebindings`)).json.items).toEqual([]);
  });

  it('400 for undecodable bodies, strict unknown fields, a namespace mismatch; 404 for a missing namespace', async () => {
    const base = `/apis/${RBAC}/v1/namespaces/web/rolebindings`;
    const ok = roleBinding('x', 'view', { kind: 'User', name: 'dave' });
    const notJson = await call('alice', 'POST', base, '{"metadata":');
    expect(notJson.status).toBe(400);
    expect(notJson.json.message).toMatch(/^the object provided is unrecognized \(must be of type RoleBinding\)/);
    const strict = await call('alice', 'POST', `${base}?fieldValidation=Strict`, { ...ok, roleRef: { ...ok.roleRef, namespace: 'web' }, extra: 1 });
    expect(strict.status).toBe(400);
    expect(strict.json.message).toBe('RoleBinding in version "v1" cannot be handled as a RoleBinding: strict decoding error: unknown field "extra", unknown field "roleRef.namespace"');
    const wrongType = await call('alice', 'POST', base, { ...ok, subjects: { kind: 'User' } });
    expect(wrongType.json.message).toBe('RoleBinding in version "v1" cannot be handled as a RoleBinding: json: cannot unmarshal object into Go struct field RoleBinding.subjects of type []v1.Subject');
    const version = await call('alice', 'POST', base, { ...ok, apiVersion: 'v1' });
    expect(version.json.message).toBe(`the API version in the data (v1) does not match the expected API version (${RBAC}/v1)`);
    const mismatch = await call('alice', 'POST', base, { ...ok, metadata: { name: 'x', namespace: 'dev' } });
    expect(mismatch).toMatchObject({ status: 400, json: { message: 'the namespace of the provided object does not match the namespace sent on the request' } });
    const missingNs = await call('alice', 'POST', `/apis/${RBAC}/v1/namespaces/nope/rolebindings`, ok);
    expect(missingNs).toMatchObject({ status: 404, json: { message: 'namespaces "nope" not found', reason: 'NotFound' } });
    // Unsupported verbs and paths.
    expect((await call('alice', 'PUT', `${base}/x`, ok)).status).toBe(405);
    expect((await call('alice', 'GET', `/apis/${RBAC}/v1/rolebindings/x`)).status).toBe(404);
    expect((await call('alice', 'GET', `/apis/${RBAC}/v1/namespaces/web/clusterrolebindings`)).status).toBe(404);
    expect((await call('alice', 'GET', `/apis/${RBAC}/v1/namespaces/web/roles`)).status).toBe(404);
  });
});

describe('protobuf request bodies (what kubectl 1.32 `create rolebinding` sends)', () => {
  const PROTOBUF = { 'content-type': 'application/vnd.kubernetes.protobuf', accept: 'application/vnd.kubernetes.protobuf,application/json' };

  it('decodes the runtime.Unknown envelope with its RoleBinding, labels and subjects', async () => {
    const meta = Buffer.concat([pb(1, 'pb-view'), pb(3, 'web'), pb(11, Buffer.concat([pb(1, 'team'), pb(2, 'a')])), pb(8, Buffer.alloc(0))]);
    const subject = Buffer.concat([pb(1, 'User'), pb(2, RBAC), pb(3, 'carol'), pb(4, '')]);
    const roleRef = Buffer.concat([pb(1, RBAC), pb(2, 'ClusterRole'), pb(3, 'view')]);
    const raw = Buffer.concat([pb(1, meta), pb(2, subject), pb(3, roleRef)]);
    const envelope = Buffer.concat([Buffer.from('k8s\0', 'latin1'), pb(1, Buffer.concat([pb(1, `${RBAC}/v1`), pb(2, 'RoleBinding')])), pb(2, raw), pb(3, ''), pb(4, '')]);
    const r = await call('alice', 'POST', `/apis/${RBAC}/v1/namespaces/web/rolebindings?fieldValidation=Strict`, envelope, PROTOBUF);
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({
      kind: 'RoleBinding',
      metadata: { name: 'pb-view', namespace: 'web', labels: { team: 'a' } },
      subjects: [{ kind: 'User', apiGroup: RBAC, name: 'carol' }],
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'view' },
    });
    expect(await listServices('carol', 'web')).toBe(200);
    expect((await call('alice', 'DELETE', `/apis/${RBAC}/v1/namespaces/web/rolebindings/pb-view`)).status).toBe(200);
    expect(await listServices('carol', 'web')).toBe(403);
  });

  it('a body that is not a protobuf message is a 400 Status', async () => {
    for (const body of [Buffer.from('{"kind":"RoleBinding"}'), Buffer.concat([Buffer.from('k8s\0', 'latin1'), Buffer.from([0x12, 0x7f, 0x01])])]) {
      const r = await call('alice', 'POST', `/apis/${RBAC}/v1/namespaces/web/rolebindings`, body, PROTOBUF);
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
      expect(r.json.message).toMatch(/^the object provided is unrecognized \(must be of type RoleBinding\): /);
    }
  });
});

describe('who may create bindings', () => {
  it('403 with kube-apiserver wording for a caller without create on rolebindings there', async () => {
    const r = await call('carol', 'POST', `/apis/${RBAC}/v1/namespaces/default/rolebindings`, roleBinding('c', 'view', { kind: 'User', name: 'carol' }));
    expect(r.status).toBe(403);
    expect(r.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `rolebindings.${RBAC} is forbidden: User "carol" cannot create resource "rolebindings" in API group "${RBAC}" in the namespace "default"`,
      reason: 'Forbidden',
      details: { group: RBAC, kind: 'rolebindings' },
      code: 403,
    });
    expect(await listServices('carol', 'default')).toBe(403);
  });

  it('a namespace admin binds view/edit/admin in its namespace only, and cannot escalate to cluster-admin', async () => {
    const bob = await client('bob', RbacAuthorizationV1Api);
    await bob.createNamespacedRoleBinding({ namespace: 'dev', body: roleBinding('dave-edit', 'edit', { kind: 'User', name: 'dave' }) });
    expect((await call('dave', 'GET', '/api/v1/namespaces/dev/configmaps')).status).toBe(200);

    const escalate = await failure(bob.createNamespacedRoleBinding({ namespace: 'dev', body: roleBinding('dave-root', 'cluster-admin', { kind: 'User', name: 'dave' }) }));
    expect(escalate?.code).toBe(403);
    expect(escalate?.body.message).toBe(
      `rolebindings.${RBAC} "dave-root" is forbidden: user "bob" (groups=["ns-admins" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:["*"], Resources:["*"], Verbs:["*"]}`,
    );
    const unknownRole = await failure(bob.createNamespacedRoleBinding({ namespace: 'dev', body: roleBinding('dave-x', 'no-such-role', { kind: 'User', name: 'dave' }) }));
    expect(unknownRole).toMatchObject({ code: 404, body: { message: `clusterroles.${RBAC} "no-such-role" not found` } });
    const elsewhere = await failure(bob.createNamespacedRoleBinding({ namespace: 'web', body: roleBinding('dave-view', 'view', { kind: 'User', name: 'dave' }) }));
    expect(elsewhere?.code).toBe(403);
    const clusterWide = await call('bob', 'POST', `/apis/${RBAC}/v1/clusterrolebindings`, roleBinding('dave-all', 'view', { kind: 'User', name: 'dave' }));
    expect(clusterWide.json.message).toBe(`clusterrolebindings.${RBAC} is forbidden: User "bob" cannot create resource "clusterrolebindings" in API group "${RBAC}" at the cluster scope`);
    await bob.deleteNamespacedRoleBinding({ name: 'dave-edit', namespace: 'dev' });
    expect((await call('dave', 'GET', '/api/v1/namespaces/dev/configmaps')).status).toBe(403);
  });

  it('system:masters may bind anything, cluster-wide too; a ClusterRoleBinding grants in every namespace', async () => {
    const rbac = await client('alice', RbacAuthorizationV1Api);
    await rbac.createClusterRoleBinding({ body: { ...roleBinding('team-view-all', 'view', { kind: 'Group', name: 'team' }) } });
    expect(await listServices('carol')).toBe(200);
    expect((await call('carol', 'GET', '/api/v1/namespaces')).status).toBe(200);
    expect((await call('carol', 'PUT', '/api/v1/namespaces/dev/configmaps/x', { metadata: { name: 'x' } })).status).toBe(403);
    const core = await client('carol', CoreV1Api);
    expect((await core.listNamespacedService({ namespace: 'dev' })).items.map((s) => s.metadata?.name)).toEqual(['api']);
    // A binding to a ClusterRole the cluster does not have is stored, and grants nothing.
    await rbac.createClusterRoleBinding({ body: roleBinding('dave-custom', 'custom-reader', { kind: 'User', name: 'dave' }) });
    expect(await listServices('dave')).toBe(403);
    const crbs = await rbac.listClusterRoleBinding();
    expect(crbs.items.map((b) => [b.metadata?.name, b.roleRef.name])).toEqual([['dave-custom', 'custom-reader'], ['team-view-all', 'view']]);
    await rbac.deleteClusterRoleBinding({ name: 'team-view-all' });
    await rbac.deleteClusterRoleBinding({ name: 'dave-custom' });
    expect(await listServices('carol')).toBe(403);
  });

  it('deleting a scenario binding revokes its grant, and leaves the parsed scenario as it was', async () => {
    expect((await call('bob', 'GET', '/api/v1/namespaces/dev/services')).status).toBe(200);
    const del = await call('alice', 'DELETE', `/apis/${RBAC}/v1/namespaces/dev/rolebindings/ns-admins-admin`);
    expect(del.status).toBe(200);
    expect((await call('bob', 'GET', '/api/v1/namespaces/dev/services')).status).toBe(403);
    expect((await call('alice', 'GET', `/apis/${RBAC}/v1/namespaces/dev/rolebindings/ns-admins-admin`)).status).toBe(404);
    expect(world.scenario.clusters[0].rbac).toHaveLength(2);
    expect(world.clusters[0].rbac).toEqual([{ group: 'viewers', clusterRole: 'view', namespace: 'default' }]);
  });
});

describe('malformed binding bodies', () => {
  /** Deterministic PRNG (mulberry32) so a failure can be replayed. */
  function rng(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('JSON and protobuf garbage always gets a Status below 500, and the server keeps answering', async () => {
    const rand = rng(20261129);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const values: unknown[] = [null, 0, -1, 1.5, true, '', 'x', 'ClusterRole', RBAC, [], [null], {}, { kind: 'User' }, 'a/b', '..', '%'];
    const shape = (): Record<string, unknown> => ({
      apiVersion: pick([undefined, `${RBAC}/v1`, 'v1', 7]),
      kind: pick([undefined, 'RoleBinding', 'ClusterRoleBinding', 'Pod', null]),
      metadata: pick([undefined, { name: pick(values) }, { name: 'ok', labels: pick(values) }, pick(values)]),
      roleRef: pick([undefined, { apiGroup: pick(values), kind: pick(values), name: pick(values) }, pick(values)]),
      subjects: pick([undefined, [{ kind: pick(values), apiGroup: pick(values), name: pick(values), namespace: pick(values) }], pick(values)]),
    });
    for (let i = 0; i < 150; i++) {
      const path = pick([`/apis/${RBAC}/v1/namespaces/web/rolebindings`, `/apis/${RBAC}/v1/clusterrolebindings`]) + pick(['', '?fieldValidation=Strict', '?dryRun=All']);
      const protobuf = rand() < 0.3;
      const body = protobuf
        ? Buffer.concat([Buffer.from(rand() < 0.7 ? 'k8s\0' : 'k8s', 'latin1'), Buffer.from(Array.from({ length: Math.floor(rand() * 40) }, () => Math.floor(rand() * 256)))])
        : JSON.stringify(shape());
      const r = await call('alice', 'POST', path, body, protobuf ? { 'content-type': 'application/vnd.kubernetes.protobuf' } : {});
      const context = `#${i} ${path} ${protobuf ? (body as Buffer).toString('hex') : body}`;
      expect(r.status, context).toBeLessThan(500);
      if (r.status >= 400) {
        expect(r.json, context).toMatchObject({ kind: 'Status', status: 'Failure', code: r.status });
        expect(r.text, context).not.toMatch(/\bat \S+ \(|node:internal|\.ts:\d+/);
      }
    }
    expect((await call('alice', 'GET', `/apis/${RBAC}/v1/clusterrolebindings`)).status).toBe(200);
  });
});
