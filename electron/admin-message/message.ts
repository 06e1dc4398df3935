// The message for the cluster admin (usually because no profile of the user's can grant access): who needs access (the
// ARN EKS compares, no role path), the cluster, the access wanted and the exact commands, run by the admin as
// themself (no --profile). Pure: everything comes in as arguments; nothing secret ever does.
import { ACCESS_POLICY_SUMMARY, policyArnOf, type AccessPolicyName } from '../authmap/access-policies.js';
import { parsePrincipal } from '../../shared/arn.js';
import { commandLine, shellArg } from '../../shared/shell-arg.js';

export type AdminAuthMode = 'CONFIG_MAP' | 'API_AND_CONFIG_MAP' | 'API' | 'unknown';

export interface AdminMessageCluster {
  name: string;
  region: string;
  arn: string;
  account: string;
}

export interface AdminMessageInput {
  /** The identity as STS reports it (user ARN or assumed-role session ARN), or an IAM user/role ARN. */
  identityArn: string;
  /** The profile's role_arn: when it names the same role it carries the role's IAM path, which access entries need. */
  roleArn?: string;
  cluster: AdminMessageCluster;
  mode: AdminAuthMode;
  /** Default AmazonEKSViewPolicy. */
  policy?: AccessPolicyName;
  /** Namespace scope; absent or empty: the whole cluster. */
  namespaces?: string[];
  /** The user's own profiles that could grant it themselves: then the message does not say none can. */
  granters?: string[];
}

export interface AdminMessage {
  text: string;
  /** Every command of the text, in order, each exactly as written there. */
  commands: string[];
  filename: string;
}

/** Bad input for the message (not an IAM user or role); the text says what and where. */
export class AdminMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminMessageError';
  }
}

export interface AdminPrincipal {
  kind: 'user' | 'role';
  name: string;
  account: string;
  /** What the authenticator compares and aws-auth must name: assumed-role → role, role path removed (a user keeps its path). */
  mappingArn: string;
  /** The --principal-arn argument for access entries, ready for the shell: the full ARN, or an expression that looks it up. */
  entryArg: string;
  /** Why an ARN differs from what the user's profile shows, one line each. */
  notes: string[];
}

const SSO_ROLE_PREFIX = 'AWSReservedSSO_';

/**
 * The ARNs the admin needs. aws-auth never matches a role ARN with a path (docs/eks-authentication.md §3), while an access
 * entry needs the role's real ARN, path included (EKS answers "invalid principal" otherwise): a session ARN does not
 * show the path, so it comes from the profile's role_arn, or — for IAM Identity Center roles, which always live under
 * aws-reserved/sso.amazonaws.com/ — from `aws iam get-role` run by the admin.
 */
export function adminPrincipal(identityArn: string, roleArn?: string): AdminPrincipal {
  const p = parsePrincipal(identityArn);
  if (!p) throw new AdminMessageError(`identity ${JSON.stringify(identityArn)} is not an IAM or STS ARN`);
  const isSession = p.service === 'sts' && p.kind === 'assumed-role';
  const isIam = p.service === 'iam' && (p.kind === 'user' || p.kind === 'role');
  if (!isSession && !isIam) {
    throw new AdminMessageError(`identity ${identityArn} is not an IAM user or role: EKS grants access to IAM users and roles only — use a profile that signs in as one`);
  }
  const kind = p.kind === 'user' ? 'user' : 'role';
  const prefix = `arn:${p.partition}:iam::${p.account}:${kind}/`;
  if (kind === 'user') {
    const arn = identityArn.trim();
    return { kind, name: p.name, account: p.account, mappingArn: arn, entryArg: shellArg(arn), notes: [] };
  }
  const mappingArn = prefix + p.name;
  const notes: string[] = [];
  if (isSession) notes.push(`My session ARN is ${identityArn.trim()}; EKS compares the role's ARN, ${mappingArn}, which covers every session of the role.`);
  let fullArn: string | undefined;
  if (p.service === 'iam') fullArn = identityArn.trim();
  else {
    const hint = roleArn ? parsePrincipal(roleArn) : undefined;
    if (hint && hint.service === 'iam' && hint.kind === 'role' && hint.account === p.account && hint.name === p.name) fullArn = roleArn!.trim();
  }
  const path = fullArn ? (parsePrincipal(fullArn)?.path ?? '') : '';
  if (path) {
    notes.push(
      `The role's IAM path ${path} is left out where aws-auth needs the ARN (a mapping with a path never matches) and kept for the access entry, which needs the role's full ARN ${fullArn}.`,
    );
  }
  let entryArg: string;
  if (fullArn) entryArg = shellArg(fullArn);
  else if (p.name.startsWith(SSO_ROLE_PREFIX)) {
    entryArg = `"$(aws iam get-role --role-name ${shellArg(p.name)} --query Role.Arn --output text)"`;
    notes.push(
      'This is an IAM Identity Center role: its full ARN has the path aws-reserved/sso.amazonaws.com/, which a session does not show. aws-auth needs the ARN without it; the access entry commands look the full ARN up with aws iam get-role.',
    );
  } else {
    entryArg = shellArg(mappingArn);
    notes.push(
      `If the role ${p.name} has an IAM path, create-access-entry answers "invalid principal": then use the role's full ARN (aws iam get-role --role-name ${shellArg(p.name)} --query Role.Arn --output text).`,
    );
  }
  return { kind, name: p.name, account: p.account, mappingArn, entryArg, notes };
}

