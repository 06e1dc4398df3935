// "What kubectl will really present", against the sandbox with the real aws CLI as exec plugin, checked
// against what the real kubectl does with the same kubeconfig and environment.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { runUpdateKubeconfig } from '../../electron/cli/update-kubeconfig.js';
import { compareServer, kubectlIdentity, type KubectlIdentity } from '../../electron/diagnose/kubectl-identity.js';
import { readLoginShellPath } from '../../electron/diagnose/exec-login-path.js';
import { loadMergedKubeconfig } from '../../electron/kubeconfig/merge.js';
import { findClusterContext } from '../../electron/kubeconfig/find.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { classifyGetSvc, cleanEnv, run } from '../helpers/run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let sandbox: SandboxHandle | undefined;

afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function open(scenario: string): Promise<{ sb: SandboxHandle; env: Record<string, string> }> {
  sandbox = await startSandbox(`sandbox/scenarios/${scenario}.yaml`);
  return { sb: sandbox, env: cleanEnv(sandbox.env) };
}

function clusterRef(sb: SandboxHandle, name: string) {
  const c = sb.world.clusters.find((x) => x.name === name)!;
  return { name: c.name, arn: c.arn, endpoint: c.endpoint };
}

const getSvc = (env: Record<string, string>) => run('kubectl', ['get', 'svc'], env, 60_000);

/** Nothing secret from the scenario's keys may appear in what the diagnosis reports. */
function expectNoSecrets(result: KubectlIdentity, sb: SandboxHandle): void {
  const text = JSON.stringify(result);
  expect(text).not.toMatch(/k8s-aws-v1\.[A-Za-z0-9_-]{20,}/);
  for (const account of sb.world.scenario.accounts) {
    for (const user of account.users ?? []) for (const key of user.accessKeys ?? []) if (key.secret) expect(text).not.toContain(key.secret);
  }
  for (const value of Object.values(sb.world.scenario.environment ?? {})) expect(text).not.toContain(value);
}

