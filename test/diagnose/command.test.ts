// `diagnose` as a command: argument errors (exit 2, one line on stderr), an unknown profile, the readable
// report and the JSON shape of docs/cli.md, against the sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDiagnose } from '../../electron/cli/diagnose.js';
import { DiagnoseArgumentError, diagnoseCell } from '../../electron/diagnose/diagnose.js';
import { MatrixScan } from '../../electron/matrix/engine.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { cleanEnv } from '../helpers/run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('diagnose arguments', () => {
  it.each([
    [[], '--profile is required'],
    [['--profile', 'p'], '--cluster is required'],
    [['--cluster', 'c'], '--profile is required'],
    [['--profile', 'p', '--cluster', 'bad name!'], '--cluster: "bad name!": an EKS cluster name is letters, digits'],
    [['--profile', 'p', '--cluster', 'c', '--region', 'mars'], '--region: "mars": a region name looks like us-east-1'],
    [['--profile', 'p', '--cluster', 'c', '--bogus'], "Unknown option '--bogus'"],
    [['--profile', 'p', '--cluster', 'c', 'extra'], 'positional'],
    [['--profile'], "Option '--profile <value>' argument missing"],
  ])('%j → exit 2: %s', async (args, message) => {
    const r = await runDiagnose(args as string[], { env: { PATH: process.env.PATH } });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toMatch(/^error: [^\n]+\n$/);
    expect(r.stderr).toContain('usage: diagnose --profile P --cluster NAME [--region R] [--json]');
  });
});

describe('diagnose against the sandbox', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox('sandbox/scenarios/unmapped-user.yaml');
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('an unknown profile is a bad argument (exit 2, one line)', async () => {
    const r = await runDiagnose(['--profile', 'nobody', '--cluster', 'analytics'], { env: cleanEnv(sandbox.env) });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: no profile named "nobody" in [^\n]+\n$/);
  });

  it('--json has exactly the keys of docs/cli.md (plus creator and unknowns), exit 0 for a failing cell', async () => {
    const r = await runDiagnose(['--profile', 'tom', '--cluster', 'analytics', '--region', 'us-east-1', '--json'], { env: cleanEnv(sandbox.env) });
    expect(r.exitCode, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(Object.keys(d).sort()).toEqual(['causes', 'cluster', 'creator', 'fixes', 'identity', 'kubectlIdentity', 'outcome', 'profile', 'unknowns']);
    expect(d).toMatchObject({
      profile: 'tom',
      cluster: { name: 'analytics', region: 'us-east-1', arn: 'arn:aws:eks:us-east-1:111122223333:cluster/analytics' },
      identity: { arn: 'arn:aws:iam::111122223333:user/tom', canonicalArn: 'arn:aws:iam::111122223333:user/tom' },
      kubectlIdentity: { arn: 'arn:aws:iam::111122223333:user/tom' },
      outcome: 'UNAUTHORIZED',
      creator: { arn: 'arn:aws:iam::111122223333:user/priya', isThisIdentity: false, isOneOfYourProfiles: 'priya' },
    });
    expect(d.kubectlIdentity.via).toContain('AWS_PROFILE=tom');
    for (const c of d.causes) expect(Object.keys(c).sort()).toEqual(['code', 'detail', 'evidence', 'title']);
    for (const f of d.fixes) {
      expect(Object.keys(f).sort()).toEqual(['id', 'steps', 'title']);
      for (const s of f.steps) expect(Object.keys(s).sort()).toEqual(['command', 'title']);
    }
    expect(d.fixes[0].steps[0].command).toBe(
      'eksctl create iamidentitymapping --cluster analytics --region us-east-1 --arn arn:aws:iam::111122223333:user/tom --username tom --group <group> --profile priya',
    );
  });

  it('without --json: a readable report with the cause, the evidence and the fixes', async () => {
    const r = await runDiagnose(['--profile', 'tom', '--cluster', 'analytics'], { env: cleanEnv(sandbox.env) });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('tom → analytics (us-east-1): UNAUTHORIZED');
    expect(r.stdout).toContain('CAUSE NOT_MAPPED: Nothing grants this identity access');
    expect(r.stdout).toContain('cluster creator: arn:aws:iam::111122223333:user/priya — not this identity; your profile priya is the creator');
    expect(r.stdout).toMatch(/FIXES\n {2}\[map-identity\] /);
    expect(r.stdout).toContain('To preview a fix, then apply it with --yes: eks-access-doctor fix --profile tom --cluster analytics --region us-east-1 --fix map-identity\n');
  });

  it('a cluster nobody has: CLUSTER_NOT_FOUND, exit 0', async () => {
    const r = await runDiagnose(['--profile', 'tom', '--cluster', 'no-such-cluster', '--json'], { env: cleanEnv(sandbox.env) });
    expect(r.exitCode, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.causes[0].code).toBe('CLUSTER_NOT_FOUND');
    expect(d.causes[0].evidence[0]).toContain('No cluster found for name: no-such-cluster.');
  });

  it('without --json: each unknown once, under UNKNOWN; the cause that rests on it only names it', async () => {
    const cluster = sandbox.world.clusters.find((c) => c.name === 'analytics')!;
    cluster.logging.delete('authenticator');
    try {
      const r = await runDiagnose(['--profile', 'tom', '--cluster', 'analytics'], { env: cleanEnv(sandbox.env) });
      expect(r.exitCode, r.stderr).toBe(0);
      const why = 'the cluster does not send authenticator logs to CloudWatch';
      expect(r.stdout.split(why)).toHaveLength(2);
      expect(r.stdout.split('--logging')).toHaveLength(2);
      const [causes, unknowns] = r.stdout.split('\nUNKNOWN\n');
      expect(causes).toContain("  - unknown: the authenticator's own reason for the 401 — why, and how to find out, in the unknowns below\n");
      expect(unknowns).toContain(`  - the authenticator's own reason for the 401: ${why}\n    to find out: aws eks update-cluster-config --name analytics`);
    } finally {
      cluster.logging.add('authenticator');
    }
  });

  it("the UI's entry: diagnoseCell(profile, clusterArn) over the app's own matrix, without a new scan", async () => {
    const env = cleanEnv(sandbox.env);
    const scan = new MatrixScan({}, { env });
    const matrix = await scan.done.finally(() => scan.close());
    const arn = 'arn:aws:eks:us-east-1:111122223333:cluster/analytics';
    const { diagnosis, evidence } = await diagnoseCell('tom', arn, { env, matrix });
    expect(evidence.cells.map((c) => `${c.profile}:${c.outcome}`).sort()).toEqual(['priya:ADMIN', 'tom:UNAUTHORIZED']);
    expect(diagnosis.causes[0]!.code).toBe('NOT_MAPPED');
    expect(diagnosis.cluster.arn).toBe(arn);
    await expect(diagnoseCell('tom', 'arn:aws:s3:::bucket', { env, matrix })).rejects.toBeInstanceOf(DiagnoseArgumentError);
  });
});