const CLUSTER_ROLE: Record<AccessPolicyName, string> = {
  AmazonEKSViewPolicy: 'view',
  AmazonEKSEditPolicy: 'edit',
  AmazonEKSAdminPolicy: 'admin',
  AmazonEKSClusterAdminPolicy: 'cluster-admin',
};

const GROUP: Record<AccessPolicyName, string> = {
  AmazonEKSViewPolicy: 'eks-viewers',
  AmazonEKSEditPolicy: 'eks-editors',
  AmazonEKSAdminPolicy: 'eks-admins',
  AmazonEKSClusterAdminPolicy: 'eks-cluster-admins',
};


function where(c: AdminMessageCluster, nameFlag: '--cluster-name' | '--name' | '--cluster'): string[] {
  return [nameFlag, c.name, '--region', c.region];
}

function accessEntryCommands(c: AdminMessageCluster, who: AdminPrincipal, policy: AccessPolicyName, namespaces: string[]): string[] {
  const scope = namespaces.length ? `type=namespace,namespaces=${namespaces.join(',')}` : 'type=cluster';
  return [
    `${commandLine(['aws', 'eks', 'create-access-entry', ...where(c, '--cluster-name')])} --principal-arn ${who.entryArg}`,
    `${commandLine(['aws', 'eks', 'associate-access-policy', ...where(c, '--cluster-name')])} --principal-arn ${who.entryArg} ${commandLine(['--policy-arn', policyArnOf(policy, c.region), '--access-scope', scope])}`,
  ];
}

/** The one-way switch to API_AND_CONFIG_MAP, then a bounded wait (about 10 minutes) for the update: the CLI has no waiter for it. */
function modeSwitchCommands(c: AdminMessageCluster): string[] {
  const at = commandLine(where(c, '--name'));
  return [
    `UPDATE_ID=$(aws eks update-cluster-config ${at} --access-config authenticationMode=API_AND_CONFIG_MAP --query update.id --output text)`,
    `for i in $(seq 60); do STATUS=$(aws eks describe-update ${at} --update-id "$UPDATE_ID" --query update.status --output text); echo "update $UPDATE_ID: $STATUS"; [ "$STATUS" = InProgress ] || break; sleep 10; done; ` +
      `[ "$STATUS" = Successful ] && echo 'authentication mode is now API_AND_CONFIG_MAP' || echo 'the update did not succeed: do not go on'`,
  ];
}

interface AwsAuthRoute {
  commands: string[];
  groups: string[];
}

function awsAuthRoute(c: AdminMessageCluster, who: AdminPrincipal, policy: AccessPolicyName, namespaces: string[]): AwsAuthRoute {
  const masters = policy === 'AmazonEKSClusterAdminPolicy' && namespaces.length === 0;
  const group = masters ? 'system:masters' : GROUP[policy];
  const username = who.kind === 'role' ? `${who.name}:{{SessionName}}` : who.name;
  const commands = [
    commandLine(['eksctl', 'create', 'iamidentitymapping', ...where(c, '--cluster'), '--arn', who.mappingArn, '--username', username, '--group', group, '--no-duplicate-arns']),
  ];
  if (!masters) {
    const role = `--clusterrole=${CLUSTER_ROLE[policy]}`;
    if (namespaces.length === 0) commands.push(commandLine(['kubectl', 'create', 'clusterrolebinding', group, role, `--group=${group}`]));
    for (const ns of namespaces) commands.push(commandLine(['kubectl', 'create', 'rolebinding', group, role, `--group=${group}`, `--namespace=${ns}`]));
  }
  return { commands, groups: [group] };
}

