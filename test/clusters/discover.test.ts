// Cluster discovery on the sandbox's EKS with the scan's own SDK clients: ListClusters then DescribeCluster of each,
// every cluster kept once with each profile that could describe it (the second profile's calls at low priority), a
// profile IAM refuses recorded as a denial, and keys AWS does not know as a failure, not a denial.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScanAwsClients, type ScanAwsClients } from '../../electron/clusters/aws-clients.js';
import { discoverInRegion } from '../../electron/clusters/discover.js';
import { ClusterRegistry } from '../../electron/clusters/registry.js';
import type { CallRunner } from '../../electron/clusters/describe.js';
import type { DiscoveryDenial, DiscoveryFailure } from '../../electron/clusters/types.js';
import { defaultProfilesDeps, ProfilesService } from '../../electron/profiles/service.js';
import { parseScenario, startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { cleanEnv } from '../helpers/run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const SCENARIO = parseScenario(`
name: cluster-discovery
accounts:
  - id: "111122223333"
    users:
      - { name: alice }
      - { name: bob }
      - { name: paul, allow: ["sts:GetCallerIdentity"] }
profiles:
  - { name: alice, user: alice, region: us-east-1 }
  - { name: bob, user: bob, region: us-east-1 }
  - { name: paul, user: paul, region: us-east-1 }
clusters:
  - { name: web, account: "111122223333", region: us-east-1, creator: alice, version: "1.31", authenticationMode: API_AND_CONFIG_MAP }
  - { name: api, account: "111122223333", region: us-east-1, creator: alice }
  - { name: far, account: "111122223333", region: eu-west-1, creator: alice }
`);

describe('discovering clusters in a region', () => {
  let sandbox: SandboxHandle;
  let profiles: ProfilesService;
  let aws: ScanAwsClients;

  beforeAll(async () => {
    sandbox = await startSandbox(SCENARIO);
    const env = cleanEnv(sandbox.env);
    profiles = new ProfilesService(defaultProfilesDeps(env));
    aws = createScanAwsClients(env, { maxAttempts: 2 });
  });
  afterAll(async () => {
    aws?.destroy();
    await sandbox?.stop();
  });

  /** Discovery for one profile into the registry, with the calls it made and the priority of each. */
  const discover = async (profile: string, registry: ClusterRegistry, credentials?: { accessKeyId: string; secretAccessKey: string }) => {
    const calls: Array<'high' | 'low'> = [];
    const run: CallRunner = (call, priority = 'high') => {
      calls.push(priority);
      return call();
    };
    const denied: DiscoveryDenial[] = [];
    const failed: DiscoveryFailure[] = [];
    const creds = credentials ?? (await profiles.credentials(profile));
    await discoverInRegion(profile, 'us-east-1', aws.eks('us-east-1', creds), run, {
      cluster: (described, who) => registry.add(described, who),
      denied: (d) => denied.push(d),
      failed: (f) => failed.push(f),
    }, undefined, (name) => !registry.list().some((c) => c.name === name));
    return { calls, denied, failed };
  };

  it("finds the region's clusters as DescribeCluster tells them, each once with every profile that described it", async () => {
    const registry = new ClusterRegistry();
    const alice = await discover('alice', registry);
    expect(alice).toEqual({ calls: ['high', 'high', 'high'], denied: [], failed: [] });
    expect(registry.list().map((c) => c.name).sort()).toEqual(['api', 'web']);
    const web = registry.get('arn:aws:eks:us-east-1:111122223333:cluster/web')!;
    expect(web).toMatchObject({ name: 'web', region: 'us-east-1', account: '111122223333', status: 'ACTIVE', version: '1.31', authenticationMode: 'API_AND_CONFIG_MAP', describedBy: ['alice'] });
    expect(web.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(Buffer.from(web.caData, 'base64').toString()).toContain('-----BEGIN CERTIFICATE-----');

    // Bob finds the same two: nothing new, so his DescribeCluster calls wait behind calls that may find something.
    const bob = await discover('bob', registry);
    expect(bob).toEqual({ calls: ['high', 'low', 'low'], denied: [], failed: [] });
    expect(registry.size).toBe(2);
    expect(registry.list().map((c) => c.describedBy)).toEqual([['alice', 'bob'], ['alice', 'bob']]);
  });

  it('a profile IAM refuses is a denial of ListClusters; unknown keys are a failure', async () => {
    const registry = new ClusterRegistry();
    const paul = await discover('paul', registry);
    expect(paul.failed).toEqual([]);
    expect(paul.denied).toEqual([{ profile: 'paul', region: 'us-east-1', operation: 'ListClusters', code: 'AccessDeniedException', message: expect.stringContaining('eks:ListClusters') }]);
    const ghost = await discover('ghost', registry, { accessKeyId: 'AKIAGHOSTGHOSTGHOST0', secretAccessKey: 'not-a-key' });
    expect(ghost.denied).toEqual([]);
    expect(ghost.failed).toEqual([{ profile: 'ghost', region: 'us-east-1', operation: 'ListClusters', code: expect.stringMatching(/^(UnrecognizedClientException|InvalidClientTokenId)$/), message: expect.any(String) }]);
    expect(registry.size).toBe(0);
  });
});
