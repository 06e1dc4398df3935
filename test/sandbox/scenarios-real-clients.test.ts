// Every scenario's own acceptance checks (`expect`), run with the real aws CLI and kubectl exactly as a
// user would after `. <state-dir>/env`: the sandbox must be indistinguishable from EKS for each branch.
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile, startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { classifyGetSvc, cleanEnv, run } from '../helpers/run.js';

const dir = path.resolve(__dirname, '../../sandbox/scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe.each(files)('%s', (file) => {
  const scenario = loadScenarioFile(path.join(dir, file));
  let sandbox: SandboxHandle;
  let scratch: string;
  beforeAll(async () => {
    sandbox = await startSandbox(scenario);
    scratch = await mkdtemp(path.join(tmpdir(), 'eks-expect-'));
  });
  afterAll(async () => {
    await sandbox?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  /** The troubleshooting article's check: the authenticator log, read with the real aws CLI, shows the denial. */
  async function expectAuthenticatorDenial(cluster: (typeof scenario.clusters)[number], env: Record<string, string>) {
    // With the machine's clock off, the CLI's own log query is refused like every other signed call.
    if (scenario.faults.clockSkewSeconds !== 0) return;
    const reader = scenario.profiles.find((p) => {
      const user = p.user ? sandbox.world.userForProfile(p) : undefined;
      return user && user.account === cluster.account && sandbox.world.isAllowed(user, 'logs:FilterLogEvents') && user.accessKeys.some((k) => k.status === 'Active');
    });
    if (!reader) return;
    const logs = await run(
      'aws',
      ['logs', 'filter-log-events', '--profile', reader.name, '--region', cluster.region, '--log-group-name', `/aws/eks/${cluster.name}/cluster`,
        '--filter-pattern', '"access denied"', '--query', 'events[].message', '--output', 'json'],
      env,
    );
    expect(logs.code, logs.stderr).toBe(0);
    const lines = JSON.parse(logs.stdout) as string[];
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(/^time="[^"]+" level=warning msg="access denied" (arn="[^"]+" )?client="127\.0\.0\.1:\d+" error="(ARN is not mapped|sts getCallerIdentity failed: .*|.+)" method=POST path=\/authenticate$/);
  }

  it('declares what the real clients must see', () => {
    expect(scenario.expect.length).toBeGreaterThan(0);
  });

  it.each(scenario.expect.map((e, i) => [i, e.profile ?? 'kubeconfig as written', e.cluster, e.getSvc, e] as const))(
    'expectation %i: %s → %s: kubectl get svc %s',
    async (i, _who, _cluster, _outcome, e) => {
      const cluster = scenario.clusters.find((c) => c.name === e.cluster)!;
      const arn = sandbox.world.clusters.find((c) => c.name === cluster.name)!.arn;
      const env = cleanEnv(sandbox.env);
      let kubectlArgs = ['--context', e.context ?? arn];
      if (e.profile) {
        const kubeconfig = path.join(scratch, `kubeconfig-${i}`);
        const update = await run(
          'aws',
          ['eks', 'update-kubeconfig', '--name', cluster.name, '--region', cluster.region, '--profile', e.profile, '--kubeconfig', kubeconfig],
          env,
        );
        if (e.getSvc === 'update-kubeconfig-fails') {
          expect(update.code, update.stdout).not.toBe(0);
          expect(update.stderr).toMatch(/An error occurred \(\w+\) when calling the DescribeCluster operation/);
          return;
        }
        expect(update.code, update.stderr).toBe(0);
        expect(update.stdout).toMatch(/(Added new|Updated) context .* to /);
        kubectlArgs = ['--kubeconfig', kubeconfig, '--context', arn];
      }
      const getSvc = await run('kubectl', [...kubectlArgs, 'get', 'svc', '--request-timeout=20s'], env, 90_000);
      const tail = getSvc.stderr.trim().split('\n').slice(-2).join('\n');
      expect({ outcome: classifyGetSvc(getSvc), stderr: tail }).toMatchObject({ outcome: e.getSvc });
      if (e.getSvc === 'ok') expect(getSvc.stdout).toMatch(/^kubernetes\s+ClusterIP\s+10\.100\.0\.1\s+<none>\s+443\/TCP\s+\S+$/m);
      if (e.getSvc === 'unauthorized') {
        expect(getSvc.code).toBe(1);
        if (cluster.logging.includes('authenticator')) await expectAuthenticatorDenial(cluster, env);
      }
      if (e.username) {
        const whoami = await run('kubectl', [...kubectlArgs, 'auth', 'whoami', '-o', 'json'], env, 90_000);
        expect(whoami.code, whoami.stderr).toBe(0);
        expect(JSON.parse(whoami.stdout).status.userInfo.username).toBe(e.username);
      }
    },
  );
});
