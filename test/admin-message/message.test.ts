// The ask-the-admin message as a pure function: which ARN goes where (no role path for aws-auth, the full role ARN for
// access entries), the scope, the routes per authentication mode, and commands that a real shell splits as meant.
import { describe, expect, it } from 'vitest';
import { adminPrincipal, AdminMessageError, buildAdminMessage, type AdminMessageInput } from '../../electron/admin-message/message.js';
import { askAdminLine } from '../../electron/fix/manual-fixes.js';
import { run } from '../helpers/run.js';

const cluster = { name: 'prod', region: 'eu-west-1', arn: 'arn:aws:eks:eu-west-1:111122223333:cluster/prod', account: '111122223333' };
const input = (over: Partial<AdminMessageInput>): AdminMessageInput => ({ identityArn: 'arn:aws:iam::111122223333:user/tom', cluster, mode: 'API', ...over });

/** How bash splits a command line: `eksctl`/`kubectl`/`aws` replaced by a function printing one argument a line. */
async function argvOf(command: string): Promise<string[]> {
  const stub = 'eksctl() { printf "%s\\n" eksctl "$@"; }; kubectl() { printf "%s\\n" kubectl "$@"; }; aws() { printf "%s\\n" aws "$@"; }';
  const r = await run('bash', ['-c', `${stub}\n${command}`], { PATH: process.env.PATH ?? '/usr/bin:/bin' }, 10_000);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trimEnd().split('\n');
}

describe('the principal: path removal for aws-auth, the full ARN for access entries', () => {
  it('an IAM role with a path: aws-auth gets the ARN without it, the access entry the full ARN', () => {
    const p = adminPrincipal('arn:aws:iam::111122223333:role/platform/EKSAdmin');
    expect(p.mappingArn).toBe('arn:aws:iam::111122223333:role/EKSAdmin');
    expect(p.entryArg).toBe('arn:aws:iam::111122223333:role/platform/EKSAdmin');
    expect(p.notes.join(' ')).toContain('/platform/');
  });

  it("the SSO role's aws-reserved path is removed; the access entry looks the full ARN up", () => {
    const full = adminPrincipal('arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_EKSDeveloper_7c1e2f3a4b5d6e8f');
    expect(full.mappingArn).toBe('arn:aws:iam::111122223333:role/AWSReservedSSO_EKSDeveloper_7c1e2f3a4b5d6e8f');
    expect(full.entryArg).toBe('arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_EKSDeveloper_7c1e2f3a4b5d6e8f');
    const session = adminPrincipal('arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_EKSDeveloper_7c1e2f3a4b5d6e8f/alice@example.com');
    expect(session.mappingArn).toBe('arn:aws:iam::111122223333:role/AWSReservedSSO_EKSDeveloper_7c1e2f3a4b5d6e8f');
    expect(session.entryArg).toBe('"$(aws iam get-role --role-name AWSReservedSSO_EKSDeveloper_7c1e2f3a4b5d6e8f --query Role.Arn --output text)"');
  });

  it("an assumed-role session ARN becomes the role ARN; the profile's role_arn gives the path when it names the same role", () => {
    const plain = adminPrincipal('arn:aws:sts::111122223333:assumed-role/Developer/devi');
    expect(plain.mappingArn).toBe('arn:aws:iam::111122223333:role/Developer');
    expect(plain.entryArg).toBe('arn:aws:iam::111122223333:role/Developer');
    expect(plain.notes.join(' ')).toContain('assumed-role/Developer/devi');
    const withPath = adminPrincipal('arn:aws:sts::111122223333:assumed-role/EKSAdmin/kai', 'arn:aws:iam::111122223333:role/platform/EKSAdmin');
    expect(withPath.mappingArn).toBe('arn:aws:iam::111122223333:role/EKSAdmin');
    expect(withPath.entryArg).toBe('arn:aws:iam::111122223333:role/platform/EKSAdmin');
    // A role_arn of another role (a chain's first hop) or account says nothing about this role's path.
    expect(adminPrincipal('arn:aws:sts::111122223333:assumed-role/EKSAdmin/kai', 'arn:aws:iam::111122223333:role/x/Other').entryArg).toBe('arn:aws:iam::111122223333:role/EKSAdmin');
    expect(adminPrincipal('arn:aws:sts::111122223333:assumed-role/EKSAdmin/kai', 'arn:aws:iam::999999999999:role/x/EKSAdmin').entryArg).toBe('arn:aws:iam::111122223333:role/EKSAdmin');
  });

  it('an IAM user keeps its path: the authenticator compares the user ARN as STS reports it', () => {
    const p = adminPrincipal('arn:aws:iam::111122223333:user/team/tom');
    expect(p.mappingArn).toBe('arn:aws:iam::111122223333:user/team/tom');
    expect(p.entryArg).toBe('arn:aws:iam::111122223333:user/team/tom');
  });

  it('root, federated users and non-ARNs are refused with a plain message', () => {
    expect(() => adminPrincipal('arn:aws:iam::111122223333:root')).toThrow(AdminMessageError);
    expect(() => adminPrincipal('arn:aws:iam::111122223333:root')).toThrow(/not an IAM user or role/);
    expect(() => adminPrincipal('arn:aws:sts::111122223333:federated-user/bob')).toThrow(/not an IAM user or role/);
    expect(() => adminPrincipal('not-an-arn')).toThrow(/"not-an-arn" is not an IAM or STS ARN/);
  });
});

