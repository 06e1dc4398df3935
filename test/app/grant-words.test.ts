// The grant wizard's words and commands without a cluster: what it starts with, what it says was done, and the
// kubectl command of an aws-auth edit for each shape of change (test/fix/aws-auth-kubectl-command.test.ts runs them).
import { describe, expect, it } from 'vitest';
import { awsAuthCommands, awsAuthKubectlCommand } from '../../electron/authmap/cli-commands.js';
import type { GrantOptionsView } from '../../shared/wizard-types.js';
import { grantedWords, initialChoice, KEEP } from '../../renderer/src/wizards/GrantChoices.js';
import { warningWords } from '../../electron/fix/warning-words.js';
import { POLICY_WORDS } from '../../shared/grant-words.js';
import { ACCESS_POLICIES } from '../../electron/authmap/access-policies.js';

const CONTEXT = 'arn:aws:eks:us-east-1:111122223333:cluster/analytics';
const JARGON = /\bRBAC\b|ClusterRole|\bmap(Users|Roles)\b|resourceVersion|ConfigMap|system:masters/;

const options = (over: Partial<GrantOptionsView> = {}): GrantOptionsView => ({
  fixId: 'map-identity',
  title: "Add this identity to the cluster's list of who may sign in (aws-auth; done by a cluster administrator)",
  family: 'aws-auth',
  cluster: { name: 'analytics', region: 'us-east-1', arn: CONTEXT, authenticationMode: 'CONFIG_MAP' },
  principalArn: 'arn:aws:iam::111122223333:user/tom',
  admins: [],
  groups: [
    { group: 'eks-access-doctor:view', label: 'Read-only access to everything in the cluster (the default)', isDefault: true },
    { group: 'system:masters', label: 'Full administrator of the cluster', warning: 'risky' },
  ],
  policies: [],
  ...over,
});

describe('the grant wizard starts on the safe default', () => {
  it('a new aws-auth entry starts on read-only access, never on the full administrator; a fix in place keeps the entry\'s own access', () => {
    expect(initialChoice(options()).group).toBe('eks-access-doctor:view');
    expect(initialChoice(options({ fixId: 'map-role-without-path' })).group).toBe(KEEP);
    expect(initialChoice(options({ groups: [{ group: 'system:masters', label: 'Full administrator of the cluster' }] })).group).toBeUndefined();
  });
});

describe('what the grant says it did, in words', () => {
  const c = { ...initialChoice(options()) };
  it('names the list, not the ConfigMap, and the access, not the group', () => {
    const words = grantedWords(options(), c, 'tom');
    expect(words).toBe('tom (arn:aws:iam::111122223333:user/tom) is now on the list of who may sign in to the cluster analytics (aws-auth), with read-only access to everything in the cluster.');
    expect(grantedWords(options(), { ...c, group: 'system:masters' }, 'tom')).toMatch(/, as a full administrator\.$/);
    expect(grantedWords(options({ fixId: 'map-role-without-path' }), { ...c, group: KEEP }, 'tom')).toMatch(/is corrected; it keeps the access it gave\.$/);
    // A role binding's words say what it gives first; the term follows in brackets.
    expect(grantedWords(options({ family: 'rbac', fixId: 'bind-role' }), { ...c, group: KEEP }, 'tom')).toMatch(/^tom \(.*\) now has access on the cluster analytics through a role binding \(Kubernetes RBAC\)/);
    for (const g of [undefined, 'system:masters']) expect(grantedWords(options(), { ...c, ...(g ? { group: g } : {}) }, 'tom')).not.toMatch(JARGON);
  });
});

describe('what the access-entry grant says it did, in words', () => {
  it('says who can sign in now and with what access, the access entry and policy named last', () => {
    expect.hasAssertions();
    const entry = options({ family: 'access-entry', fixId: 'create-access-entry', principalArn: 'arn:aws:iam::111122223333:role/Developer', cluster: { name: 'data-platform', region: 'us-east-1', arn: CONTEXT, authenticationMode: 'API' } });
    const c = { ...initialChoice(entry), policy: 'AmazonEKSViewPolicy', scope: 'cluster' as const };
    expect(grantedWords(entry, c, 'developer')).toBe('developer (arn:aws:iam::111122223333:role/Developer) can now sign in to the cluster data-platform, with read-only access to the whole cluster: see most things, change nothing (an access entry with AmazonEKSViewPolicy).');
    expect(grantedWords(entry, { ...c, policy: 'AmazonEKSEditPolicy', scope: 'namespace', namespaces: 'team-a, team-b' }, 'developer')).toMatch(/, with edit access in the namespaces team-a, team-b only: create, change and delete most workloads \(an access entry with AmazonEKSEditPolicy\)\.$/);
  });
});

