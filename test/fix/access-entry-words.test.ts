// The access-entry grant's preview steps in words, without a cluster: plain words first (no AWS or Kubernetes names),
// the AWS names on the second line, each step with its command — the one-way switch, the sign-in, the access (whole
// cluster or namespaces), and an entry that is there already or could not be checked.
import { describe, expect, it } from 'vitest';
import { planAccessEntryGrant, type AccessEntryGrantRequest } from '../../electron/authmap/access-entry-plan.js';
import type { AuthenticationMode, ClusterTarget } from '../../electron/authmap/types.js';
import { accessEntryPlainSteps } from '../../electron/fix/access-entry-words.js';

const ROLE = 'arn:aws:iam::111122223333:role/developer';
/** AWS and Kubernetes names: on the grey line, never the main words. */
const JARGON = /AmazonEKS|\bRBAC\b|\b403\b|CONFIG_MAP|\bAPI\b|Associate|ClusterRole|access polic/;

const cluster = (authenticationMode: AuthenticationMode): ClusterTarget => ({
  name: 'data-platform',
  region: 'us-east-1',
  arn: 'arn:aws:eks:us-east-1:111122223333:cluster/data-platform',
  endpoint: 'https://127.0.0.1:1',
  caData: '',
  authenticationMode,
});
const steps = (mode: AuthenticationMode, req: Partial<AccessEntryGrantRequest> = {}) => {
  const plan = planAccessEntryGrant(cluster(mode), 'platform-admin', { identityArn: ROLE, policy: 'AmazonEKSViewPolicy', scope: 'cluster', entryExists: false, ...req });
  return { plan, plain: accessEntryPlainSteps(plan) };
};

describe("the access-entry grant's steps in words", () => {
  it('a CONFIG_MAP cluster: the one-way switch, the sign-in, read-only access to the whole cluster, each with its command', () => {
    expect.hasAssertions();
    const { plan, plain } = steps('CONFIG_MAP', { switchMode: true });
    expect(plain.map((s) => s.words)).toEqual([
      'Let the cluster accept access entries as well as its aws-auth list (this cannot be switched back; aws-auth keeps working)',
      `Let ${ROLE} sign in to the cluster`,
      'Give it read-only access to the whole cluster (see most things, change nothing)',
    ]);
    expect(plain.map((s) => s.technical)).toEqual([
      'Authentication mode CONFIG_MAP → API_AND_CONFIG_MAP',
      `Access entry for ${ROLE}`,
      'Access policy AmazonEKSViewPolicy, scope: cluster',
    ]);
    expect(plain.map((s) => s.commands)).toEqual(plan.steps.map((s) => [s.command]));
    expect(plain[0]!.commands[0]).toMatch(/^aws eks update-cluster-config .*API_AND_CONFIG_MAP/);
    expect(plain[1]!.commands[0]).toMatch(/^aws eks create-access-entry /);
    expect(plain[2]!.commands[0]).toMatch(/^aws eks associate-access-policy .*type=cluster/);
    for (const s of plain) expect(s.words.replace(/aws-auth/g, '')).not.toMatch(JARGON);
  });

  it('a namespace scope says which namespaces, the other policies say what they let one do', () => {
    expect.hasAssertions();
    const one = steps('API', { policy: 'AmazonEKSEditPolicy', scope: 'namespace', namespaces: ['team-a'] }).plain;
    expect(one.map((s) => s.words)).toEqual([`Let ${ROLE} sign in to the cluster`, 'Give it edit access in the namespace team-a only (create, change and delete most workloads)']);
    expect(one[1]!.technical).toBe('Access policy AmazonEKSEditPolicy, scope: namespace team-a');
    expect(one[1]!.commands[0]).toMatch(/type=namespace,namespaces=team-a/);
    const two = steps('API_AND_CONFIG_MAP', { policy: 'AmazonEKSClusterAdminPolicy', scope: 'namespace', namespaces: ['a', 'b'] }).plain;
    expect(two[1]!.words).toBe('Give it full administrator rights in the namespaces a, b only');
    expect(two[1]!.technical).toBe('Access policy AmazonEKSClusterAdminPolicy, scope: namespace a, b');
    for (const s of [...one, ...two]) expect(s.words).not.toMatch(JARGON);
  });

  it('an entry there already: no sign-in step, and the access step names who it is for; one not checked says it is kept', () => {
    expect.hasAssertions();
    const existing = steps('API_AND_CONFIG_MAP', { entryExists: true }).plain;
    expect(existing).toHaveLength(1);
    expect(existing[0]!.words).toBe(`Give ${ROLE}, which can sign in already, read-only access to the whole cluster (see most things, change nothing)`);
    expect(existing[0]!.technical).toBe('Access policy AmazonEKSViewPolicy, scope: cluster');
    expect(existing[0]!.commands[0]).toMatch(/^aws eks associate-access-policy /);
    const unknown = steps('API', { entryExists: undefined, username: 'dev', groups: ['readers'] }).plain;
    expect(unknown[0]!.words).toBe(`Let ${ROLE} sign in to the cluster (if it can already, the app keeps that and only adds the access below)`);
    expect(unknown[0]!.technical).toBe(`Access entry for ${ROLE}: username "dev", groups [readers]`);
    expect(unknown[1]!.words).toMatch(/^Give it read-only access/);
  });
});
