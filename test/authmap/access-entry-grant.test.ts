// Granting access by access entry (the API modes' route), per scenario, with the admin's credentials; proved by
// the real kubectl as the identity that was refused and by the authenticator log.
import { afterEach, describe, expect, it } from 'vitest';
import { accessEntryExists, applyAccessEntryPlan } from '../../electron/authmap/access-entry-apply.js';
import { planAccessEntryGrant } from '../../electron/authmap/access-entry-plan.js';
import { normaliseForAccessEntry } from '../../electron/authmap/arn.js';
import { loadScenarioFile } from '../../sandbox/index.js';
import { verifyGrant } from '../../electron/authmap/verify.js';
import { grantedLine, openScenario, type Fixture } from './sandbox-fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.sb.stop();
  fx = undefined;
});

const CASES = [
  { scenario: 'unmapped-role', cluster: 'data-lake', region: 'eu-west-1', admin: 'platform-admin', refused: 'data-engineer', before: 'unauthorized', existing: false },
  { scenario: 'api-mode-ignores-aws-auth', cluster: 'inventory', region: 'eu-west-1', admin: 'platform-admin', refused: 'developer', before: 'unauthorized', existing: false },
  { scenario: 'access-entry-no-policy', cluster: 'reporting', region: 'us-east-1', admin: 'eks-admin', refused: 'analyst', before: 'forbidden', existing: true },
] as const;

describe('access-entry grants against the sandbox', () => {
  for (const c of CASES) {
    it(`${c.scenario}: ${c.admin} grants ${c.refused} an access entry with AmazonEKSClusterAdminPolicy`, async () => {
      fx = await openScenario(c.scenario);
      expect((await fx.kubectlGetSvc(c.refused, c.cluster, c.region)).outcome).toBe(c.before);
      const admin = await fx.writer(c.admin);
      const cluster = await fx.cluster(c.cluster, c.region, admin);
      const identityArn = await fx.identityArn(c.refused, c.region);
      expect(identityArn).toMatch(/:assumed-role\//);
      // Asked with the writer's credentials: an existing entry gets no create step (it would fail if run by hand).
      const entryExists = await accessEntryExists(cluster, admin, normaliseForAccessEntry(identityArn).arn, fx.env);
      expect(entryExists).toBe(c.existing);
      const plan = planAccessEntryGrant(cluster, c.admin, { identityArn, policy: 'AmazonEKSClusterAdminPolicy', scope: 'cluster', entryExists });
      expect(plan.problems).toEqual([]);
      expect(plan.principalArn).toBe(normaliseForAccessEntry(identityArn).arn);
      expect(plan.principalArn).toMatch(/^arn:aws:iam::111122223333:role\/[^/]+$/);
      expect(plan.notes.join(' ')).toMatch(/InvalidParameterException/);
      expect(plan.steps.map((s) => s.id)).toEqual(c.existing ? ['associate-policy'] : ['create-entry', 'associate-policy']);
      if (!c.existing) expect(plan.steps[0]!.command).toBe(`aws eks create-access-entry --cluster-name ${c.cluster} --principal-arn ${plan.principalArn} --region ${c.region} --profile ${c.admin}`);
      expect(plan.steps.map((s) => `${s.why} ${s.command}`).join(' ')).not.toMatch(c.existing ? /create-access-entry|If one exists/ : /If one exists|has an access entry already/);
      expect(plan.steps.at(-1)!.command).toContain('--policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy --access-scope type=cluster');

      const since = fx.sb.world.now();
      const result = await applyAccessEntryPlan(plan, cluster, admin, { env: fx.env });
      expect(result.problems).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.steps.map((s) => s.id)).toEqual(plan.steps.map((s) => s.id));
      if (!c.existing) expect(result.steps[0]!.message).toMatch(/created/);
      // The preview said the entry did not exist: one made meanwhile stops the grant instead of being used unseen.
      if (!c.existing) expect((await applyAccessEntryPlan(plan, cluster, admin, { env: fx.env })).problems.join(' ')).toMatch(/^ResourceInUseException: .*after the preview/);

      const cell = await verifyGrant(cluster, await fx.writer(c.refused), fx.env);
      expect(cell.outcome, cell.message).toBe('ADMIN');
      const kubectl = await fx.kubectlGetSvc(c.refused, c.cluster, c.region);
      expect(kubectl.outcome, kubectl.stderr).toBe('ok');
      const lines = await fx.authenticatorLines(c.admin, c.cluster, c.region, since);
      expect(grantedLine(lines, plan.principalArn), lines.join('\n')).toBeDefined();
    });
  }

  it('CONFIG_MAP cluster: the plan asks for the one-way switch, and with consent switches and grants', async () => {
    fx = await openScenario('unmapped-user');
    const admin = await fx.writer('priya');
    const cluster = await fx.cluster('analytics', 'us-east-1', admin);
    const identityArn = await fx.identityArn('tom', 'us-east-1');
    const refusedPlan = planAccessEntryGrant(cluster, 'priya', { identityArn, policy: 'AmazonEKSViewPolicy', scope: 'namespace', namespaces: ['default'] });
    expect(refusedPlan.problems.join(' ')).toMatch(/one-way/);
    expect((await applyAccessEntryPlan(refusedPlan, cluster, admin, { env: fx.env })).ok).toBe(false);
    expect(fx.sb.world.clusters[0]!.authenticationMode).toBe('CONFIG_MAP');

    const plan = planAccessEntryGrant(cluster, 'priya', { identityArn, policy: 'AmazonEKSViewPolicy', scope: 'namespace', namespaces: ['default'], switchMode: true });
    expect(plan.problems).toEqual([]);
    expect(plan.steps[0]!.command).toBe('aws eks update-cluster-config --name analytics --access-config authenticationMode=API_AND_CONFIG_MAP --region us-east-1 --profile priya');
    expect(plan.steps[2]!.command).toContain('--access-scope type=namespace,namespaces=default');
    const result = await applyAccessEntryPlan(plan, cluster, admin, { env: fx.env, pollMs: 200 });
    expect(result.problems).toEqual([]);
    expect(fx.sb.world.clusters[0]!.authenticationMode).toBe('API_AND_CONFIG_MAP');
    const cell = await verifyGrant({ ...cluster, authenticationMode: 'API_AND_CONFIG_MAP' }, await fx.writer('tom'), fx.env);
    expect(cell.outcome).toBe('ACCESS');
    expect((await fx.kubectlGetSvc('tom', 'analytics', 'us-east-1')).outcome).toBe('ok');
  });

  it('a role with a path named without it: InvalidParameterException, and the result says the full ARN is needed', async () => {
    // The same world in API_AND_CONFIG_MAP mode, where access entries are allowed.
    const scenario = loadScenarioFile('sandbox/scenarios/role-mapped-with-path.yaml');
    scenario.clusters[0]!.authenticationMode = 'API_AND_CONFIG_MAP';
    fx = await openScenario(scenario);
    const admin = await fx.writer('jordan');
    const cluster = await fx.cluster('logistics', 'us-east-1', admin);
    const identityArn = await fx.identityArn('eks-admin', 'us-east-1');
    const plan = planAccessEntryGrant(cluster, 'jordan', { identityArn, policy: 'AmazonEKSEditPolicy', scope: 'cluster' });
    expect(plan.pathUnknown).toBe(true);
    const result = await applyAccessEntryPlan(plan, cluster, admin, { env: fx.env });
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatch(/^InvalidParameterException: .*full ARN/);
  });
});