describe("the aws-auth edit's command with kubectl (no eksctl needed)", () => {
  const before = { mapRoles: '- rolearn: arn:aws:iam::111122223333:role/node\n', mapUsers: "- userarn: arn:aws:iam::111122223333:user/sara\n  username: sara's\n" };
  const after = { ...before, mapUsers: `${before.mapUsers}- userarn: arn:aws:iam::111122223333:user/tom\n` };
  it('patches only the keys that change, with the version read, so a later change is refused, not overwritten', () => {
    const command = awsAuthKubectlCommand(CONTEXT, { before, after, exists: true, resourceVersion: '42' })!;
    expect(command.startsWith(`kubectl patch configmap aws-auth -n kube-system --context ${CONTEXT} --type merge -p '`)).toBe(true);
    // The JSON, unquoted as a POSIX shell would (the quote in "sara's" survives).
    const json = command.slice(command.indexOf(" -p '") + 5, -1).replaceAll("'\\''", "'");
    expect(JSON.parse(json)).toEqual({ metadata: { resourceVersion: '42' }, data: { mapUsers: after.mapUsers } });
  });
  it('a key taken out is set to null; nothing changed is no command; aws-auth absent is created whole', () => {
    const { mapRoles: _gone, ...rest } = before;
    expect(awsAuthKubectlCommand(CONTEXT, { before, after: rest, exists: true, resourceVersion: '7' })).toContain('"data":{"mapRoles":null}');
    expect(awsAuthKubectlCommand(CONTEXT, { before, after: before, exists: true, resourceVersion: '7' })).toBeUndefined();
    const create = awsAuthKubectlCommand(CONTEXT, { before: {}, after, exists: false })!;
    expect(create).toMatch(new RegExp(`^echo '\\{"apiVersion":"v1","kind":"ConfigMap","metadata":\\{"name":"aws-auth","namespace":"kube-system"\\},"data":.*' \\| kubectl create -f - --context ${CONTEXT}$`));
  });
  it('kubectl first; eksctl only as the alternative for those who have it; the interactive edit only when kubectl has nothing to patch', () => {
    const m = { arn: 'arn:aws:iam::111122223333:user/tom', username: 'tom', groups: ['eks-access-doctor:view'] };
    const cluster = { name: 'analytics', region: 'us-east-1', arn: CONTEXT };
    const commands = awsAuthCommands(cluster, 'priya', m, { before, after, exists: true, resourceVersion: '42' });
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/^kubectl patch .* {3}# refused if the list changed since this preview: preview again$/);
    expect(commands[1]).toMatch(/^eksctl create iamidentitymapping .* {3}# the same, if you have eksctl$/);
    const replacing = awsAuthCommands(cluster, 'priya', { ...m, replacing: 'arn:aws:iam::111122223333:user/Tom' }, { before, after, exists: true, resourceVersion: '42' });
    expect(replacing.slice(1).every((c) => c.endsWith('# the same, if you have eksctl'))).toBe(true);
    expect(awsAuthCommands(cluster, 'priya', m)).toContain('kubectl edit configmap aws-auth -n kube-system   # the same edit by hand');
  });
});

describe("the grant preview's warnings, in plain words first", () => {
  it('the full administrator warning says what it gives without Kubernetes terms; the terms stay on the second line', () => {
    expect.hasAssertions();
    const masters = 'system:masters gives unrestricted admin rights that no RBAC rule can take back. Prefer a narrower group bound by a (Cluster)RoleBinding, or an access entry with an access policy (AmazonEKSEditPolicy / AmazonEKSViewPolicy).';
    const w = warningWords(masters);
    expect(w.words).toMatch(/^This gives full administrator rights on the whole cluster/);
    expect(w.words).not.toMatch(JARGON);
    expect(w.technical).toBe(masters);
    const admin = warningWords('AmazonEKSClusterAdminPolicy gives everything on the cluster; a narrower policy or a namespace scope is safer when it is enough.');
    expect(admin.words).toMatch(/^This gives full administrator rights on the whole cluster/);
    expect(admin.words).not.toMatch(/AmazonEKS/);
    // A warning without plain words is shown as it is, once.
    expect(warningWords('something else')).toEqual({ words: 'something else', technical: '' });
  });

  it('each access policy has words of its own, its AWS name kept for the second line', () => {
    expect.hasAssertions();
    for (const name of ACCESS_POLICIES) {
      expect(POLICY_WORDS[name], name).toBeTruthy();
      expect(POLICY_WORDS[name]).not.toMatch(/AmazonEKS|\bRBAC\b/);
    }
  });
});
