// Granting access through aws-auth, per scenario, with the admin's credentials; proved by the real kubectl as the
// identity that was refused and by the authenticator log saying "access granted" for it.
import { afterEach, describe, expect, it } from 'vitest';
import { applyAwsAuthPlan } from '../../electron/authmap/aws-auth-apply.js';
import { planAwsAuthGrant, type AwsAuthGrantRequest } from '../../electron/authmap/aws-auth-plan.js';
import { canonicalArnOf } from '../../shared/arn.js';
import { readAwsAuth } from '../../electron/authmap/aws-auth-read.js';
import type { FixCandidate } from '../../electron/authmap/candidates.js';
import { planView } from '../../electron/authmap/plan-view.js';
import { verifyGrant } from '../../electron/authmap/verify.js';
import { grantedLine, openScenario, type Fixture } from './sandbox-fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.sb.stop();
  fx = undefined;
});

interface Case {
  scenario: string;
  cluster: string;
  region: string;
  admin: string;
  refused: string;
  /** Which existing entry to fix in place (by its problem), if any. */
  fix?: FixCandidate['problem'];
  request?: Partial<AwsAuthGrantRequest>;
  before: 'unauthorized' | 'forbidden';
}

const CASES: Case[] = [
  { scenario: 'unmapped-user', cluster: 'analytics', region: 'us-east-1', admin: 'priya', refused: 'tom', before: 'unauthorized' },
  { scenario: 'role-mapped-with-path', cluster: 'logistics', region: 'us-east-1', admin: 'jordan', refused: 'eks-admin', fix: 'path', before: 'unauthorized' },
  { scenario: 'sso-role-mapped-with-path', cluster: 'storefront', region: 'us-east-1', admin: 'owner', refused: 'sso-dev', fix: 'path', before: 'unauthorized' },
  { scenario: 'session-arn-mapped', cluster: 'delivery', region: 'us-west-2', admin: 'release-admin', refused: 'deployer', fix: 'session-arn', before: 'unauthorized' },
  { scenario: 'mapping-near-miss', cluster: 'checkout-prod', region: 'us-east-1', admin: 'ops-lead', refused: 'developer', fix: 'other-account', before: 'unauthorized' },
  { scenario: 'mapping-near-miss', cluster: 'checkout-prod', region: 'us-east-1', admin: 'ops-lead', refused: 'jsmith', fix: 'near-miss', before: 'unauthorized' },
  { scenario: 'aws-auth-invalid', cluster: 'search', region: 'us-east-1', admin: 'infra-admin', refused: 'sre', request: { invalidItems: 'repair' }, before: 'unauthorized' },
  { scenario: 'rbac-forbidden', cluster: 'mobile-api', region: 'ap-northeast-2', admin: 'k8s-admin', refused: 'minjun', fix: 'same-arn', before: 'forbidden' },
];

describe('aws-auth grants against the sandbox', () => {
  for (const c of CASES) {
    it(`${c.scenario}: ${c.admin} grants ${c.refused}${c.fix ? ` (fixing the ${c.fix} entry in place)` : ''}`, async () => {
      fx = await openScenario(c.scenario);
      expect((await fx.kubectlGetSvc(c.refused, c.cluster, c.region)).outcome).toBe(c.before);
      const admin = await fx.writer(c.admin);
      const cluster = await fx.cluster(c.cluster, c.region, admin);
      const identityArn = await fx.identityArn(c.refused, c.region);
      const groups = ['system:masters'];

      let request: AwsAuthGrantRequest = { identityArn, groups, ...c.request };
      let plan = await planAwsAuthGrant(cluster, admin, request, { env: fx.env });
      expect(plan.writer.source).toBe('creator-or-access-entry');
      expect(plan.warnings.join(' ')).toMatch(/system:masters gives unrestricted admin rights/);
      if (c.fix) {
        const candidate = plan.candidates.find((x) => x.problem === c.fix);
        expect(candidate, JSON.stringify(plan.candidates)).toBeDefined();
        if (c.fix !== 'same-arn') expect(plan.warnings.join(' ')).toContain(candidate!.arn);
        request = { ...request, fixEntry: { key: candidate!.key, index: candidate!.index, arn: candidate!.arn } };
        plan = await planAwsAuthGrant(cluster, admin, request, { env: fx.env });
        expect(plan.change).toBe('fixed');
        // In place: as many items as before, the wrong ARN gone (unless only groups changed).
        const count = (d: Record<string, string>) => readAwsAuth(d).items.filter((i) => i.key === candidate!.key).length;
        expect(count(plan.after)).toBe(count(plan.before));
        if (c.fix !== 'same-arn') expect(plan.after[candidate!.key]).not.toContain(candidate!.arn);
      } else if (!c.request?.invalidItems) {
        expect(plan.change).toBe('added');
      }
      expect(plan.problems).toEqual([]);
      expect(plan.target.arn).toBe(canonicalArnOf(identityArn).replace(/role\/.*\/([^/]+)$/, 'role/$1'));
      expect(plan.diff).toMatch(/^--- a\/data\.map(Roles|Users)\n\+\+\+ b\/data\.map(Roles|Users)\n@@ /);
      expect(plan.dataYamlAfter).toContain(plan.target.arn);
      expect(plan.commands[plan.commands.length - 1]).toContain(`eksctl create iamidentitymapping --cluster ${c.cluster} --region ${c.region} --profile ${c.admin} --arn ${plan.target.arn}`);
      expect(JSON.stringify(planView(plan))).not.toContain(admin.credentials.secretAccessKey);

      const since = fx.sb.world.now();
      const result = await applyAwsAuthPlan(plan, cluster, admin, { env: fx.env, backups: fx.backups });
      expect(result.problems).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.attempts).toBe(1);

      const refused = await fx.writer(c.refused);
      const cell = await verifyGrant(cluster, refused, fx.env);
      expect(cell.outcome, cell.message).toBe('ADMIN');
      const kubectl = await fx.kubectlGetSvc(c.refused, c.cluster, c.region);
      expect(kubectl.outcome, kubectl.stderr).toBe('ok');
      const lines = await fx.authenticatorLines(c.admin, c.cluster, c.region, since);
      expect(grantedLine(lines, plan.target.arn), lines.join('\n')).toBeDefined();
    });
  }

  it('an identical mapping already present is a no-op plan', async () => {
    fx = await openScenario('unmapped-user');
    const admin = await fx.writer('priya');
    const cluster = await fx.cluster('analytics', 'us-east-1', admin);
    const plan = await planAwsAuthGrant(cluster, admin, { identityArn: 'arn:aws:iam::111122223333:user/sara', username: 'sara', groups: ['system:masters'] }, { env: fx.env });
    expect(plan.noop).toBe(true);
    expect(plan.diff).toBe('');
    const rv = fx.sb.world.clusters[0]!.configMaps.get('kube-system/aws-auth')!.resourceVersion;
    const result = await applyAwsAuthPlan(plan, cluster, admin, { env: fx.env, backups: fx.backups });
    expect(result).toMatchObject({ ok: true, unchanged: true, attempts: 0 });
    expect(fx.sb.world.clusters[0]!.configMaps.get('kube-system/aws-auth')!.resourceVersion).toBe(rv);
  });
});