describe('the message', () => {
  it('API mode: the identity, the cluster, the policy and exactly the two access-entry commands, without --profile', () => {
    const m = buildAdminMessage(input({ identityArn: 'arn:aws:sts::111122223333:assumed-role/Developer/devi' }));
    expect(m.commands).toEqual([
      'aws eks create-access-entry --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::111122223333:role/Developer',
      'aws eks associate-access-policy --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::111122223333:role/Developer --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy --access-scope type=cluster',
    ]);
    for (const c of m.commands) expect(m.text).toContain(`  ${c}\n`);
    for (const s of ['prod', 'eu-west-1', cluster.arn, '111122223333', 'AmazonEKSViewPolicy', 'on the whole cluster', 'Authentication mode: API']) expect(m.text).toContain(s);
    expect(m.text).not.toMatch(/--profile|eksctl|update-cluster-config/);
    expect(m.filename).toBe('ask-admin-prod-Developer.txt');
  });

  it('namespace scope: the access scope lists the namespaces; aws-auth gets one RoleBinding per namespace', async () => {
    const m = buildAdminMessage(input({ mode: 'CONFIG_MAP', policy: 'AmazonEKSEditPolicy', namespaces: ['team-a', 'team-b'] }));
    const associate = m.commands.find((c) => c.includes('associate-access-policy'))!;
    expect(await argvOf(associate)).toEqual([
      'aws', 'eks', 'associate-access-policy', '--cluster-name', 'prod', '--region', 'eu-west-1', '--principal-arn', 'arn:aws:iam::111122223333:user/tom',
      '--policy-arn', 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy', '--access-scope', 'type=namespace,namespaces=team-a,team-b',
    ]);
    expect(m.commands.filter((c) => c.startsWith('kubectl'))).toEqual([
      'kubectl create rolebinding eks-editors --clusterrole=edit --group=eks-editors --namespace=team-a',
      'kubectl create rolebinding eks-editors --clusterrole=edit --group=eks-editors --namespace=team-b',
    ]);
    expect(m.text).toContain('in the namespaces team-a, team-b');
  });

  it('CONFIG_MAP: the eksctl route with a path-free ARN and well-formed flags, and the access-entry route after the one-way switch that waits', async () => {
    const m = buildAdminMessage(input({ identityArn: 'arn:aws:sts::111122223333:assumed-role/EKSAdmin/kai', roleArn: 'arn:aws:iam::111122223333:role/platform/EKSAdmin', mode: 'CONFIG_MAP', policy: 'AmazonEKSClusterAdminPolicy' }));
    const eksctl = m.commands.filter((c) => c.startsWith('eksctl'));
    expect(eksctl).toHaveLength(1);
    expect(await argvOf(eksctl[0]!)).toEqual([
      'eksctl', 'create', 'iamidentitymapping', '--cluster', 'prod', '--region', 'eu-west-1', '--arn', 'arn:aws:iam::111122223333:role/EKSAdmin',
      '--username', 'EKSAdmin:{{SessionName}}', '--group', 'system:masters', '--no-duplicate-arns',
    ]);
    // Cluster-wide admin is system:masters: no RoleBinding needed.
    expect(m.commands.some((c) => c.startsWith('kubectl'))).toBe(false);
    const i = m.commands.findIndex((c) => c.includes('update-cluster-config'));
    expect(m.commands[i]).toContain('aws eks update-cluster-config --name prod --region eu-west-1 --access-config authenticationMode=API_AND_CONFIG_MAP');
    expect(m.commands[i + 1]).toContain('aws eks describe-update --name prod --region eu-west-1 --update-id "$UPDATE_ID"');
    expect(m.commands[i + 2]).toBe('aws eks create-access-entry --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::111122223333:role/platform/EKSAdmin');
    expect(m.commands[i + 3]).toContain('--policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy --access-scope type=cluster');
    expect(m.text).toMatch(/one-way: the cluster can never go back to CONFIG_MAP/);
    expect(m.text).toMatch(/create-access-entry is refused until it is done/);
    for (const c of m.commands) expect(m.text).toContain(`  ${c}\n`);
    expect(m.text).not.toContain('--profile');
  });

  it('CONFIG_MAP with the default view policy: a group and its ClusterRoleBinding', async () => {
    const m = buildAdminMessage(input({ mode: 'CONFIG_MAP' }));
    const [eksctl, binding] = m.commands;
    expect(await argvOf(eksctl!)).toEqual(['eksctl', 'create', 'iamidentitymapping', '--cluster', 'prod', '--region', 'eu-west-1', '--arn', 'arn:aws:iam::111122223333:user/tom', '--username', 'tom', '--group', 'eks-viewers', '--no-duplicate-arns']);
    expect(binding).toBe('kubectl create clusterrolebinding eks-viewers --clusterrole=view --group=eks-viewers');
  });

  it('unknown mode: how to read the mode, then both routes', () => {
    const m = buildAdminMessage(input({ mode: 'unknown' }));
    expect(m.commands[0]).toBe('aws eks describe-cluster --name prod --region eu-west-1 --query cluster.accessConfig.authenticationMode --output text');
    expect(m.commands.some((c) => c.startsWith('eksctl create iamidentitymapping'))).toBe(true);
    expect(m.commands.some((c) => c.includes('update-cluster-config'))).toBe(true);
    expect(m.commands.some((c) => c.startsWith('aws eks create-access-entry'))).toBe(true);
    expect(m.text).toContain('unknown (I could not read it)');
  });

  it('API_AND_CONFIG_MAP needs no switch', () => {
    const m = buildAdminMessage(input({ mode: 'API_AND_CONFIG_MAP', policy: 'AmazonEKSAdminPolicy' }));
    expect(m.commands).toHaveLength(2);
    expect(m.text).not.toContain('update-cluster-config');
  });

  it('the wait loop is valid shell and stops on a failed update', async () => {
    const m = buildAdminMessage(input({ mode: 'CONFIG_MAP' }));
    const i = m.commands.findIndex((c) => c.includes('update-cluster-config'));
    // A fake aws that reports the update as Failed: the loop must end at once and say not to go on.
    const fakeAws = 'aws() { case "$2" in update-cluster-config) echo u-1;; describe-update) echo Failed;; esac; }; sleep() { echo slept; }';
    const r = await run('bash', ['-c', `${fakeAws}\n${m.commands[i]}\n${m.commands[i + 1]}`], { PATH: process.env.PATH ?? '/usr/bin:/bin' }, 10_000);
    expect(r.stdout).toBe('update u-1: Failed\nthe update did not succeed: do not go on\n');
  });
});

describe("the fix command's ask-the-admin line", () => {
  it('gives the commands as the admin runs them: without the admin-profile placeholder', () => {
    const line = askAdminLine({
      id: 'create-access-entry',
      title: 'Give arn:aws:iam::111122223333:user/tom an access entry',
      params: {},
      steps: [
        { title: 'Create the access entry', argv: 'aws eks create-access-entry --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::111122223333:user/tom --profile <admin-profile>'.split(' ') },
        { title: 'Associate', argv: 'aws eks associate-access-policy --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::111122223333:user/tom --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy --access-scope type=cluster --profile <admin-profile>'.split(' ') },
      ],
    });
    expect(line).toBe(
      'no profile of yours can grant access; ask the cluster admin: aws eks create-access-entry --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::111122223333:user/tom ; ' +
        'aws eks associate-access-policy --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::111122223333:user/tom --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy --access-scope type=cluster',
    );
  });
});
