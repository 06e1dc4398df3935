// Shared setup of the authmap tests: a sandbox scenario, profile credentials through the profiles domain, the
// cluster as DescribeCluster reports it, and the real aws CLI / kubectl for the proof.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createScanAwsClients } from '../../electron/clusters/aws-clients.js';
import { describeClusterTarget } from '../../electron/authmap/cluster-target.js';
import { BackupStore } from '../../electron/authmap/backup.js';
import type { ClusterTarget, Writer } from '../../electron/authmap/types.js';
import { defaultProfilesDeps, ProfilesService } from '../../electron/profiles/service.js';
import { startSandbox, type SandboxHandle, type Scenario } from '../../sandbox/index.js';
import { classifyGetSvc, cleanEnv, run, type GetSvcOutcome } from '../helpers/run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export interface Fixture {
  sb: SandboxHandle;
  env: Record<string, string>;
  profiles: ProfilesService;
  backups: BackupStore;
  writer(profile: string): Promise<Writer>;
  cluster(name: string, region: string, via: Writer): Promise<ClusterTarget>;
  /** The ARN STS reports for the profile (what the user's identity shows). */
  identityArn(profile: string, region: string): Promise<string>;
  /** `aws eks update-kubeconfig --profile P` then the real `kubectl get svc`. */
  kubectlGetSvc(profile: string, cluster: string, region: string): Promise<{ outcome: GetSvcOutcome; stderr: string }>;
  /** Authenticator log lines (FilterLogEvents through the real aws CLI) since `sinceMs`. */
  authenticatorLines(adminProfile: string, cluster: string, region: string, sinceMs: number): Promise<string[]>;
}

export async function openScenario(name: string | Scenario): Promise<Fixture> {
  return openOnHandle(await startSandbox(typeof name === 'string' ? `sandbox/scenarios/${name}.yaml` : name));
}

export function openOnHandle(sb: SandboxHandle): Fixture {
  const env = cleanEnv(sb.env);
  const profiles = new ProfilesService(defaultProfilesDeps(env));
  const backups = new BackupStore(path.join(mkdtempSync(path.join(tmpdir(), 'authmap-backups-')), 'backups'));
  const writer = async (profile: string): Promise<Writer> => ({ profile, credentials: await profiles.credentials(profile) });
  return {
    sb,
    env,
    profiles,
    backups,
    writer,
    cluster: (cluster, region, via) => describeClusterTarget(cluster, region, via, env),
    async identityArn(profile, region) {
      const aws = createScanAwsClients(env, { maxAttempts: 2 });
      try {
        const w = await writer(profile);
        return (await aws.sts(region, w.credentials).send(new GetCallerIdentityCommand({}))).Arn!;
      } finally {
        aws.destroy();
      }
    },
    async kubectlGetSvc(profile, cluster, region) {
      const u = await run('aws', ['eks', 'update-kubeconfig', '--name', cluster, '--region', region, '--profile', profile], env, 60_000);
      if (u.code !== 0) throw new Error(`update-kubeconfig failed: ${u.stderr}`);
      const r = await run('kubectl', ['get', 'svc'], env, 60_000);
      return { outcome: classifyGetSvc(r), stderr: r.stderr };
    },
    async authenticatorLines(adminProfile, cluster, region, sinceMs) {
      const r = await run(
        'aws',
        ['logs', 'filter-log-events', '--log-group-name', `/aws/eks/${cluster}/cluster`, '--start-time', String(sinceMs), '--region', region, '--profile', adminProfile, '--output', 'json'],
        env,
        60_000,
      );
      if (r.code !== 0) throw new Error(`filter-log-events failed: ${r.stderr}`);
      return (JSON.parse(r.stdout) as { events: { message: string }[] }).events.map((e) => e.message);
    },
  };
}

export function grantedLine(lines: string[], canonicalArn: string): string | undefined {
  return lines.find((l) => l.includes('msg="access granted"') && l.includes(`arn="${canonicalArn}"`));
}
