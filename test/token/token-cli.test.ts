// `token` and `decode-token` as a user runs them: the installed command, and kubectl calling `token` from its exec block.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { classifyGetSvc, cleanEnv, run } from '../helpers/run.js';

const BIN = path.resolve(__dirname, '../../bin/eks-access-doctor.cjs');
let sandbox: SandboxHandle;
let work: string;
beforeAll(async () => {
  sandbox = await startSandbox('sandbox/scenarios/healthy.yaml');
  work = mkdtempSync(path.join(tmpdir(), 'token-cli-'));
});
afterAll(async () => {
  await sandbox?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('token command', () => {
  it('is a drop-in for aws eks get-token in a kubeconfig exec block: real kubectl gets in', async () => {
    const cluster = sandbox.world.clusters.find((c) => c.name === 'payments-prod')!;
    const kubeconfig = path.join(work, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: cluster.arn, cluster: { server: cluster.endpoint, 'certificate-authority-data': cluster.caData } }],
        users: [
          {
            name: cluster.arn,
            user: {
              exec: {
                apiVersion: 'client.authentication.k8s.io/v1beta1',
                command: BIN,
                args: ['token', '--profile', 'default', '--cluster', 'payments-prod'],
                interactiveMode: 'Never',
              },
            },
          },
        ],
        contexts: [{ name: cluster.arn, context: { cluster: cluster.arn, user: cluster.arn } }],
        'current-context': cluster.arn,
      }),
    );
    const env = cleanEnv({ ...sandbox.env, KUBECONFIG: kubeconfig });
    const getSvc = await run('kubectl', ['get', 'svc'], env, 90_000);
    expect(classifyGetSvc(getSvc), getSvc.stderr).toBe('ok');
    const whoami = await run('kubectl', ['auth', 'whoami', '-o', 'json'], env, 90_000);
    expect(JSON.parse(whoami.stdout).status.userInfo.username).toBe('kubernetes-admin');
  });

  it('prints an ExecCredential; decode-token --json reads it back without secrets', async () => {
    const env = cleanEnv(sandbox.env);
    const token = await run(BIN, ['token', '--profile', 'developer', '--cluster', 'payments-prod'], env);
    expect(token.code, token.stderr).toBe(0);
    const credential = JSON.parse(token.stdout);
    expect(credential).toMatchObject({ kind: 'ExecCredential', apiVersion: 'client.authentication.k8s.io/v1beta1', spec: {} });
    const decoded = await run(BIN, ['decode-token', credential.status.token, '--json'], env);
    expect(decoded.code, decoded.stderr).toBe(0);
    const view = JSON.parse(decoded.stdout);
    expect(Object.keys(view).sort()).toEqual(['accessKeyId', 'clusterIdSigned', 'date', 'expiresSeconds', 'host', 'region', 'signedHeaders'].sort());
    expect(view).toMatchObject({ region: 'us-east-1', expiresSeconds: 60, clusterIdSigned: true, signedHeaders: ['host', 'x-k8s-aws-id'] });
    expect(view.accessKeyId).toMatch(/^ASIA/);
    expect(decoded.stdout).not.toMatch(/Signature|Security-Token|IQoJ/i);
  });

  it('follows KUBERNETES_EXEC_INFO for the apiVersion, as the aws CLI does', async () => {
    const env = cleanEnv({ ...sandbox.env, KUBERNETES_EXEC_INFO: JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', spec: { interactive: false } }) });
    const token = await run(BIN, ['token', '--profile', 'default', '--cluster', 'payments-prod'], env);
    expect(JSON.parse(token.stdout).apiVersion).toBe('client.authentication.k8s.io/v1');
  });

  it('says what is wrong in one line: bad flags exit 2, a bad token or profile exit 1', async () => {
    const env = cleanEnv(sandbox.env);
    const missing = await run(BIN, ['token', '--profile', 'default'], env);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const unknown = await run(BIN, ['decode-token', 'x', '--bogus'], env);
    expect(unknown.code).toBe(2);
    const bad = await run(BIN, ['decode-token', 'k8s-aws-v1.bm90IGEgdXJs', '--json'], env);
    expect(bad).toMatchObject({ code: 1, stderr: 'error: not an EKS token: the token does not hold a URL\n' });
    const noProfile = await run(BIN, ['token', '--profile', 'nobody', '--cluster', 'payments-prod'], env);
    expect(noProfile.code).toBe(1);
    expect(noProfile.stderr).toMatch(/^error: no profile named "nobody" in .*\n$/);
  });
});
