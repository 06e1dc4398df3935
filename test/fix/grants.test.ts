// `fix --yes --json` for every unmapped / wrong-mapping / forbidden scenario: the fix the diagnosis offers first,
// applied by the CLI command with the admin profile it picks itself; then the real `kubectl get svc` as the refused
// identity succeeds and the authenticator log says "access granted" for its canonical ARN.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { expectCasesFollowScenarios } from '../helpers/grant-cases.js';
import { grantedFor, openWorld, type FixWorld } from './fixture.js';

let w: FixWorld | undefined;
afterEach(async () => {
  await w?.sb.stop();
  w = undefined;
});

interface Case {
  scenario: string;
  refused: string;
  cluster: string;
  region: string;
  /** The profile the scenario's `expect` names as getting in as kubernetes-admin (the one fix should pick). */
  admin: string;
  /** The fix the diagnosis offers first. */
  fixId: string;
  /** Consent flags some fixes need (documented in the report): --repair-invalid, --group. */
  extra?: string[];
  before: 'unauthorized' | 'forbidden';
}

const CASES: Case[] = [
  { scenario: 'unmapped-user', refused: 'tom', cluster: 'analytics', region: 'us-east-1', admin: 'priya', fixId: 'map-identity', extra: ['--group', 'system:masters'], before: 'unauthorized' },
  { scenario: 'unmapped-role', refused: 'data-engineer', cluster: 'data-lake', region: 'eu-west-1', admin: 'platform-admin', fixId: 'create-access-entry', before: 'unauthorized' },
  { scenario: 'role-mapped-with-path', refused: 'eks-admin', cluster: 'logistics', region: 'us-east-1', admin: 'jordan', fixId: 'map-role-without-path', before: 'unauthorized' },
  { scenario: 'sso-role-mapped-with-path', refused: 'sso-dev', cluster: 'storefront', region: 'us-east-1', admin: 'owner', fixId: 'map-role-without-path', before: 'unauthorized' },
  { scenario: 'session-arn-mapped', refused: 'deployer', cluster: 'delivery', region: 'us-west-2', admin: 'release-admin', fixId: 'map-role-arn', before: 'unauthorized' },
  { scenario: 'mapping-near-miss', refused: 'developer', cluster: 'checkout-prod', region: 'us-east-1', admin: 'ops-lead', fixId: 'fix-near-miss', before: 'unauthorized' },
  { scenario: 'mapping-near-miss', refused: 'jsmith', cluster: 'checkout-prod', region: 'us-east-1', admin: 'ops-lead', fixId: 'fix-near-miss', before: 'unauthorized' },
  { scenario: 'aws-auth-invalid', refused: 'sre', cluster: 'search', region: 'us-east-1', admin: 'infra-admin', fixId: 'fix-aws-auth-item', extra: ['--repair-invalid'], before: 'unauthorized' },
  { scenario: 'aws-auth-not-yaml', refused: 'sre', cluster: 'ledger', region: 'us-east-1', admin: 'infra-admin', fixId: 'fix-aws-auth-item', extra: ['--repair-invalid'], before: 'unauthorized' },
  { scenario: 'access-entry-no-policy', refused: 'analyst', cluster: 'reporting', region: 'us-east-1', admin: 'eks-admin', fixId: 'associate-access-policy', before: 'forbidden' },
  // The entry was bound to the deleted earlier Deployer role: deleted and created again with its groups and policy.
  { scenario: 'access-entry-stale', refused: 'deployer', cluster: 'payments', region: 'us-east-1', admin: 'eks-admin', fixId: 'recreate-access-entry', before: 'unauthorized' },
  { scenario: 'api-mode-ignores-aws-auth', refused: 'developer', cluster: 'inventory', region: 'eu-west-1', admin: 'platform-admin', fixId: 'create-access-entry', before: 'unauthorized' },
  // The RoleBinding the diagnosis names (ClusterRole view for the identity's group in default).
  { scenario: 'rbac-forbidden', refused: 'minjun', cluster: 'mobile-api', region: 'ap-northeast-2', admin: 'k8s-admin', fixId: 'rbac-binding', before: 'forbidden' },
];

describe('fix --yes against the sandbox: the refused identity gets in', () => {
  it("the table follows the scenarios' expect entries: who is refused, who gets in", () => {
    expectCasesFollowScenarios(CASES);
  });

  for (const c of CASES) {
    it(`${c.scenario}: ${c.refused} on ${c.cluster} — fix ${c.fixId}${c.extra ? ` ${c.extra.join(' ')}` : ''}`, async () => {
      // That the real kubectl refuses c.refused first is the scenario's own expect entry (checked above against this
      // table), proven with the real clients by test/sandbox/scenarios-real-clients.test.ts.
      w = await openWorld(c.scenario);
      const d = await w.diagnoseJson(c.refused, c.cluster);
      expect(d.fixes[0]?.id, JSON.stringify(d.fixes.map((f) => f.id))).toBe(c.fixId);
      const canonical = d.identity!.canonicalArn;

      const since = w.sb.world.now();
      const r = await w.fix(['--profile', c.refused, '--cluster', c.cluster, '--fix', c.fixId, ...(c.extra ?? []), '--yes', '--json']);
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.applied).toHaveLength(1);
      expect(out.applied[0].id).toBe(c.fixId);
      expect(out.applied[0].steps.length).toBeGreaterThan(0);
      for (const s of out.applied[0].steps) expect(s.ok, s.message).toBe(true);
      // The entry exists: the policy is only associated (a create step would fail if the user ran it by hand).
      if (c.fixId === 'associate-access-policy') expect(out.applied[0].steps.map((s: { title: string }) => s.title)).toEqual([expect.stringMatching(/^Associate AmazonEKSViewPolicy/)]);
      expect(['ADMIN', 'ACCESS']).toContain(out.outcome);
      expect(typeof out.username).toBe('string');
      expect(out.writer).toBe(c.admin);
      // Every grant leaves a backup record in the given folder: aws-auth's previous data, or what an access entry grant changed.
      if (out.backup) expect(readFileSync(out.backup, 'utf8')).toMatch(/"previous"|"previousScope"/);
      expect(r.stdout).not.toMatch(/secret|SecretAccessKey|sessionToken/i);

      const after = await w.kubectlAs(c.refused, c.cluster, c.region);
      expect(after.outcome, after.stderr).toBe('ok');
      const lines = await w.authenticatorLines(c.admin, c.cluster, c.region, since);
      expect(grantedFor(lines, canonical), lines.join('\n')).toBeDefined();
    }, 180_000);
  }
});
