// The aws-auth grant's commands for people without eksctl, run as shown with the real kubectl against the sandbox:
// the binding and the patch let the refused identity in; a patch made stale by someone else's change is refused by
// the API server, which keeps that change.
import { afterEach, describe, expect, it } from 'vitest';
import { applyAwsAuthPlan } from '../../electron/authmap/aws-auth-apply.js';
import { planAwsAuthGrant, type AwsAuthGrantRequest } from '../../electron/authmap/aws-auth-plan.js';
import { VIEW_GROUP, viewBindingCommand } from '../../electron/authmap/view-binding.js';
import { openScenario, type Fixture } from '../authmap/sandbox-fixture.js';
import { run } from '../helpers/run.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.sb.stop();
  fx = undefined;
});

async function asAdmin(f: Fixture, admin = 'priya', cluster = 'analytics', region = 'us-east-1'): Promise<void> {
  const u = await run('aws', ['eks', 'update-kubeconfig', '--name', cluster, '--region', region, '--profile', admin], f.env, 60_000);
  expect(u.code, u.stderr).toBe(0);
}

const sh = (f: Fixture, command: string) => run('bash', ['-c', command], f.env, 60_000);

async function awsAuthData(f: Fixture): Promise<Record<string, string>> {
  const r = await run('kubectl', ['get', 'configmap', 'aws-auth', '-n', 'kube-system', '-o', 'json'], f.env, 60_000);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { data: Record<string, string> }).data;
}

describe("the aws-auth grant's kubectl commands (no eksctl)", () => {
  it('run as shown, the binding and the patch let tom in with read-only access, other entries kept', async () => {
    expect.hasAssertions();
    fx = await openScenario('unmapped-user');
    const admin = await fx.writer('priya');
    const cluster = await fx.cluster('analytics', 'us-east-1', admin);
    const plan = await planAwsAuthGrant(cluster, admin, { identityArn: await fx.identityArn('tom', 'us-east-1'), groups: [VIEW_GROUP] }, { env: fx.env });
    const [patch, eksctl] = plan.commands;
    expect(patch).toMatch(/^kubectl patch configmap aws-auth -n kube-system --context arn:aws:eks:us-east-1:\d+:cluster\/analytics --type merge -p '\{"metadata":\{"resourceVersion":"\d+"\},"data":\{"mapUsers":/);
    expect(patch).toMatch(/# refused if the list changed since this preview: preview again$/);
    expect(eksctl).toMatch(/^eksctl create iamidentitymapping .*# the same, if you have eksctl$/);
    expect(plan.commands.join('\n')).not.toMatch(/kubectl edit/);
    await asAdmin(fx);
    expect((await fx.kubectlGetSvc('tom', 'analytics', 'us-east-1')).outcome).toBe('unauthorized');
    await asAdmin(fx);
    for (const command of [viewBindingCommand(cluster.arn), patch!]) {
      const r = await sh(fx, command);
      expect(r.code, `${command}\n${r.stderr}`).toBe(0);
    }
    // Exactly what the app itself would write: the edited key, and every other key as it was.
    expect(await awsAuthData(fx)).toEqual(plan.after);
    expect((await fx.kubectlGetSvc('tom', 'analytics', 'us-east-1')).outcome).toBe('ok');
  });

  it('a patch made stale by a change since the preview is refused, and that change is kept', async () => {
    expect.hasAssertions();
    fx = await openScenario('unmapped-user');
    const admin = await fx.writer('priya');
    const cluster = await fx.cluster('analytics', 'us-east-1', admin);
    const plan = await planAwsAuthGrant(cluster, admin, { identityArn: await fx.identityArn('tom', 'us-east-1'), groups: [VIEW_GROUP] }, { env: fx.env });
    // Someone else maps another identity in between.
    const other = await planAwsAuthGrant(cluster, admin, { identityArn: 'arn:aws:iam::111122223333:user/someone-else', groups: ['system:masters'] }, { env: fx.env });
    expect((await applyAwsAuthPlan(other, cluster, admin, { env: fx.env, backups: fx.backups })).ok).toBe(true);
    await asAdmin(fx);
    const r = await sh(fx, plan.commands[0]!);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Conflict|the object has been modified/i);
    expect((await awsAuthData(fx)).mapUsers).toContain('user/someone-else');
    expect((await awsAuthData(fx)).mapUsers).not.toContain('user/tom');
  });

  it('with no aws-auth on the cluster, the command shown creates it, and tom gets in', async () => {
    expect.hasAssertions();
    fx = await openScenario('unmapped-user');
    await asAdmin(fx);
    // priya created the cluster: she still gets in with aws-auth gone.
    const gone = await run('kubectl', ['delete', 'configmap', 'aws-auth', '-n', 'kube-system'], fx.env, 60_000);
    expect(gone.code, gone.stderr).toBe(0);
    const admin = await fx.writer('priya');
    const cluster = await fx.cluster('analytics', 'us-east-1', admin);
    const plan = await planAwsAuthGrant(cluster, admin, { identityArn: await fx.identityArn('tom', 'us-east-1'), groups: [VIEW_GROUP] }, { env: fx.env });
    expect(plan.change).toBe('created');
    expect(plan.commands[0]).toMatch(/^echo '\{"apiVersion":"v1","kind":"ConfigMap".*' \| kubectl create -f - --context \S+$/);
    for (const command of [viewBindingCommand(cluster.arn), plan.commands[0]!]) {
      const r = await sh(fx, command);
      expect(r.code, `${command}\n${r.stderr}`).toBe(0);
    }
    expect(await awsAuthData(fx)).toEqual(plan.after);
    expect((await fx.kubectlGetSvc('tom', 'analytics', 'us-east-1')).outcome).toBe('ok');
  });

  // An entry corrected in place, and malformed items repaired with consent: the patch writes what the app would.
  const IN_PLACE = [
    { scenario: 'role-mapped-with-path', cluster: 'logistics', admin: 'jordan', refused: 'eks-admin', fix: 'path' as const },
    { scenario: 'aws-auth-invalid', cluster: 'search', admin: 'infra-admin', refused: 'sre', request: { invalidItems: 'repair' as const } },
  ];
  for (const c of IN_PLACE) {
    it(`${c.scenario}: the patch shown writes exactly the app's edit, and ${c.refused} gets in`, async () => {
      expect.hasAssertions();
      fx = await openScenario(c.scenario);
      const admin = await fx.writer(c.admin);
      const cluster = await fx.cluster(c.cluster, 'us-east-1', admin);
      let request: AwsAuthGrantRequest = { identityArn: await fx.identityArn(c.refused, 'us-east-1'), groups: ['system:masters'], ...c.request };
      let plan = await planAwsAuthGrant(cluster, admin, request, { env: fx.env });
      if (c.fix) {
        const candidate = plan.candidates.find((x) => x.problem === c.fix)!;
        request = { ...request, fixEntry: { key: candidate.key, index: candidate.index, arn: candidate.arn } };
        plan = await planAwsAuthGrant(cluster, admin, request, { env: fx.env });
      }
      expect(plan.problems).toEqual([]);
      await asAdmin(fx, c.admin, c.cluster);
      const r = await sh(fx, plan.commands[0]!);
      expect(r.code, `${plan.commands[0]}\n${r.stderr}`).toBe(0);
      expect(await awsAuthData(fx)).toEqual(plan.after);
      expect((await fx.kubectlGetSvc(c.refused, c.cluster, 'us-east-1')).outcome).toBe('ok');
    });
  }
});
