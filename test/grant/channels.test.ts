// The grant wizard's channels on real scenarios: options, preview, apply with the verification step (re-probe and
// the real kubectl get svc through the user's kubeconfig), restore, the creator — and clear refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/app-context.js';
import { dispatch } from '../../electron/dispatch.js';
import type { CreatorView, GrantApplyResult, GrantOptionsView, GrantPlanView, VerificationView } from '../../shared/wizard-types.js';
import { tempAwsHome } from '../app/support.js';
import { cleanEnv, run } from '../helpers/run.js';
import { openChannelWorld, type ChannelWorld } from './channel-world.js';

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/analytics';

describe('grant channels: validation without a sandbox', () => {
  const { env } = tempAwsHome({ config: '[profile dev]\nregion = us-east-1\n' });
  const app = createAppContext({ env, mode: 'cli' });
  const call = (name: string, req: unknown) => dispatch(app.handlers, name, req);

  it('names the offending field', async () => {
    expect(await call('grant.plan', { profile: 'dev', clusterArn: ARN, fixId: 'Map Identity', adminProfile: 'a' })).toMatchObject({
      ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringContaining('fixId: fixId must be a fix id') },
    });
    expect(await call('grant.plan', { profile: 'dev', clusterArn: ARN, fixId: 'map-identity', adminProfile: 'a', groups: ['two words'] })).toMatchObject({
      ok: false, error: { message: expect.stringContaining('groups.0: a group name has no spaces') },
    });
    expect(await call('grant.plan', { profile: 'dev', clusterArn: ARN, fixId: 'map-identity', adminProfile: 'a', policy: 'AdministratorAccess' })).toMatchObject({
      ok: false, error: { message: expect.stringContaining('policy must be one of the four EKS access policies') },
    });
    expect(await call('grant.plan', { profile: 'dev', clusterArn: ARN, fixId: 'map-identity', adminProfile: 'a', namespaces: ['Bad_NS'] })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call('grant.options', { profile: 'dev', clusterArn: ARN, fixId: 'map-identity', extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('answers unknown plan and backup ids clearly', async () => {
    expect(await call('grant.apply', { planId: 'abcdefghijkl' })).toEqual({ ok: false, error: { code: 'UNKNOWN_PLAN', message: 'This preview is no longer available — make a new preview' } });
    expect(await call('grant.restore', { backupId: 'abcdefghijkl' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_BACKUP' } });
  });
});

describe('not the creator: tom gets mapped in aws-auth by priya (unmapped-user)', () => {
  let w: ChannelWorld;
  let clusterArn: string;
  const cell = () => ({ profile: 'tom', clusterArn });

  beforeAll(async () => {
    w = await openChannelWorld('unmapped-user');
    clusterArn = w.clusterArn('analytics');
    await w.call('diagnosis.run', cell());
  }, 120_000);
  afterAll(() => w?.close());

  it('the creator is priya, one of the profiles, and not tom', async () => {
    const c = await w.call<CreatorView>('creator.find', cell());
    expect(c.creatorArn).toBe('arn:aws:iam::111122223333:user/priya');
    expect(c.isThisIdentity).toBe(false);
    expect(c.profiles.map((p) => p.profile)).toEqual(['priya']);
    expect(c.sources.find((s) => s.found)?.source).toBe('cloudtrail');
    for (const s of c.sources) expect(s.command).toMatch(/^aws /);
  });

  it('offers priya as the writer and system:masters only with a warning', async () => {
    const o = await w.call<GrantOptionsView>('grant.options', { ...cell(), fixId: 'map-identity' });
    expect(o.family).toBe('aws-auth');
    expect(o.principalArn).toBe('arn:aws:iam::111122223333:user/tom');
    expect(o.admins[0]).toMatchObject({ profile: 'priya', outcome: 'ADMIN' });
    expect(o.admins.map((a) => a.profile)).not.toContain('tom');
    // Narrowest first: the read-only group the grant binds to ClusterRole view itself.
    expect(o.groups[0]).toMatchObject({ group: 'eks-access-doctor:view' });
    expect(o.groups[0]!.warning).toBeUndefined();
    const masters = o.groups.find((g) => g.group === 'system:masters');
    expect(masters?.warning).toMatch(/no rule on the cluster can take any of it back/);
    expect(o.groups.map((g) => g.group)).not.toContain('system:nodes');
    expect((await w.fail('grant.options', { ...cell(), fixId: 'update-kubeconfig' })).code).toMatch(/NOT_A_GRANT|FIX_NOT_APPLICABLE/);
  });

  it('a writer that cannot read aws-auth gets a clear refusal, nothing written', async () => {
    const e = await w.fail('grant.plan', { ...cell(), fixId: 'map-identity', adminProfile: 'tom', groups: ['system:masters'] });
    expect(e.code).toBe('PLAN_FAILED');
    expect(e.message).toMatch(/^The preview could not be made as tom: /);
    expect(e.message).not.toMatch(/\n|at .*\.ts/);
  });

  it('preview → apply → verified by the probe and the real kubectl → restore puts it back', async () => {
    const since = Date.now();
    const plan = await w.call<GrantPlanView>('grant.plan', { ...cell(), fixId: 'map-identity', adminProfile: 'priya', groups: ['system:masters'] });
    expect(plan.writerProfile).toBe('priya');
    expect(plan.problems).toEqual([]);
    expect(plan.diff).toContain('userarn: arn:aws:iam::111122223333:user/tom');
    expect(plan.warnings.join(' ')).toMatch(/system:masters/);
    // kubectl first (everyone who reaches the cluster has it), eksctl only as the alternative for those who have it.
    expect(plan.commands[0]).toMatch(/^kubectl patch configmap aws-auth -n kube-system --context arn:aws:eks:us-east-1:111122223333:cluster\/analytics --type merge -p /);
    expect(plan.commands[1]).toMatch(/^eksctl create iamidentitymapping --cluster analytics --region us-east-1 --profile priya --arn arn:aws:iam::111122223333:user\/tom .*# the same, if you have eksctl$/);

    const done = await w.call<GrantApplyResult>('grant.apply', { planId: plan.planId });
    expect(done.failure).toBeUndefined();
    expect(done.steps.every((s) => s.ok)).toBe(true);
    expect(done.backupId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(done.backupPath).toMatch(/\/backups\/analytics-us-east-1-.*\.json$/);
    // The id is the backup record's, the one `restore --backup ID` takes in any later run.
    expect(done.backupPath!.endsWith(`/${done.backupId}.json`)).toBe(true);
    expect(done.steps[0]!.message).not.toContain('****');
    expect(done.verification).toMatchObject({ profile: 'tom', outcome: 'ADMIN', username: 'tom', ok: true });
    expect(done.verification.kubectl?.exitCode).toBe(0);
    expect(done.verification.kubectl?.command).toBe(`kubectl get svc --context ${clusterArn} --request-timeout=40s`);
    expect(done.verification.kubectl?.stdout).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP/);
    const lines = await w.authenticatorLines('priya', 'analytics', 'us-east-1', since - 1000);
    expect(lines.some((l) => l.includes('access granted') && l.includes('arn="arn:aws:iam::111122223333:user/tom"'))).toBe(true);
    expect((await w.fail('grant.apply', { planId: plan.planId })).code).toBe('UNKNOWN_PLAN');

    const restored = await w.call<{ message: string }>('grant.restore', { backupId: done.backupId });
    expect(restored.message).toMatch(/aws-auth is back as it was/);
    const after = await w.call<VerificationView>('cell.verify', cell());
    expect(after).toMatchObject({ outcome: 'UNAUTHORIZED', ok: false });
    expect(after.kubectl?.exitCode).not.toBe(0);
    expect(after.kubectl?.stderr).toMatch(/You must be logged in to the server \(Unauthorized\)/);
  }, 180_000);

  it('an edit someone makes between the preview and the grant is merged, and restore keeps it (and removes the view binding the grant made)', async () => {
    const env = cleanEnv(w.sb.env);
    const asPriya = ['--context', 'priya'];
    expect((await run('aws', ['eks', 'update-kubeconfig', '--name', 'analytics', '--region', 'us-east-1', '--profile', 'priya', '--alias', 'priya'], env)).code).toBe(0);
    const plan = await w.call<GrantPlanView>('grant.plan', { ...cell(), fixId: 'map-identity', adminProfile: 'priya', groups: ['eks-access-doctor:view'] });
    const patched = await run('kubectl', [...asPriya, 'patch', 'configmap', 'aws-auth', '-n', 'kube-system', '--type', 'merge', '-p', '{"data":{"note":"edited by a colleague"}}'], env);
    expect(patched.code, patched.stderr).toBe(0);
    const done = await w.call<GrantApplyResult>('grant.apply', { planId: plan.planId });
    expect(done.steps.map((s) => s.message)).toEqual(['created', expect.stringMatching(/together with a change someone else made at the same time/)]);
    const read = async () => JSON.parse((await run('kubectl', [...asPriya, 'get', 'configmap', 'aws-auth', '-n', 'kube-system', '-o', 'json'], env)).stdout).data as Record<string, string>;
    const merged = await read();
    expect(merged.note).toBe('edited by a colleague');
    expect(merged.mapUsers).toContain('userarn: arn:aws:iam::111122223333:user/tom');
    const undone = await w.call<{ message: string }>('grant.restore', { backupId: done.backupId });
    expect(undone.message).toMatch(/; ClusterRoleBinding eks-access-doctor-view deleted$/);
    const restored = await read();
    expect(restored.note).toBe('edited by a colleague');
    expect(restored.mapUsers).not.toContain('user/tom');
    const binding = await run('kubectl', [...asPriya, 'get', 'clusterrolebinding', 'eks-access-doctor-view'], env);
    expect(binding.stderr).toContain('"eks-access-doctor-view" not found');
  }, 180_000);
});

describe('access entry on a CONFIG_MAP cluster: the one-way switch only with consent (unmapped-user)', () => {
  let w: ChannelWorld;
  beforeAll(async () => {
    w = await openChannelWorld('unmapped-user');
  }, 120_000);
  afterAll(() => w?.close());

  it('the preview also comes whole, as `fix` prints it: its text, its data, the default access, the refusals naming the flags', async () => {
    const req = { profile: 'tom', clusterArn: w.clusterArn('analytics'), fixId: 'create-access-entry' };
    await w.call('diagnosis.run', { profile: req.profile, clusterArn: req.clusterArn });
    const view = await w.call<GrantPlanView>('grant.plan', { ...req, adminProfile: 'priya' });
    expect(view.defaultAccess).toMatch(/^no access was chosen, so the narrowest that lets `kubectl get svc` work: AmazonEKSViewPolicy/);
    expect(view.previewText).toContain(`Access: ${view.defaultAccess}`);
    expect(view.flagProblems.join(' ')).toMatch(/re-run with --switch-mode to agree/);
    expect(view.problems.join(' ')).not.toContain('--switch-mode');
    expect(view.preview).toMatchObject({ problems: view.flagProblems });
    // The refusal a flag lifts says so as data, not only in its words: `fix` exits 2 on it.
    expect(view.flagLifted).toEqual(view.flagProblems.filter((p) => p.includes('--switch-mode')));
    expect(view.flagLifted).toHaveLength(1);
  }, 120_000);

  it('explains the switch, refuses without consent, switches and grants with it', async () => {
    const req = { profile: 'tom', clusterArn: w.clusterArn('analytics'), fixId: 'create-access-entry' };
    await w.call('diagnosis.run', { profile: req.profile, clusterArn: req.clusterArn });
    const o = await w.call<GrantOptionsView>('grant.options', req);
    expect(o.modeSwitch).toMatchObject({ needed: true, explanation: expect.stringContaining('one-way') });
    const refused = await w.call<GrantPlanView>('grant.plan', { ...req, adminProfile: 'priya', policy: 'AmazonEKSViewPolicy' });
    expect(refused.problems.join(' ')).toMatch(/tick "Switch the cluster to API_AND_CONFIG_MAP" to agree/);
    expect((await w.fail('grant.apply', { planId: refused.planId })).code).toBe('GRANT_REFUSED');
    expect(w.sb.world.clusters[0]!.authenticationMode).toBe('CONFIG_MAP');
    const plan = await w.call<GrantPlanView>('grant.plan', { ...req, adminProfile: 'priya', policy: 'AmazonEKSViewPolicy', switchMode: true });
    expect(plan.problems).toEqual([]);
    expect(plan.commands[0]).toMatch(/^aws eks update-cluster-config --name analytics --access-config authenticationMode=API_AND_CONFIG_MAP/);
    const done = await w.call<GrantApplyResult>('grant.apply', { planId: plan.planId });
    expect(done.steps.map((s) => s.ok)).toEqual([true, true, true]);
    expect(w.sb.world.clusters[0]!.authenticationMode).toBe('API_AND_CONFIG_MAP');
    expect(done.verification).toMatchObject({ outcome: 'ACCESS', ok: true });
  }, 180_000);
});

describe('access entry with a namespace scope (api-mode-ignores-aws-auth)', () => {
  let w: ChannelWorld;
  beforeAll(async () => {
    w = await openChannelWorld('api-mode-ignores-aws-auth');
  }, 120_000);
  afterAll(() => w?.close());

  it('offers the policies narrowest first, grants view in default, and verifies', async () => {
    const clusterArn = w.clusterArn('inventory');
    const profile = 'developer';
    await w.call('diagnosis.run', { profile, clusterArn });
    const o = await w.call<GrantOptionsView>('grant.options', { profile, clusterArn, fixId: 'create-access-entry' });
    expect(o.family).toBe('access-entry');
    expect(o.policies.map((p) => p.name)).toEqual(['AmazonEKSViewPolicy', 'AmazonEKSEditPolicy', 'AmazonEKSAdminPolicy', 'AmazonEKSClusterAdminPolicy']);
    expect(o.modeSwitch?.needed).toBe(false);
    // The refused identity itself is listed only as unable to grant, in plain words; an API cluster has no aws-auth.
    expect(o.admins.find((a) => a.profile === profile)).toMatchObject({ outcome: 'UNAUTHORIZED', cannotGrant: 'developer cannot sign in to this cluster, so it cannot grant access' });
    expect(o.admins.map((a) => a.why).join(' ')).not.toMatch(/aws-auth/);
    const admin = o.admins[0]!.profile;
    const plan = await w.call<GrantPlanView>('grant.plan', { profile, clusterArn, fixId: 'create-access-entry', adminProfile: admin, policy: 'AmazonEKSViewPolicy', namespaces: ['default'] });
    expect(plan.problems).toEqual([]);
    expect(plan.commands.join('\n')).toMatch(/aws eks associate-access-policy .*--access-scope type=namespace,namespaces=default/);
    const done = await w.call<GrantApplyResult>('grant.apply', { planId: plan.planId });
    expect(done.steps.map((s) => s.ok)).toEqual(done.steps.map(() => true));
    expect(done.verification.outcome).toBe('ACCESS');
    expect(done.verification.kubectl?.exitCode).toBe(0);
    expect(done.verification.ok).toBe(true);
  }, 180_000);
});
