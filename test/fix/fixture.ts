// What the fix tests share: a sandbox scenario with its env, `fix`/`diagnose` as commands, and the real clients
// (aws CLI, kubectl) that prove the result the way the user would see it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runDiagnose } from '../../electron/cli/diagnose.js';
import { runFix } from '../../electron/cli/fix.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { classifyGetSvc, cleanEnv, run, type GetSvcOutcome } from '../helpers/run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export interface FixWorld {
  sb: SandboxHandle;
  env: Record<string, string>;
  backupDir: string;
  fix(args: string[]): ReturnType<typeof runFix>;
  diagnoseJson(profile: string, cluster: string): Promise<{ causes: { code: string; evidence: string[] }[]; fixes: { id: string }[]; identity?: { arn: string; canonicalArn: string }; outcome: string }>;
  /** The real `kubectl get svc` with the scenario's env and kubeconfig, as they are. */
  kubectlGetSvc(): Promise<{ outcome: GetSvcOutcome; stderr: string }>;
  /** `aws eks update-kubeconfig --profile P`, then the real `kubectl get svc`. */
  kubectlAs(profile: string, cluster: string, region: string): Promise<{ outcome: GetSvcOutcome; stderr: string }>;
  /** Authenticator log lines since `sinceMs`, through `aws logs filter-log-events`. */
  authenticatorLines(profile: string, cluster: string, region: string, sinceMs: number): Promise<string[]>;
}

export async function openWorld(scenario: string): Promise<FixWorld> {
  const sb = await startSandbox(`sandbox/scenarios/${scenario}.yaml`);
  const env = cleanEnv(sb.env);
  const backupDir = path.join(mkdtempSync(path.join(tmpdir(), 'fix-backups-')), 'backups');
  const getSvc = async () => {
    const r = await run('kubectl', ['get', 'svc'], env, 60_000);
    return { outcome: classifyGetSvc(r), stderr: r.stderr };
  };
  return {
    sb,
    env,
    backupDir,
    fix: (args) => runFix(args, { env, backupDir }),
    async diagnoseJson(profile, cluster) {
      const r = await runDiagnose(['--profile', profile, '--cluster', cluster, '--json'], { env });
      if (r.exitCode !== 0) throw new Error(`diagnose failed: ${r.stderr}`);
      return JSON.parse(r.stdout);
    },
    kubectlGetSvc: getSvc,
    async kubectlAs(profile, cluster, region) {
      const u = await run('aws', ['eks', 'update-kubeconfig', '--name', cluster, '--region', region, '--profile', profile], env, 60_000);
      if (u.code !== 0) throw new Error(`update-kubeconfig failed: ${u.stderr}`);
      return getSvc();
    },
    async authenticatorLines(profile, cluster, region, sinceMs) {
      const r = await run(
        'aws',
        ['logs', 'filter-log-events', '--log-group-name', `/aws/eks/${cluster}/cluster`, '--start-time', String(sinceMs), '--region', region, '--profile', profile, '--output', 'json'],
        env,
        60_000,
      );
      if (r.code !== 0) throw new Error(`filter-log-events failed: ${r.stderr}`);
      return (JSON.parse(r.stdout) as { events: { message: string }[] }).events.map((e) => e.message);
    },
  };
}

export function grantedFor(lines: string[], canonicalArn: string): string | undefined {
  return lines.find((l) => l.includes('msg="access granted"') && l.includes(`arn="${canonicalArn}"`));
}
