// The cluster the RoleBinding tests run against: one EKS cluster API server over real HTTPS, users alice
// (the creator), bob (admin in dev), carol (a group with no binding) and dave (mapped, no group), and the
// calls they make — raw HTTPS, client-node, and protobuf bodies as kubectl 1.32 sends them.
import { httpsCall, type HttpsReply } from '../helpers/https-call.js';
import { KubeConfig, type ApiException, type V1RoleBinding } from '@kubernetes/client-node';
import { makeEksToken } from '../../sandbox/k8s/presign-token.js';
import { startClusterServer, type ClusterServer } from '../../sandbox/k8s/server.js';
import { parseScenario } from '../../sandbox/scenario/load.js';
import { createCertificateAuthority } from '../../sandbox/tls.js';
import { World } from '../../sandbox/world/world.js';

const ACCT = '111122223333';
export const RBAC = 'rbac.authorization.k8s.io';
const SCENARIO = `
name: k8s-rbac-bindings
accounts:
  - id: "${ACCT}"
    users:
      - name: alice
        accessKeys: [{ id: AKIAALICE0000000001, secret: alice-secret }]
      - name: bob
        accessKeys: [{ id: AKIABOB000000000001, secret: bob-secret }]
      - name: carol
        accessKeys: [{ id: AKIACAROL0000000001, secret: carol-secret }]
      - name: dave
        accessKeys: [{ id: AKIADAVE00000000001, secret: dave-secret }]
clusters:
  - name: prod
    account: "${ACCT}"
    region: us-east-1
    creator: alice
    authenticationMode: CONFIG_MAP
    awsAuth:
      mapUsers: |
        - userarn: arn:aws:iam::${ACCT}:user/bob
          username: bob
          groups: [ns-admins]
        - userarn: arn:aws:iam::${ACCT}:user/carol
          username: carol
          groups: [team]
        - userarn: arn:aws:iam::${ACCT}:user/dave
          username: dave
    rbac:
      - { group: ns-admins, clusterRole: admin, namespace: dev }
      - { group: viewers, clusterRole: view, namespace: default }
    namespaces:
      default: [kubernetes]
      dev: [api]
      web: [frontend]
`;

const creds = {
  alice: { accessKeyId: 'AKIAALICE0000000001', secretAccessKey: 'alice-secret' },
  bob: { accessKeyId: 'AKIABOB000000000001', secretAccessKey: 'bob-secret' },
  carol: { accessKeyId: 'AKIACAROL0000000001', secretAccessKey: 'carol-secret' },
  dave: { accessKeyId: 'AKIADAVE00000000001', secretAccessKey: 'dave-secret' },
};
export type Who = keyof typeof creds;

export let world: World;
let ca: Awaited<ReturnType<typeof createCertificateAuthority>>;
let server: ClusterServer;
const tokens = new Map<Who, string>();

async function token(who: Who): Promise<string> {
  if (!tokens.has(who)) tokens.set(who, await makeEksToken(creds[who], { clusterName: 'prod', host: new URL(world.awsEndpoint).host }));
  return tokens.get(who)!;
}

export async function call(who: Who, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpsReply> {
  const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return httpsCall({
    port: server.port,
    ca: ca.certPem,
    method,
    path,
    token: await token(who),
    headers: { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(payload !== undefined ? { body: payload } : {}),
  });
}

export async function client<T extends Parameters<KubeConfig['makeApiClient']>[0]>(who: Who, api: T): Promise<InstanceType<T>> {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'prod', server: `https://127.0.0.1:${server.port}`, caData: ca.caData, skipTLSVerify: false }],
    users: [{ name: who, token: await token(who) }],
    contexts: [{ name: 'prod', cluster: 'prod', user: who }],
    currentContext: 'prod',
  });
  return kc.makeApiClient(api) as InstanceType<T>;
}

export const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: ApiException<string>) => ({ code: e.code, body: JSON.parse(e.body) }));

export function roleBinding(name: string, clusterRole: string, subject: { kind: string; name: string; apiGroup?: string }): V1RoleBinding {
  return { metadata: { name }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: clusterRole }, subjects: [{ apiGroup: RBAC, ...subject }] };
}

/** `kubectl get svc -n NS` as `who`: the HTTP status of the list. */
export async function listServices(who: Who, ns?: string): Promise<number> {
  return (await call(who, 'GET', ns ? `/api/v1/namespaces/${ns}/services` : '/api/v1/services')).status;
}

export async function startCluster(): Promise<void> {
  world = new World(parseScenario(SCENARIO));
  world.awsEndpoint = 'https://127.0.0.1:4443';
  ca = await createCertificateAuthority();
  server = await startClusterServer(world, world.clusters[0], await ca.issueServerCert());
}

export async function stopCluster(): Promise<void> {
  await server?.close();
}

/** Protobuf length-delimited field `no` holding `body` (a string or an encoded message). */
export function pb(no: number, body: string | Buffer): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const varint = (n: number) => {
    const out: number[] = [];
    while (n >= 0x80) {
      out.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    out.push(n);
    return Buffer.from(out);
  };
  return Buffer.concat([varint((no << 3) | 2), varint(bytes.length), bytes]);
}
