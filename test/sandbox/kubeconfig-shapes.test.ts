// The kubeconfig shapes a scenario can start with, each as its tool writes it (no servers: the rendered files only).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { verifyToken } from '../../sandbox/k8s/token.js';
import { loadScenarioFile, parseScenario } from '../../sandbox/scenario/load.js';
import { mintStaticTokens } from '../../sandbox/static-tokens.js';
import { renderKubeconfigs } from '../../sandbox/state-dir-kube.js';
import { renderEnvFile } from '../../sandbox/state-dir.js';
import { World } from '../../sandbox/world/world.js';

const stale = { endpoint: 'https://127.0.0.1:1', caData: 'c3RhbGU=' };
type Kubeconfig = { users: Array<{ name: string; user: { exec?: { command: string; args: string[]; env?: unknown } } }>; contexts: Array<{ name: string; context: { user: string } }> };

describe('kubeconfig shapes (sandbox/scenarios/kubeconfig-shapes.yaml)', () => {
  const world = new World(loadScenarioFile('sandbox/scenarios/kubeconfig-shapes.yaml'));
  const [first, second] = renderKubeconfigs(world, stale).map((t) => (t ? (parse(t) as Kubeconfig) : undefined));

  it('writes eksctl entries with eksctl names, args and env', () => {
    const user = first!.users.find((u) => u.name === 'alice@web.us-east-1.eksctl.io')!;
    expect(user.user.exec).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      args: ['eks', 'get-token', '--output', 'json', '--cluster-name', 'web', '--region', 'us-east-1'],
      command: 'aws',
      env: [{ name: 'AWS_STS_REGIONAL_ENDPOINTS', value: 'regional' }, { name: 'AWS_PROFILE', value: 'alice' }],
      interactiveMode: 'IfAvailable',
      provideClusterInfo: false,
    });
  });

  it('shares one user entry between two contexts; the later write wins, --profile in its args', () => {
    const sharing = first!.contexts.filter((c) => c.context.user === 'shared-user').map((c) => c.name);
    expect(sharing).toEqual(['arn:aws:eks:us-east-1:111122223333:cluster/web', 'arn:aws:eks:us-east-1:111122223333:cluster/api']);
    const shared = first!.users.filter((u) => u.name === 'shared-user');
    expect(shared).toHaveLength(1);
    expect(shared[0].user.exec).toMatchObject({ args: ['--region', 'us-east-1', 'eks', 'get-token', '--cluster-name', 'api', '--output', 'json', '--profile', 'alice'] });
    expect(shared[0].user.exec).not.toHaveProperty('env');
  });

  it('puts file: 2 entries in the second file, aws-iam-authenticator style', () => {
    expect(second!.contexts.map((c) => c.name)).toEqual(['api', 'web']);
    expect(first!.contexts.map((c) => c.name)).not.toContain('api');
    expect(second!.users.find((u) => u.name === 'ghost-user')!.user.exec).toMatchObject({
      command: 'aws-iam-authenticator',
      args: ['token', '-i', 'web'],
      env: [{ name: 'AWS_PROFILE', value: 'ghost' }],
    });
  });

  it('keeps the shell PATH after the sandbox programs in the env file', () => {
    expect(renderEnvFile({ PATH: '/s/bin:/usr/bin' }, '/s/bin')).toContain(`export PATH='/s/bin':"$PATH"\n`);
  });
});

describe('style: token', () => {
  it('writes a static bearer token minted with the profile\'s keys, which the cluster accepts', async () => {
    const world = new World(
      parseScenario(`
name: pasted
accounts: [{ id: "111122223333", users: [{ name: alice }] }]
profiles: [{ name: alice, user: alice }]
clusters: [{ name: web, account: "111122223333", region: us-east-1, creator: alice }]
kubeconfig: [{ cluster: web, style: token, profile: alice }]
`),
    );
    world.awsEndpoint = 'https://127.0.0.1:4443';
    const tokens = await mintStaticTokens(world, world.awsEndpoint);
    const [text] = renderKubeconfigs(world, stale, tokens);
    const user = (parse(text!) as { users: Array<{ user: { token: string } }> }).users[0].user;
    expect(Object.keys(user)).toEqual(['token']);
    const verified = await verifyToken(world, 'web', user.token);
    expect(verified.ok && verified.identity.arn).toBe('arn:aws:iam::111122223333:user/alice');
  });
});
