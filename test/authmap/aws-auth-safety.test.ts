// aws-auth safety against the sandbox: a concurrent edit is merged (409 → re-read → re-apply), the lockout guard,
// restore, untouched keys kept byte for byte, malformed items fixed only with consent, aws-auth created if absent.
import { afterEach, describe, expect, it } from 'vitest';
import { applyAwsAuthPlan } from '../../electron/authmap/aws-auth-apply.js';
import { planAwsAuthGrant } from '../../electron/authmap/aws-auth-plan.js';
import { readAwsAuth } from '../../electron/authmap/aws-auth-read.js';
import { restoreAwsAuth } from '../../electron/authmap/aws-auth-restore.js';
import { loadScenarioFile } from '../../sandbox/index.js';
import { run } from '../helpers/run.js';
import { openScenario, type Fixture } from './sandbox-fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.sb.stop();
  fx = undefined;
});

const awsAuthOf = (f: Fixture) => f.sb.world.clusters[0]!.configMaps.get('kube-system/aws-auth');
const TOM = 'arn:aws:iam::111122223333:user/tom';

async function analytics(f: Fixture, profile = 'priya') {
  const writer = await f.writer(profile);
  return { writer, cluster: await f.cluster('analytics', 'us-east-1', writer) };
}

describe('aws-auth safety', () => {
  it('a concurrent edit made between read and write (with kubectl) is merged, not lost', async () => {
    fx = await openScenario('unmapped-user');
    const { writer, cluster } = await analytics(fx);
    const plan = await planAwsAuthGrant(cluster, writer, { identityArn: TOM, groups: ['analysts'] }, { env: fx.env });
    expect(plan.problems).toEqual([]);
    const ci = '- userarn: arn:aws:iam::111122223333:user/ci\n  username: ci\n  groups:\n    - ci\n';
    const up = await run('aws', ['eks', 'update-kubeconfig', '--name', 'analytics', '--region', 'us-east-1', '--profile', 'priya'], fx.env);
    expect(up.code, up.stderr).toBe(0);
    let hookCalls = 0;
    const result = await applyAwsAuthPlan(plan, cluster, writer, {
      env: fx.env,
      backups: fx.backups,
      beforeWrite: async (attempt) => {
        hookCalls++;
        if (attempt !== 1) return;
        const patch = JSON.stringify({ data: { mapUsers: plan.before.mapUsers + ci } });
        const r = await run('kubectl', ['patch', 'configmap', 'aws-auth', '-n', 'kube-system', '--type', 'merge', '-p', patch], fx!.env);
        expect(r.code, r.stderr).toBe(0);
      },
    });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, attempts: 2, merged: true });
    expect(hookCalls).toBe(2);
    const users = awsAuthOf(fx)!.data.mapUsers!;
    expect(users).toContain('user/sara');
    expect(users).toContain(ci);
    expect(users).toContain(`- userarn: ${TOM}\n  username: tom\n  groups:\n    - analysts\n`);
    expect(awsAuthOf(fx)!.resourceVersion).toBe(result.resourceVersion);
    // The backup is of what our write replaced: the concurrent edit included.
    const backup = await fx.backups.load(result.backupId!);
    expect(backup.previous.data.mapUsers).toContain(ci);
  });

  it('after a 409 the edit is re-applied to the new data, and refused when it no longer applies', async () => {
    fx = await openScenario('role-mapped-with-path');
    const writer = await fx.writer('jordan');
    const cluster = await fx.cluster('logistics', 'us-east-1', writer);
    const identityArn = await fx.identityArn('eks-admin', 'us-east-1');
    const wrong = 'arn:aws:iam::111122223333:role/platform/EKSAdmin';
    const plan = await planAwsAuthGrant(cluster, writer, { identityArn, groups: ['system:masters'], fixEntry: { key: 'mapRoles', index: 1, arn: wrong } }, { env: fx.env });
    expect(plan.problems).toEqual([]);
    const up = await run('aws', ['eks', 'update-kubeconfig', '--name', 'logistics', '--region', 'us-east-1', '--profile', 'jordan'], fx.env);
    expect(up.code, up.stderr).toBe(0);
    const onlyNodes = plan.before.mapRoles!.slice(0, plan.before.mapRoles!.indexOf(`- rolearn: ${wrong}`));
    const result = await applyAwsAuthPlan(plan, cluster, writer, {
      env: fx.env,
      backups: fx.backups,
      beforeWrite: async (attempt) => {
        if (attempt !== 1) return;
        // Someone removes the entry we were about to fix.
        const r = await run('kubectl', ['patch', 'configmap', 'aws-auth', '-n', 'kube-system', '--type', 'merge', '-p', JSON.stringify({ data: { mapRoles: onlyNodes } })], fx!.env);
        expect(r.code, r.stderr).toBe(0);
      },
    });
    expect(result.ok).toBe(false);
    expect(result.merged).toBe(true);
    expect(result.problems[0]).toMatch(/changed by someone else.*no longer in mapRoles/);
    expect(awsAuthOf(fx)!.data.mapRoles).toBe(onlyNodes);
    expect(await fx.backups.list()).toEqual([]);
  });

  it('a write that would remove the writer\'s own mapping is refused with a clear message', async () => {
    const scenario = loadScenarioFile('sandbox/scenarios/unmapped-user.yaml');
    scenario.profiles.push({ name: 'sara', user: 'sara', region: 'us-east-1' } as never);
    fx = await openScenario(scenario);
    const { writer, cluster } = await analytics(fx, 'sara');
    const before = { ...awsAuthOf(fx)!.data };
    const rv = awsAuthOf(fx)!.resourceVersion;
    // Picking sara's own entry as "the entry to fix" would turn it into tom's.
    const plan = await planAwsAuthGrant(
      cluster,
      writer,
      { identityArn: TOM, groups: ['system:masters'], fixEntry: { key: 'mapUsers', index: 0, arn: 'arn:aws:iam::111122223333:user/sara' } },
      { env: fx.env },
    );
    expect(plan.writer).toMatchObject({ canonicalArn: 'arn:aws:iam::111122223333:user/sara', source: 'aws-auth', username: 'sara' });
    expect(plan.problems.join('\n')).toMatch(/refused: after this change you \(arn:aws:iam::111122223333:user\/sara\) would lose your own access/);
    const result = await applyAwsAuthPlan(plan, cluster, writer, { env: fx.env, backups: fx.backups });
    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(0);
    expect(awsAuthOf(fx)!.data).toEqual(before);
    expect(awsAuthOf(fx)!.resourceVersion).toBe(rv);
    expect(await fx.backups.list()).toEqual([]);

    // Adding tom (sara's entry untouched) is fine.
    const ok = await planAwsAuthGrant(cluster, writer, { identityArn: TOM, groups: ['system:masters'] }, { env: fx.env });
    expect(ok.problems).toEqual([]);
    expect((await applyAwsAuthPlan(ok, cluster, writer, { env: fx.env, backups: fx.backups })).ok).toBe(true);
  });

  it('restore returns the exact previous data, and refuses when aws-auth changed since, unless forced', async () => {
    fx = await openScenario('unmapped-user');
    const { writer, cluster } = await analytics(fx);
    const original = { ...awsAuthOf(fx)!.data };
    const plan = await planAwsAuthGrant(cluster, writer, { identityArn: TOM, groups: ['system:masters'] }, { env: fx.env });
    const applied = await applyAwsAuthPlan(plan, cluster, writer, { env: fx.env, backups: fx.backups });
    expect(applied.ok).toBe(true);
    expect(awsAuthOf(fx)!.data).not.toEqual(original);
    const backups = await fx.backups.list(cluster.arn);
    expect(backups.map((b) => b.id)).toEqual([applied.backupId]);
    expect(backups[0]).toMatchObject({ cluster: { name: 'analytics', region: 'us-east-1', arn: cluster.arn }, previous: { existed: true, data: original } });

    const restored = await restoreAwsAuth(applied.backupId!, cluster, writer, { env: fx.env, backups: fx.backups });
    expect(restored.problems).toEqual([]);
    expect(awsAuthOf(fx)!.data).toEqual(original);
    expect(JSON.stringify(awsAuthOf(fx)!.data)).toBe(JSON.stringify(original));

    // Grant again, then someone else changes aws-auth: restoring would undo their change too.
    const again = await applyAwsAuthPlan(await planAwsAuthGrant(cluster, writer, { identityArn: TOM, groups: ['system:masters'] }, { env: fx.env }), cluster, writer, { env: fx.env, backups: fx.backups });
    expect(again.ok).toBe(true);
    const up = await run('aws', ['eks', 'update-kubeconfig', '--name', 'analytics', '--region', 'us-east-1', '--profile', 'priya'], fx.env);
    expect(up.code).toBe(0);
    const patched = await run('kubectl', ['patch', 'configmap', 'aws-auth', '-n', 'kube-system', '--type', 'merge', '-p', '{"data":{"note":"changed by hand"}}'], fx.env);
    expect(patched.code, patched.stderr).toBe(0);
    const refused = await restoreAwsAuth(again.backupId!, cluster, writer, { env: fx.env, backups: fx.backups });
    expect(refused.ok).toBe(false);
    expect(refused.problems[0]).toMatch(/changed after our write/);
    expect(awsAuthOf(fx)!.data.note).toBe('changed by hand');
    const forced = await restoreAwsAuth(again.backupId!, cluster, writer, { env: fx.env, backups: fx.backups }, { force: true });
    expect(forced.ok).toBe(true);
    expect(awsAuthOf(fx)!.data).toEqual(original);
  });

  it('keys not edited (mapAccounts, unknown keys) are kept byte for byte, comments in the edited key too', async () => {
    fx = await openScenario('unmapped-user');
    const cm = awsAuthOf(fx)!;
    const odd = {
      mapUsers: '# people\n- userarn: arn:aws:iam::111122223333:user/sara   # on call\n  username: sara\n  groups: [system:masters]\n',
      mapAccounts: '   - "444455556666"   # staging\n\n',
      mapRoles: cm.data.mapRoles!,
      'x-team.notes': 'free text\n\twith a tab  \n',
    };
    cm.data = odd;
    cm.resourceVersion = fx.sb.world.nextResourceVersion();
    const { writer, cluster } = await analytics(fx);
    const plan = await planAwsAuthGrant(cluster, writer, { identityArn: TOM, groups: ['analysts'] }, { env: fx.env });
    expect(plan.problems).toEqual([]);
    expect(plan.diff.startsWith('--- a/data.mapUsers\n')).toBe(true);
    expect(plan.diff).not.toContain('data.mapAccounts');
    const result = await applyAwsAuthPlan(plan, cluster, writer, { env: fx.env, backups: fx.backups });
    expect(result.ok).toBe(true);
    const now = awsAuthOf(fx)!.data;
    expect(now.mapAccounts).toBe(odd.mapAccounts);
    expect(now['x-team.notes']).toBe(odd['x-team.notes']);
    expect(now.mapRoles).toBe(odd.mapRoles);
    expect(now.mapUsers!.startsWith(odd.mapUsers)).toBe(true);
    expect(now.mapUsers).toContain('# on call');
  });

  it('malformed aws-auth: the key and its bad item are reported with the reason, and fixed only with consent', async () => {
    fx = await openScenario('aws-auth-invalid');
    const writer = await fx.writer('infra-admin');
    const cluster = await fx.cluster('search', 'us-east-1', writer);
    const before = { ...awsAuthOf(fx)!.data };
    const identityArn = await fx.identityArn('sre', 'us-east-1');
    const plan = await planAwsAuthGrant(cluster, writer, { identityArn, groups: ['system:masters'] }, { env: fx.env });
    expect(plan.badItems).toEqual([{ key: 'mapRoles', index: 1, reason: 'groups must be a list of strings', raw: { rolearn: 'arn:aws:iam::111122223333:role/SRE', username: 'sre:{{SessionName}}', groups: 'system:masters' } }]);
    expect(plan.malformedKeys).toEqual([{ key: 'mapRoles', reason: 'does not decode (item #2: groups must be a list of strings)', line: 6 }]);
    expect(plan.problems.join('\n')).toContain('mapRoles does not decode (item #2: groups must be a list of strings), so the authenticator ignores every entry in it; the app repairs it only with your consent: re-run with --repair-invalid');
    expect({ noop: plan.noop, diff: plan.diff }).toEqual({ noop: false, diff: '' });
    const refused = await applyAwsAuthPlan(plan, cluster, writer, { env: fx.env, backups: fx.backups });
    expect(refused.ok).toBe(false);
    expect(awsAuthOf(fx)!.data).toEqual(before);

    const dropPlan = await planAwsAuthGrant(cluster, writer, { identityArn, groups: ['system:masters'], invalidItems: 'drop' }, { env: fx.env });
    expect(dropPlan.problems).toEqual([]);
    expect(dropPlan.notes.join('\n')).toContain('mapRoles[1] dropped (groups must be a list of strings)');
    expect(dropPlan.change).toBe('added');

    const repairPlan = await planAwsAuthGrant(cluster, writer, { identityArn, groups: ['system:masters'], invalidItems: 'repair' }, { env: fx.env });
    expect(repairPlan.problems).toEqual([]);
    expect(repairPlan.target.username).toBe('sre:{{SessionName}}');
    expect(repairPlan.diff).toContain('-  groups: system:masters\n+  groups: [system:masters]\n');
    expect((await applyAwsAuthPlan(repairPlan, cluster, writer, { env: fx.env, backups: fx.backups })).ok).toBe(true);
  });

  it('a key that is not YAML: refused without consent (no "already there"), salvaged with it, the original kept in the backup', async () => {
    fx = await openScenario('aws-auth-not-yaml');
    const writer = await fx.writer('infra-admin');
    const cluster = await fx.cluster('ledger', 'us-east-1', writer);
    const original = { ...awsAuthOf(fx)!.data };
    const identityArn = await fx.identityArn('sre', 'us-east-1');
    const refused = await planAwsAuthGrant(cluster, writer, { identityArn, groups: ['system:masters'] }, { env: fx.env });
    expect(refused.noop).toBe(false);
    expect(refused.problems[0]).toMatch(/^mapRoles is not valid YAML at line 8, column 26: .*; the app repairs it only with your consent/);

    const plan = await planAwsAuthGrant(cluster, writer, { identityArn, groups: ['system:masters'], invalidItems: 'repair' }, { env: fx.env });
    expect(plan.problems).toEqual([]);
    expect(plan.lostItems).toEqual([expect.objectContaining({ fromLine: 6, toLine: 8, arn: 'arn:aws:iam::111122223333:role/SRE', username: 'sre:{{SessionName}}', groups: ['system:masters'] })]);
    expect(plan.target.username).toBe('sre:{{SessionName}}');
    expect(plan.after.mapUsers).toBe(original.mapUsers);
    expect(plan.after.mapRoles!.startsWith(original.mapRoles!.split('- rolearn: arn:aws:iam::111122223333:role/SRE')[0]!)).toBe(true);
    const applied = await applyAwsAuthPlan(plan, cluster, writer, { env: fx.env, backups: fx.backups });
    expect(applied.ok).toBe(true);
    expect(readAwsAuth(awsAuthOf(fx)!.data).malformed).toEqual([]);

    const backups = await fx.backups.list(cluster.arn);
    expect(backups.find((b) => b.id === applied.backupId)).toMatchObject({ previous: { existed: true, data: original } });
    // Going back would bring back the broken key, and with it an aws-auth with no admin left: the lockout guard says so.
    const restored = await restoreAwsAuth(applied.backupId!, cluster, writer, { env: fx.env, backups: fx.backups });
    expect(restored.problems).toEqual(['refused: this change removes the last system:masters mapping(s) (arn:aws:iam::111122223333:role/SRE); the cluster would have no admin in aws-auth']);
    expect(readAwsAuth(awsAuthOf(fx)!.data).malformed).toEqual([]);
  });

  it('a writer profile that cannot sign in gets a clear error, not a plan', async () => {
    fx = await openScenario('unmapped-user');
    const tom = await fx.writer('tom');
    const cluster = await fx.cluster('analytics', 'us-east-1', tom);
    await expect(planAwsAuthGrant(cluster, tom, { identityArn: TOM, groups: ['x'] }, { env: fx.env })).rejects.toThrow(
      'profile "tom" cannot sign in to analytics (401 Unauthorized): choose an admin profile that reaches the cluster',
    );
  });

  it('aws-auth absent on a CONFIG_MAP cluster: it is created, and the grant works', async () => {
    const scenario = loadScenarioFile('sandbox/scenarios/unmapped-user.yaml');
    delete (scenario.clusters[0] as { awsAuth?: unknown }).awsAuth;
    fx = await openScenario(scenario);
    expect(awsAuthOf(fx)).toBeUndefined();
    const { writer, cluster } = await analytics(fx);
    const plan = await planAwsAuthGrant(cluster, writer, { identityArn: TOM, groups: ['system:masters'] }, { env: fx.env });
    expect(plan).toMatchObject({ exists: false, change: 'created', problems: [] });
    const result = await applyAwsAuthPlan(plan, cluster, writer, { env: fx.env, backups: fx.backups });
    expect(result.ok).toBe(true);
    expect(awsAuthOf(fx)!.data).toEqual({ mapUsers: `- userarn: ${TOM}\n  username: tom\n  groups:\n    - system:masters\n` });
    expect((await fx.kubectlGetSvc('tom', 'analytics', 'us-east-1')).outcome).toBe('ok');
  });
});