describe('kubectl identity against the sandbox', () => {
  it('env-keys-override: the exec presents the env user, not the profile; --pin-profile fixes the real kubectl', async () => {
    const { sb, env } = await open('env-keys-override');
    const cluster = clusterRef(sb, 'platform-prod');
    const before = await kubectlIdentity({ env, cluster });
    expect(before.failure).toBeUndefined();
    expect(before.via).toBe('exec');
    expect(before.exec?.env).toEqual([{ name: 'AWS_PROFILE', value: 'admin' }]);
    expect(before.arn).toBe('arn:aws:iam::111122223333:user/ci-bot');
    expect(before.envOverrides).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
    expectNoSecrets(before, sb);
    expect(classifyGetSvc(await getSvc(env))).toBe('unauthorized');

    const update = await runUpdateKubeconfig(['--profile', 'admin', '--cluster', 'platform-prod', '--pin-profile'], { env });
    expect(update.exitCode, update.stderr).toBe(0);
    expect(update.stdout.split('\n')[0]).toBe(`Updated context ${cluster.arn} in ${env.KUBECONFIG}`);

    const after = await kubectlIdentity({ env, cluster });
    expect(after.failure).toBeUndefined();
    expect(after.exec?.args.slice(-2)).toEqual(['--profile', 'admin']);
    expect(after.arn).toBe('arn:aws:iam::111122223333:user/ops-admin');
    expect(after.envOverrides).toEqual([]);
    const r = await getSvc(env);
    expect(classifyGetSvc(r), r.stderr).toBe('ok');
  });

  it('creator-wrong-profile: kubectl presents the everyday user, not the creator', async () => {
    const { sb, env } = await open('creator-wrong-profile');
    const result = await kubectlIdentity({ env, cluster: clusterRef(sb, 'orders-prod') });
    expect(result.failure).toBeUndefined();
    expect(result.exec?.env).toEqual([{ name: 'AWS_PROFILE', value: 'default' }]);
    expect(result.arn).toBe('arn:aws:iam::111122223333:user/maria');
    expect(result.canonicalArn).toBe('arn:aws:iam::111122223333:user/maria');
    expect(result.context).toMatchObject({ matchedBy: 'current-context', isCurrent: true });
    expect(result.envOverrides).toEqual([]);
  });

  it('v1alpha1-exec: detected from the kubeconfig, in the words the real kubectl uses; update-kubeconfig fixes it', async () => {
    const { sb, env } = await open('v1alpha1-exec');
    const cluster = clusterRef(sb, 'legacy-batch');
    const result = await kubectlIdentity({ env, cluster });
    expect(result.failure?.kind).toBe('invalid-api-version');
    expect(result.exec?.apiVersion).toBe('client.authentication.k8s.io/v1alpha1');
    expect(result.arn).toBeUndefined();
    const kubectl = await getSvc(env);
    expect(classifyGetSvc(kubectl)).toBe('exec-error');
    const kubectlWords = /exec plugin: invalid apiVersion "[^"]+"/.exec(kubectl.stderr)?.[0];
    expect(kubectlWords).toBeDefined();
    expect(result.failure?.message).toContain(kubectlWords!);

    expect((await runUpdateKubeconfig(['--profile', 'kevin', '--cluster', 'legacy-batch'], { env })).exitCode).toBe(0);
    const fixed = await kubectlIdentity({ env, cluster });
    expect(fixed.failure).toBeUndefined();
    expect(fixed.arn).toBe('arn:aws:iam::111122223333:user/kevin');
    expect(classifyGetSvc(await getSvc(env))).toBe('ok');
  });

  it('no-kubeconfig-entry: no context for web-prod, while kubectl keeps using web-staging', async () => {
    const { sb, env } = await open('no-kubeconfig-entry');
    const prod = clusterRef(sb, 'web-prod');
    const staging = clusterRef(sb, 'web-staging');
    const result = await kubectlIdentity({ env, cluster: prod });
    expect(result.failure?.kind).toBe('no-context');
    expect(result.failure?.message).toContain(prod.arn);
    expect(result.currentContext).toBe(staging.arn);
    expect(result.via).toBe('none');
    const stagingResult = await kubectlIdentity({ env, cluster: staging });
    expect(stagingResult.arn).toBe('arn:aws:iam::111122223333:user/julia');
  });

  it('stale-kubeconfig: server and CA differ from DescribeCluster until update-kubeconfig', async () => {
    const { sb, env } = await open('stale-kubeconfig');
    const c = sb.world.clusters.find((x) => x.name === 'events')!;
    const described = { endpoint: c.endpoint, caData: c.caData };
    const found = findClusterContext(await loadMergedKubeconfig(env), clusterRef(sb, 'events'))!;
    expect(found.cluster).toBeDefined();
    const stale = compareServer({ cluster: found.cluster!.entry.cluster, file: found.cluster!.file }, described);
    expect(stale).toMatchObject({ serverMatches: false, caMatches: false, caSource: 'data', clusterEndpoint: c.endpoint });
    expect(classifyGetSvc(await getSvc(env))).toBe('unreachable');

    const identity = await kubectlIdentity({ env, cluster: clusterRef(sb, 'events'), described });
    expect(identity.serverCheck).toEqual(stale);
    expect(identity.arn).toBe('arn:aws:iam::111122223333:user/ivan');

    expect((await runUpdateKubeconfig(['--profile', 'ivan', '--cluster', 'events'], { env })).exitCode).toBe(0);
    const fresh = findClusterContext(await loadMergedKubeconfig(env), clusterRef(sb, 'events'))!;
    expect(compareServer({ cluster: fresh.cluster!.entry.cluster, file: fresh.cluster!.file }, described)).toMatchObject({ serverMatches: true, caMatches: true });
    expect(classifyGetSvc(await getSvc(env))).toBe('ok');
  });

  it("expired-sso: exec-failed with the CLI's SSO message", async () => {
    const { sb, env } = await open('expired-sso');
    const result = await kubectlIdentity({ env, cluster: clusterRef(sb, 'shipping') });
    expect(result.failure?.kind).toBe('exec-failed');
    expect(result.failure?.message).toBe('exec: executable aws failed with exit code 255');
    expect(result.failure?.stderr).toContain('Error when retrieving token from sso: Token has expired and refresh failed');
    expect(classifyGetSvc(await getSvc(env))).toBe('exec-error');
  });

  it('deleted-key: the token is made, and STS rejects it as the authenticator would see', async () => {
    const { sb, env } = await open('deleted-key');
    const result = await kubectlIdentity({ env, cluster: clusterRef(sb, 'billing') });
    expect(result.failure).toMatchObject({ kind: 'sts-rejected', code: 'InvalidClientTokenId' });
    expect(result.failure?.message).toContain('The security token included in the request is invalid');
    expectNoSecrets(result, sb);
    expect(classifyGetSvc(await getSvc(env))).toBe('unauthorized');
  });

  it('an exec command that does not exist: exec-missing, as kubectl fails', async () => {
    const { sb, env } = await open('creator-wrong-profile');
    const file = env.KUBECONFIG!;
    const doc = parseDocument(readFileSync(file, 'utf8'));
    doc.setIn(['users', 0, 'user', 'exec', 'command'], 'aws-cli-not-installed');
    writeFileSync(file, doc.toString());
    const result = await kubectlIdentity({ env, cluster: clusterRef(sb, 'orders-prod') });
    expect(result.failure?.kind).toBe('exec-missing');
    expect(result.failure?.message).toContain('aws-cli-not-installed');
    expect(classifyGetSvc(await getSvc(env))).toBe('exec-error');
  });

  it('a GUI-started app finds aws on the login shell PATH', async () => {
    const { sb, env } = await open('creator-wrong-profile');
    const cluster = clusterRef(sb, 'orders-prod');
    const awsDir = env.PATH!.split(':').find((d) => d && existsSync(path.join(d, 'aws')))!;
    expect(awsDir).toBeDefined();
    const guiEnv = { ...env, PATH: '/usr/bin:/bin' };
    expect((await kubectlIdentity({ env: guiEnv, cluster })).failure?.kind).toBe('exec-missing');
    const loginShellPath = async () => `${awsDir}:${env.PATH}`;
    const found = await kubectlIdentity({ env: guiEnv, cluster, fromGui: true, loginShellPath });
    expect(found.failure).toBeUndefined();
    expect(found.arn).toBe('arn:aws:iam::111122223333:user/maria');
  });

  it('the default login-shell PATH reader runs the real shell', async () => {
    const p = await readLoginShellPath({ SHELL: '/bin/sh', HOME: '/nonexistent', PATH: '/usr/bin:/bin' });
    expect(p).toMatch(/(^|:)\/(usr\/)?bin(:|$)/);
  });
});