function fileSafe(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'cluster';
}

const indent = (commands: string[]) => commands.map((c) => `  ${c}`);

export function buildAdminMessage(input: AdminMessageInput): AdminMessage {
  const { cluster: c, mode } = input;
  const policy = input.policy ?? 'AmazonEKSViewPolicy';
  const namespaces = [...new Set(input.namespaces ?? [])];
  const who = adminPrincipal(input.identityArn, input.roleArn);
  const scopeText = namespaces.length ? `in the namespace${namespaces.length > 1 ? 's' : ''} ${namespaces.join(', ')}` : 'on the whole cluster';
  const entries = accessEntryCommands(c, who, policy, namespaces);
  const commands: string[] = [];
  const text: string[] = [
    `Hello — could you give me access to the EKS cluster ${c.name}?`,
    '',
    input.granters?.length
      ? 'kubectl answers "You must be logged in to the server (Unauthorized)": the cluster does not map my AWS identity.'
      : 'kubectl answers "You must be logged in to the server (Unauthorized)": the cluster does not map my AWS identity, and none of my own AWS profiles may change who has access to it.',
    '',
    'Who needs access',
    `  IAM ${who.kind}: ${who.mappingArn}   (the ARN EKS compares)`,
    ...who.notes.map((n) => `  Note: ${n}`),
    '',
    'Cluster',
    `  Name:    ${c.name}`,
    `  Region:  ${c.region}`,
    `  ARN:     ${c.arn}`,
    `  Account: ${c.account}`,
    `  Authentication mode: ${mode === 'unknown' ? 'unknown (I could not read it)' : mode}`,
    '',
    'Access wanted',
    `  ${policy} (${ACCESS_POLICY_SUMMARY[policy]}), ${scopeText}.`,
    '',
    'Commands — run them as yourself, with your own AWS credentials (they name no AWS profile of mine):',
    '',
  ];
  const addRoute = (title: string[], cmds: string[]) => {
    text.push(...title, ...indent(cmds), '');
    commands.push(...cmds);
  };
  if (mode === 'API' || mode === 'API_AND_CONFIG_MAP') {
    addRoute([`Create an access entry and associate the policy (the cluster's authentication mode is ${mode}):`], entries);
  } else {
    if (mode === 'unknown') {
      addRoute(
        [
          'First check the authentication mode. If it prints API or API_AND_CONFIG_MAP, run only the last two commands of option B;',
          'if it prints CONFIG_MAP, use option A or all of option B.',
        ],
        [commandLine(['aws', 'eks', 'describe-cluster', ...where(c, '--name'), '--query', 'cluster.accessConfig.authenticationMode', '--output', 'text'])],
      );
    }
    const aws = awsAuthRoute(c, who, policy, namespaces);
    addRoute(
      [
        `Option A — map the identity in aws-auth (kube-system/aws-auth) with eksctl, group ${aws.groups.join(', ')}:`,
        ...(aws.commands.length > 1 ? [`  (the kubectl command binds the group to the ${CLUSTER_ROLE[policy]} ClusterRole; run it with your kubeconfig pointing at ${c.name})`] : []),
      ],
      aws.commands,
    );
    addRoute(
      [
        'Option B — switch the cluster to access entries, then create one:',
        '  The switch to API_AND_CONFIG_MAP is one-way: the cluster can never go back to CONFIG_MAP. aws-auth keeps working next to access entries.',
        '  The update takes a few minutes and create-access-entry is refused until it is done: the second command waits for it.',
      ],
      [...modeSwitchCommands(c), ...entries],
    );
  }
  text.push('Thank you!', '');
  return { text: text.join('\n'), commands, filename: `ask-admin-${fileSafe(c.name)}-${fileSafe(who.name)}.txt` };
}
