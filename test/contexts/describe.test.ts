// What a context says on its face (electron/contexts/describe.ts) for the ways people write EKS entries, and the
// "Use with kubectl" edit (electron/kubeconfig/set-profile.ts): which profile, which cluster, what changes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { describeContext } from '../../electron/contexts/describe.js';
import { explainContext } from '../../electron/contexts/explain.js';
import { contextNamed, loadMergedKubeconfig, planSetProfile } from '../../electron/kubeconfig/index.js';

const ARN = 'arn:aws:eks:eu-west-1:111122223333:cluster/shop';
const exec = (command: string, args: string[], env?: Array<{ name: string; value: string }>) => ({
  exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command, args, ...(env ? { env } : {}) },
});

async function world(users: Record<string, unknown>, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ctx-describe-'));
  const file = join(dir, 'config');
  const names = Object.keys(users);
  writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': names[0],
      clusters: [
        { name: ARN, cluster: { server: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com', 'certificate-authority-data': 'Q0E=' } },
        { name: 'shop.eu-west-1.eksctl.io', cluster: { server: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com', 'certificate-authority-data': 'Q0E=' } },
        { name: 'minikube', cluster: { server: 'https://192.168.49.2:8443' } },
      ],
      users: names.map((n) => ({ name: n, user: users[n] })),
      contexts: names.map((n) => ({ name: n, context: { cluster: n.startsWith('eksctl') ? 'shop.eu-west-1.eksctl.io' : n === 'minikube' ? 'minikube' : ARN, user: n } })),
    }),
  );
  const fullEnv = { HOME: dir, KUBECONFIG: file, ...env };
  const kc = await loadMergedKubeconfig(fullEnv);
  return { file, kc, env: fullEnv, facts: (name: string) => describeContext(contextNamed(kc, name)!, fullEnv) };
}

describe('describeContext', () => {
  it('reads the profile where botocore finds it: --profile, the exec env, the shell, else the default chain', async () => {
    const w = await world(
      {
        'args': exec('aws', ['--region', 'eu-west-1', 'eks', 'get-token', '--cluster-name', 'shop', '--profile', 'ops'], [{ name: 'AWS_PROFILE', value: 'ignored' }]),
        'execenv': exec('aws', ['--region', 'eu-west-1', 'eks', 'get-token', '--cluster-name', 'shop', '--role', 'arn:aws:iam::111122223333:role/Admin'], [{ name: 'AWS_PROFILE', value: 'dev' }]),
        'shell': exec('aws', ['eks', 'get-token', '--cluster-name', 'shop']),
      },
      { AWS_PROFILE: 'from-shell' },
    );
    expect(w.facts('args').credential).toMatchObject({ kind: 'aws-cli', profile: 'ops', profileSource: 'exec-args' });
    expect(w.facts('execenv').credential).toMatchObject({ kind: 'aws-cli', profile: 'dev', profileSource: 'exec-env', roleArn: 'arn:aws:iam::111122223333:role/Admin' });
    expect(w.facts('shell').credential).toMatchObject({ profile: 'from-shell', profileSource: 'environment' });
    const noShell = await world({ plain: exec('aws', ['eks', 'get-token', '--cluster-name', 'shop']) });
    expect(noShell.facts('plain').credential).toMatchObject({ profile: 'default', profileSource: 'default-chain' });
    expect(w.facts('args')).toMatchObject({ eks: true, clusterArn: ARN, clusterName: 'shop', region: 'eu-west-1', account: '111122223333' });
  });

  it('knows eksctl, aws-iam-authenticator, a pasted token, and a cluster that is not EKS', async () => {
    const w = await world({
      'eksctl-shop': exec('aws', ['eks', 'get-token', '--output', 'json', '--cluster-name', 'shop', '--region', 'eu-west-1'], [{ name: 'AWS_STS_REGIONAL_ENDPOINTS', value: 'regional' }]),
      'authenticator': exec('aws-iam-authenticator', ['token', '-i', 'shop', '-r', 'arn:aws:iam::111122223333:role/Admin']),
      'pasted': { token: 'k8s-aws-v1.aHR0cHM6Ly9zdHM' },
      'minikube': { 'client-certificate-data': 'Y2VydA==', 'client-key-data': 'a2V5' },
    });
    // eksctl names neither context nor cluster by the ARN: the region comes from the args and the host.
    expect(w.facts('eksctl-shop')).toMatchObject({ eks: true, clusterName: 'shop', region: 'eu-west-1', credential: { kind: 'aws-cli' } });
    expect(w.facts('eksctl-shop').clusterArn).toBeUndefined();
    expect(w.facts('authenticator').credential).toMatchObject({ kind: 'aws-iam-authenticator', roleArn: 'arn:aws:iam::111122223333:role/Admin', profile: 'default' });
    expect(w.facts('authenticator').clusterName).toBe('shop');
    expect(w.facts('pasted')).toMatchObject({ eks: true, credential: { kind: 'static-token' } });
    expect(w.facts('minikube')).toMatchObject({ eks: false, credential: { kind: 'client-certificate' } });
  });
});

describe('a helper that is not the aws CLI, with env settings in its exec block', () => {
  it('is shown runnable (its env first) and named by its program in the cause', async () => {
    expect.hasAssertions();
    const w = await world({ custom: exec('/opt/bin/my-token', ['--cluster', 'shop'], [{ name: 'TEAM', value: 'shop team' }]) });
    const facts = w.facts('custom');
    expect(facts.credential.command).toBe("TEAM='shop team' /opt/bin/my-token --cluster shop");
    const view = { name: 'custom', current: true, eks: true, file: w.file, clusterArn: ARN, credential: { ...facts.credential, envOverrides: [] }, outcome: 'UNAUTHORIZED' as const };
    const { cause } = await explainContext(view, () => Promise.reject(new Error('not asked')));
    expect(cause?.sentence).toBe('kubectl gets its token from /opt/bin/my-token, which did not give a token the cluster accepts.');
  });
});

describe('planSetProfile (Use with kubectl)', () => {
  it('an aws exec keeps its args, drops the old --profile and pins the new one in args and env; other contexts of the user are named', async () => {
    const w = await world({ a: exec('aws', ['--region', 'eu-west-1', 'eks', 'get-token', '--cluster-name', 'shop', '--profile', 'old'], [{ name: 'AWS_PROFILE', value: 'old' }]) });
    const plan = await planSetProfile(w.kc, 'a', 'new', { name: 'shop', region: 'eu-west-1' });
    expect(plan.exec.args).toEqual(['--region', 'eu-west-1', 'eks', 'get-token', '--cluster-name', 'shop', '--profile', 'new']);
    expect(plan.exec.env).toEqual([{ name: 'AWS_PROFILE', value: 'new' }]);
    expect(plan.after).not.toContain('old');
    expect(plan.alsoAffects).toEqual([]);
    expect(plan.summary).toContain('The current context does not change.');
  });

  it('a pasted token is replaced by the aws exec update-kubeconfig writes', async () => {
    const w = await world({ pasted: { token: 'k8s-aws-v1.aHR0cHM6Ly9zdHM' } });
    const plan = await planSetProfile(w.kc, 'pasted', 'dev', { name: 'shop', region: 'eu-west-1' });
    expect(plan.exec).toMatchObject({ command: 'aws', args: ['--region', 'eu-west-1', 'eks', 'get-token', '--cluster-name', 'shop', '--output', 'json', '--profile', 'dev'] });
    expect(plan.after).not.toContain('k8s-aws-v1');
    expect(plan.diff).toContain('+');
  });
});
