// The real kubectl 1.32, authenticating with the real `aws eks get-token`, against the sandbox's AWS
// endpoint and a cluster API server: the table, whoami, configmaps, apply, 401 and 403 as on EKS.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createAwsServer, type AwsServerHandle } from '../../sandbox/aws/server.js';
import { awsServices } from '../../sandbox/aws/services.js';
import { startClusterServer, type ClusterServer } from '../../sandbox/k8s/server.js';
import { parseScenario } from '../../sandbox/scenario/load.js';
import { createCertificateAuthority } from '../../sandbox/tls.js';
import { World } from '../../sandbox/world/world.js';

const ACCT = '111122223333';
const SCENARIO = `
name: k8s-kubectl
accounts:
  - id: "${ACCT}"
    users:
      - name: alice
        accessKeys: [{ id: AKIAALICE0000000001, secret: alice-secret }]
      - name: bob
        accessKeys: [{ id: AKIABOB000000000001, secret: bob-secret }]
      - name: carol
        accessKeys: [{ id: AKIACAROL0000000001, secret: carol-secret }]
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
`;

const USERS = { alice: 'alice-secret', bob: 'bob-secret', carol: 'carol-secret' } as const;
type Who = keyof typeof USERS;

let world: World;
let aws: AwsServerHandle;
let cluster: ClusterServer;
let dir: string;
let env: Record<string, string>;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], timeout = 90_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout, maxBuffer: 8 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const kubectl = (who: Who, ...args: string[]) => run('kubectl', ['--context', who, '--request-timeout=20s', ...args]);

beforeAll(async () => {
  world = new World(parseScenario(SCENARIO));
  const ca = await createCertificateAuthority();
  const cert = await ca.issueServerCert();
  aws = await createAwsServer(world, cert, awsServices);
  world.clusters[0].caData = ca.caData;
  cluster = await startClusterServer(world, world.clusters[0], cert);
  dir = await mkdtemp(path.join(tmpdir(), 'k8s-kubectl-'));
  const caFile = path.join(dir, 'ca.pem');
  await writeFile(caFile, ca.certPem);
  const keyId = (who: Who) => world.findPrincipal(who, ACCT)!.kind === 'user' && (world.findPrincipal(who, ACCT) as { accessKeys: Array<{ id: string }> }).accessKeys[0].id;
  await writeFile(
    path.join(dir, 'credentials'),
    Object.entries(USERS)
      .map(([who, secret]) => `[${who}]\naws_access_key_id = ${keyId(who as Who)}\naws_secret_access_key = ${secret}\n`)
      .join('\n'),
    { mode: 0o600 },
  );
  await writeFile(path.join(dir, 'config'), Object.keys(USERS).map((who) => `[profile ${who}]\nregion = us-east-1\n`).join('\n'));
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'prod', cluster: { server: world.clusters[0].endpoint, 'certificate-authority-data': ca.caData } }],
    users: Object.keys(USERS).map((who) => ({
      name: who,
      user: {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: 'aws',
          args: ['--region', 'us-east-1', 'eks', 'get-token', '--cluster-name', 'prod', '--output', 'json'],
          env: [{ name: 'AWS_PROFILE', value: who }],
          interactiveMode: 'IfAvailable',
          provideClusterInfo: false,
        },
      },
    })),
    contexts: Object.keys(USERS).map((who) => ({ name: who, context: { cluster: 'prod', user: who } })),
    'current-context': 'alice',
  };
  await writeFile(path.join(dir, 'kubeconfig'), stringify(kubeconfig), { mode: 0o600 });
  env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    KUBECONFIG: path.join(dir, 'kubeconfig'),
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    AWS_ENDPOINT_URL: aws.url,
    AWS_CA_BUNDLE: caFile,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}, 60_000);

afterAll(async () => {
  await cluster?.close();
  await aws?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('kubectl against the sandbox cluster', () => {
  it('kubectl get svc prints the kube-apiserver table', async () => {
    const r = await kubectl('alice', 'get', 'svc');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
    expect(lines[1]).toMatch(/^kubernetes\s+ClusterIP\s+10\.100\.0\.1\s+<none>\s+443\/TCP\s+\d+d$/);
  }, 120_000);

  it('kubectl auth whoami shows the creator as kubernetes-admin with the EKS extras', async () => {
    const granted = () =>
      [...(world.logGroup(ACCT, 'us-east-1', '/aws/eks/prod/cluster')?.streams.values() ?? [])].flat().filter((e) => e.message.includes('msg="access granted"')).length;
    const before = granted();
    const r = await kubectl('alice', 'auth', 'whoami', '-o', 'json');
    // kube-apiserver's token cache logs each distinct token once; kubectl may fetch a second token when its
    // discovery and request clients each run the exec plugin, so one run writes one or two lines.
    expect(granted() - before).toBeGreaterThanOrEqual(1);
    expect(granted() - before).toBeLessThanOrEqual(2);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout).status.userInfo;
    expect(info.username).toBe('kubernetes-admin');
    expect(info.groups).toEqual(['system:masters', 'system:authenticated']);
    expect(info.extra.arn).toEqual([`arn:aws:iam::${ACCT}:user/alice`]);
    expect(info.extra.accessKeyId).toEqual(['AKIAALICE0000000001']);
    const log = [...(world.logGroup(ACCT, 'us-east-1', '/aws/eks/prod/cluster')?.streams.values() ?? [])].flat().map((e) => e.message);
    expect(log.some((l) => /msg="access granted" .* username=kubernetes-admin$/.test(l))).toBe(true);
  }, 120_000);

  it('kubectl get configmap aws-auth -o yaml shows the mapping', async () => {
    const r = await kubectl('alice', 'get', 'configmap', 'aws-auth', '-n', 'kube-system', '-o', 'yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^kind: ConfigMap$/m);
    expect(r.stdout).toContain(`userarn: arn:aws:iam::${ACCT}:user/bob`);
    const described = await kubectl('alice', 'describe', 'configmap', 'aws-auth', '-n', 'kube-system');
    expect(described.stderr).toBe('');
    expect(described.stdout).toMatch(/^Name:\s+aws-auth$/m);
    expect(described.stdout).toMatch(/^Events:\s+<none>$/m);
  }, 120_000);

  it('an unmapped identity gets the 401 message and exit code 1', async () => {
    // Without a discovery cache the 401 comes during discovery (a raw request)...
    const cold = await kubectl('carol', '--cache-dir', path.join(dir, 'cold-cache'), 'get', 'svc');
    expect(cold.code).toBe(1);
    expect(cold.stderr.trim().split('\n').pop()).toBe('error: You must be logged in to the server (the server has asked for the client to provide credentials)');
    // ...with the cache alice's runs left, it comes from the list call, whose Status kubectl decodes.
    const warm = await kubectl('carol', 'get', 'svc');
    expect(warm.code).toBe(1);
    expect(warm.stderr.trim().split('\n').pop()).toBe('error: You must be logged in to the server (Unauthorized)');
  }, 120_000);

  it('a mapped identity without permission gets the 403 message', async () => {
    const ok = await kubectl('bob', 'get', 'svc');
    expect(ok.code).toBe(0);
    const r = await kubectl('bob', 'get', 'svc', '-n', 'kube-system');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      'Error from server (Forbidden): services is forbidden: User "bob" cannot list resource "services" in API group "" in the namespace "kube-system"',
    );
  }, 120_000);

  it('kubectl apply of an edited aws-auth takes effect at once', async () => {
    const manifest = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'aws-auth', namespace: 'kube-system' },
      data: {
        mapUsers: [
          `- userarn: arn:aws:iam::${ACCT}:user/bob`,
          '  username: bob',
          '  groups: [viewers]',
          `- userarn: arn:aws:iam::${ACCT}:user/carol`,
          '  username: carol',
          '  groups: [system:masters]',
          '',
        ].join('\n'),
      },
    };
    const file = path.join(dir, 'aws-auth.yaml');
    await writeFile(file, stringify(manifest));
    const applied = await kubectl('alice', 'apply', '-f', file);
    expect(applied.stdout.trim()).toBe('configmap/aws-auth configured');
    expect(applied.code).toBe(0);
    const stored = world.clusters[0].configMaps.get('kube-system/aws-auth')!;
    expect(stored.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toContain('user/carol');
    const carol = await kubectl('carol', 'auth', 'whoami', '-o', 'json');
    expect(carol.code).toBe(0);
    expect(JSON.parse(carol.stdout).status.userInfo.username).toBe('carol');
    const again = await kubectl('alice', 'apply', '-f', file);
    expect(again.stdout.trim()).toBe('configmap/aws-auth unchanged');
  }, 180_000);

  it('kubectl apply rejects a mis-indented aws-auth (strict field validation)', async () => {
    const file = path.join(dir, 'bad-aws-auth.yaml');
    await writeFile(
      file,
      stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'aws-auth', namespace: 'kube-system', mapRoles: '- rolearn: x\n' } }),
    );
    const r = await kubectl('alice', 'apply', '-f', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error from server \(BadRequest\): error when (applying patch|creating)/m);
    expect(r.stderr).toContain('strict decoding error: unknown field "metadata.mapRoles"');
  }, 120_000);

  it('kubectl edit of aws-auth (the usual fix) round-trips through the editor', async () => {
    const editor = path.join(dir, 'editor.sh');
    await writeFile(editor, '#!/bin/sh\nsed -i "s/username: carol/username: carol-admin/" "$1"\n');
    await chmod(editor, 0o755);
    const saved = env;
    env = { ...env, KUBE_EDITOR: editor };
    try {
      const r = await kubectl('alice', 'edit', 'configmap', 'aws-auth', '-n', 'kube-system');
      expect(r.stdout.trim()).toBe('configmap/aws-auth edited');
    } finally {
      env = saved;
    }
    const who = await kubectl('carol', 'auth', 'whoami', '-o', 'json');
    expect(JSON.parse(who.stdout).status.userInfo.username).toBe('carol-admin');
  }, 120_000);

  it('kubectl auth can-i answers from the same authorizer', async () => {
    expect((await kubectl('bob', 'auth', 'can-i', 'list', 'configmaps')).stdout.trim()).toBe('yes');
    const no = await kubectl('bob', 'auth', 'can-i', 'update', 'configmaps', '-n', 'kube-system');
    expect(no.stdout.trim()).toBe('no');
    expect(no.code).toBe(1);
    const list = await kubectl('bob', 'auth', 'can-i', '--list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^services\s+\[\]\s+\[\]\s+\[get list watch\]$/m);
  }, 120_000);
});
