// The fixes each cause calls for: a fix id, what the app needs to perform it, and steps as argument lists (shown as
// command lines only at the edge, electron/diagnose/fix-command.ts).
import type { CauseCode } from '../../shared/causes.js';
import { defaultUsernameOf, recreateArgvSteps } from '../authmap/access-entry-recreate.js';
import type { RuleContext } from './context.js';
import { isAwsCli } from '../kubeconfig/exec-env.js';
import { fullRoleArn, parsePrincipal, roleWithoutPath } from '../../shared/arn.js';
import { policyArnOf } from '../authmap/access-policies.js';
import type { AwsAuthEntry } from './match.js';
import type { Cause, Fix, FixStep, RoleBindingSpec } from './types.js';

const GET_SVC = ['kubectl', 'get', 'svc'];

interface Names {
  cluster: string;
  region: string;
  profile: string;
  admin: string;
  principal: string;
}

function names(ctx: RuleContext): Names {
  const e = ctx.e;
  // Access entries and aws-auth take the role ARN; an entry may keep the role's path (the profile's role_arn has it).
  const principal = fullRoleArn(e.profileView.roleArn, ctx.canonicalArn) ?? ctx.canonicalArn ?? '<principal-arn>';
  return { cluster: e.cluster?.name ?? e.clusterName, region: e.cluster?.region ?? e.region, profile: e.profile, admin: ctx.adminProfile ?? '<admin-profile>', principal };
}

/**
 * KUBECONFIG_IDENTITY_MISMATCH's fix: kubectl's entry points at the profile that gets in. `alias` rewrites a context
 * of another name than the cluster ARN (the "Your kubectl" page fixes the context it shows).
 */
export function pointEntryAtProfileFix(n: Pick<Names, 'cluster' | 'region'>, profile: string, alias?: string): Fix {
  return updateKubeconfig(n, profile, `Point kubectl's entry for ${n.cluster} at profile ${profile}`, 'use-working-profile', alias);
}

const callerIdentity = (profile: string): FixStep => ({ title: 'Check', argv: ['aws', 'sts', 'get-caller-identity', '--profile', profile] });
const updateKubeconfigArgv = (n: Pick<Names, 'cluster' | 'region'>, profile: string, alias?: string) =>
  ['aws', 'eks', 'update-kubeconfig', '--name', n.cluster, '--region', n.region, '--profile', profile, ...(alias ? ['--alias', alias] : [])];

function updateKubeconfig(n: Pick<Names, 'cluster' | 'region'>, profile: string, title: string, id: 'update-kubeconfig' | 'use-working-profile' = 'update-kubeconfig', alias?: string): Fix {
  return {
    id,
    title,
    params: { profile },
    steps: [
      { title: `Write the kubeconfig entry for ${n.cluster} with profile ${profile}`, argv: updateKubeconfigArgv(n, profile, alias) },
      { title: 'Check that kubectl gets in', argv: GET_SVC },
    ],
  };
}

function appTokenFix(n: Names): Fix {
  return {
    id: 'use-app-token',
    title: "Let kubectl get its token from this app (no aws CLI needed)",
    params: { profile: n.profile },
    steps: [
      { title: `Rewrite the entry for ${n.cluster} so kubectl runs this app's token command with profile ${n.profile} (the app's one-click update does this)`, argv: ['eks-access-doctor', 'update-kubeconfig', '--profile', n.profile, '--cluster', n.cluster, '--region', n.region, '--use-app-token'] },
      { title: 'Check', argv: GET_SVC },
    ],
  };
}

/** Installing (or upgrading) the AWS CLI v2 is the user's to do: the commands for each system. */
function installAwsCliFix(missing: boolean): Fix {
  return {
    id: 'install-aws-cli',
    title: missing ? 'Or install the AWS CLI yourself' : 'Or upgrade the AWS CLI yourself',
    params: {},
    steps: [
      { title: 'Debian or Ubuntu (AWS CLI v2, from AWS)', argv: ['curl', '-fsSL', 'https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip', '-o', 'awscliv2.zip'], then: [['unzip', '-q', 'awscliv2.zip'], ['sudo', './aws/install', '--update']] },
      { title: 'macOS (Homebrew)', argv: ['brew', 'install', 'awscli'] },
      { title: 'Windows (winget)', argv: ['winget', 'install', '-e', '--id', 'Amazon.AWSCLI'] },
      { title: 'Check: version 2 (or 1.16.156 and later) has "aws eks get-token"', argv: ['aws', '--version'] },
    ],
  };
}

function associateViewPolicy(n: Names, principalArn: string): string[] {
  return ['aws', 'eks', 'associate-access-policy', '--cluster-name', n.cluster, '--region', n.region, '--principal-arn', principalArn, '--policy-arn', policyArnOf('AmazonEKSViewPolicy', n.region), '--access-scope', 'type=cluster', '--profile', n.admin];
}

function accessEntryFix(n: Names): Fix {
  return {
    id: 'create-access-entry',
    title: 'Give this identity an access entry (done by a cluster administrator)',
    params: { principalArn: n.principal },
    steps: [
      { title: 'Create the access entry', argv: ['aws', 'eks', 'create-access-entry', '--cluster-name', n.cluster, '--region', n.region, '--principal-arn', n.principal, '--profile', n.admin] },
      { title: 'Associate an access policy (view-only here; choose what the identity needs)', argv: associateViewPolicy(n, n.principal) },
    ],
  };
}

/** CONFIG_MAP clusters: the access entry route, after the one-way switch to API_AND_CONFIG_MAP. */
function accessEntryAfterSwitchFix(n: Names): Fix {
  const entry = accessEntryFix(n);
  return {
    ...entry,
    title: 'Or switch the cluster to access entries and give this identity one (one-way)',
    steps: [
      { title: 'Switch the authentication mode to API_AND_CONFIG_MAP (one-way: it can never go back to CONFIG_MAP; aws-auth keeps working)', argv: ['aws', 'eks', 'update-cluster-config', '--name', n.cluster, '--region', n.region, '--access-config', 'authenticationMode=API_AND_CONFIG_MAP', '--profile', n.admin] },
      ...entry.steps,
    ],
  };
}

type MappingFixId = 'map-identity' | 'map-role-without-path' | 'map-role-arn' | 'fix-near-miss';

function mapIdentityFix(n: Names, username: string, groups: string[], id: MappingFixId = 'map-identity', title?: string): Fix {
  // eksctl writes the ARN as given, and the authenticator compares role ARNs without their path: never map one with it.
  const arn = roleWithoutPath(n.principal) ?? n.principal;
  return {
    id,
    title: title ?? "Add this identity to the cluster's list of who may sign in (aws-auth; done by a cluster administrator)",
    params: {},
    steps: [
      { title: 'Add the mapping to aws-auth', argv: ['eksctl', 'create', 'iamidentitymapping', '--cluster', n.cluster, '--region', n.region, '--arn', arn, '--username', username, ...groups.flatMap((g) => ['--group', g]), '--profile', n.admin] },
    ],
  };
}

function replaceMappingFix(n: Names, wrong: AwsAuthEntry, id: MappingFixId, title: string): Fix {
  const right = mapIdentityFix(n, wrong.username || n.principal.split('/').pop()!, wrong.groups, id, title);
  return {
    id,
    title,
    params: { replaces: wrong.arn },
    steps: [
      { title: `Remove the entry that never matches (${wrong.arn})`, argv: ['eksctl', 'delete', 'iamidentitymapping', '--cluster', n.cluster, '--region', n.region, '--arn', wrong.arn, '--profile', n.admin] },
      { title: `Map ${roleWithoutPath(n.principal) ?? n.principal} with the same username and groups`, argv: right.steps[0]!.argv },
    ],
  };
}

/** A view RoleBinding in "default" for the cell's first own group, else for its username. */
function roleBindingFix(e: RuleContext['e']): Fix {
  const group = (e.cell?.groups ?? []).find((g) => !g.startsWith('system:'));
  const spec: RoleBindingSpec = {
    name: `${(e.cell?.username ?? 'user').replace(/[^a-z0-9-]/gi, '-').toLowerCase()}-view`,
    namespace: 'default',
    clusterRole: 'view',
    subject: group ? { kind: 'Group', name: group } : { kind: 'User', name: e.cell?.username ?? '<user>' },
  };
  return {
    id: 'rbac-binding',
    title: 'Bind a role in the namespace (done by a cluster administrator)',
    params: { roleBinding: spec },
    steps: [{ title: `Let ${group ? 'the group' : 'the user'} view "default"`, argv: ['kubectl', 'create', 'rolebinding', spec.name, `--clusterrole=${spec.clusterRole}`, `--${group ? 'group' : 'user'}=${spec.subject.name}`, '--namespace', spec.namespace] }],
  };
}

function fixesFor(c: Cause, ctx: RuleContext): Fix[] {
  const n = names(ctx);
  const e = ctx.e;
  const v = e.profileView;
  const mode = e.cluster?.authenticationMode;
  const code: CauseCode = c.code;
  const userName = parsePrincipal(v.identity?.arn ?? '')?.name || '<user-name>';
  switch (code) {
    case 'OK':
      return [];
    case 'CREDENTIALS_EXPIRED':
      return v.type === 'sso' || v.sso
        ? [{ id: 'sso-login', title: 'Sign in again (IAM Identity Center)', params: {}, steps: [{ title: 'Sign in (opens the browser)', argv: ['aws', 'sso', 'login', '--profile', n.profile] }, callerIdentity(n.profile)] }]
        : [{ id: 'refresh-credentials', title: 'Get new session credentials for the profile', params: {}, steps: [{ title: 'Replace the expired session credentials (from your identity provider or `aws sts get-session-token`)', argv: ['aws', 'configure', 'set', 'aws_session_token', '<new-session-token>', '--profile', n.profile] }, callerIdentity(n.profile)] }];
    case 'MFA_REQUIRED':
      return [
        {
          id: 'mfa-session',
          title: 'Get an MFA session the token helper can use',
          params: {},
          steps: [
            { title: `Assume ${v.roleArn ?? 'the role'} once with your MFA code (the aws CLI caches the session)`, argv: ['aws', 'sts', 'get-caller-identity', '--profile', n.profile] },
            { title: 'Then kubectl uses the cached session until it expires', argv: GET_SVC },
          ],
        },
      ];
    case 'CREDENTIALS_INVALID':
      return [
        {
          id: 'new-access-key',
          title: 'Give the profile a working access key',
          params: {},
          steps: [
            { title: 'List the keys of the user (an IAM administrator can)', argv: ['aws', 'iam', 'list-access-keys', '--user-name', userName] },
            { title: 'Re-activate the key, or create a new one', argv: ['aws', 'iam', 'create-access-key', '--user-name', userName] },
            { title: 'Store the new key in the profile', argv: ['aws', 'configure', '--profile', n.profile] },
          ],
        },
      ];
    case 'CREDENTIALS_MISSING':
      return [{ id: 'configure-profile', title: 'Give the profile credentials', params: {}, steps: [{ title: 'Set keys, SSO or a role for the profile', argv: ['aws', 'configure', '--profile', n.profile] }, callerIdentity(n.profile)] }];
    case 'CLOCK_SKEW':
      return [{ id: 'sync-clock', title: "Set this machine's clock right", params: {}, steps: [{ title: 'Turn on network time synchronisation (Linux; on macOS/Windows: Date & Time settings → set automatically)', argv: ['sudo', 'timedatectl', 'set-ntp', 'true'] }, callerIdentity(n.profile)] }];
    case 'NO_EKS_PERMISSION': {
      const who = v.identity?.kind === 'user' ? ['put-user-policy', '--user-name', parsePrincipal(v.identity.arn)?.name || '<user>'] : ['put-role-policy', '--role-name', parsePrincipal(ctx.canonicalArn ?? '')?.name || '<role>'];
      const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["eks:DescribeCluster","eks:ListClusters"],"Resource":"*"}]}';
      return [
        {
          id: 'allow-describe-cluster',
          title: 'Let this identity describe EKS clusters (an IAM administrator)',
          params: {},
          steps: [
            { title: 'Attach an inline policy with eks:DescribeCluster and eks:ListClusters', argv: ['aws', 'iam', ...who, '--policy-name', 'eks-describe', '--policy-document', policy] },
            { title: 'Then write the kubeconfig entry', argv: updateKubeconfigArgv(n, n.profile) },
          ],
        },
      ];
    }
    case 'CLUSTER_NOT_FOUND': {
      const owner = e.cluster && e.profiles.find((p) => p.account === e.cluster!.account && p.name !== n.profile)?.name;
      if (owner) return [updateKubeconfig(n, owner, `Use your profile ${owner} (account ${e.cluster!.account}) for ${n.cluster}`, 'use-working-profile')];
      return [{ id: 'list-clusters', title: 'Find the cluster', params: {}, steps: [{ title: `List the clusters this profile sees in ${n.region}`, argv: ['aws', 'eks', 'list-clusters', '--region', n.region, '--profile', n.profile] }] }];
    }
    case 'ENDPOINT_UNREACHABLE':
      return [endpointAccessFix(n, ctx.settingsProfile)];
    case 'NO_KUBECONFIG_ENTRY':
      return [updateKubeconfig(n, n.profile, `Add an entry for ${n.cluster} to kubectl's config (profile ${n.profile})`)];
    case 'KUBECONFIG_STALE':
      return [updateKubeconfig(n, n.profile, `Rewrite kubectl's entry for ${n.cluster} (profile ${n.profile})`)];
    case 'EXEC_PLUGIN_BROKEN': {
      const f = e.kubectl?.failure;
      const usesAws = isAwsCli(e.kubectl?.exec?.command ?? '');
      const missing = usesAws && f?.kind === 'exec-missing';
      const tooOld = usesAws && Boolean(f && /invalid choice|get-token|does not sign x-k8s-aws-id/i.test(`${f.message} ${f.stderr ?? ''}`));
      // Without a working aws CLI, rewriting the same `aws eks get-token` entry cures nothing: the app's own token command does.
      if (missing || tooOld) return [appTokenFix(n), installAwsCliFix(missing)];
      return [updateKubeconfig(n, n.profile, `Rewrite kubectl's entry for ${n.cluster} (profile ${n.profile})`)];
    }
    case 'ENV_CREDENTIALS_OVERRIDE': {
      const vars = e.kubectl?.envOverrides ?? [];
      // The profile kubectl's entry names, when it is one of the user's: pinning a name the config lacks would only
      // trade this failure for "profile not found". Else the diagnosed profile, and the step says why.
      const named = ctx.kubectlProfile;
      const unknown = named && !e.profiles.some((p) => p.name === named) ? named : undefined;
      const profile = named && !unknown ? named : n.profile;
      const instead = unknown ? `; kubectl's entry names profile ${unknown}, which is not one of your profiles, so it gets ${profile}, the one diagnosed` : '';
      // First what the app applies itself and what cures it for every shell; then what only the user can do.
      return [
        {
          id: 'pin-profile',
          title: "Pin the profile in kubectl's entry, so environment keys cannot replace it",
          params: { profile },
          steps: [
            { title: `Rewrite the entry with "--profile ${profile}" in the exec args (the app's one-click update does this)${instead}`, argv: ['eks-access-doctor', 'update-kubeconfig', '--profile', profile, '--cluster', n.cluster, '--region', n.region, '--pin-profile'] },
            { title: 'Check', argv: GET_SVC },
          ],
        },
        { id: 'unset-env-credentials', title: 'Or, in your own shell: remove the credential variables', params: {}, steps: [{ title: 'In the shell (and the profile script that exports them) — only you can do this', argv: ['unset', ...(vars.length ? vars : ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])] }, { title: 'Check', argv: GET_SVC }] },
      ];
    }
    case 'KUBECONFIG_IDENTITY_MISMATCH': {
      const profile = ctx.works || !ctx.creatorProfile ? n.profile : ctx.creatorProfile;
      return [pointEntryAtProfileFix(n, profile)];
    }
    case 'CONFIGMAP_IGNORED':
    case 'NOT_MAPPED':
      if (mode === 'CONFIG_MAP') return [mapIdentityFix(n, parsePrincipal(n.principal)?.kind === 'role' ? `${parsePrincipal(n.principal)!.name.toLowerCase()}:{{SessionName}}` : n.principal.split('/').pop()!, ['<group>']), accessEntryAfterSwitchFix(n)];
      return [accessEntryFix({ ...n, admin: ctx.adminProfile ?? ctx.entryWriter ?? n.admin }), ...(mode === 'API_AND_CONFIG_MAP' && code === 'NOT_MAPPED' ? [mapIdentityFix(n, n.principal.split('/').pop()!, ['<group>'])] : [])];
    case 'MAPPED_WITH_PATH':
      return ctx.analysis?.withPath ? [replaceMappingFix(n, ctx.analysis.withPath, 'map-role-without-path', 'Map the role without its path')] : [];
    case 'MAPPED_SESSION_ARN':
      return ctx.analysis?.sessionArn ? [replaceMappingFix(n, ctx.analysis.sessionArn, 'map-role-arn', 'Map the role instead of its session')] : [];
    case 'MAPPING_NEAR_MISS': {
      const miss = ctx.analysis?.nearMisses[0];
      if (!miss) return [];
      // An entry for another account may be a deliberate cross-account mapping: add ours, leave it alone.
      if (miss.why.startsWith('names account')) return [mapIdentityFix(n, miss.entry.username || n.principal.split('/').pop()!, miss.entry.groups, 'fix-near-miss', "Map this identity like the other account's entry")];
      return [replaceMappingFix(n, miss.entry, 'fix-near-miss', 'Correct the aws-auth entry that almost matches')];
    }
    case 'AWS_AUTH_INVALID': {
      const bad = ctx.analysis?.malformedNaming[0]?.malformed ?? (e.awsAuth?.ok ? e.awsAuth.value.parsed.malformed[0] : undefined);
      const where = bad ? `${bad.key}${bad.line ? ` (line ${bad.line})` : ''}` : 'the malformed aws-auth key';
      return [
        {
          id: 'fix-aws-auth-item',
          title: `Repair ${bad ? `aws-auth ${bad.key}` : 'the malformed aws-auth key'} (done by a cluster administrator)`,
          params: {},
          steps: [
            { title: `Edit ${where}: it must be a YAML list of mappings; groups a list ("- system:masters" on its own line), ARNs and usernames strings`, argv: ['kubectl', 'edit', '-n', 'kube-system', 'configmap/aws-auth', '--context', e.cluster?.arn ?? n.cluster] },
            { title: 'Check that the identity now maps', argv: ['eksctl', 'get', 'iamidentitymapping', '--cluster', n.cluster, '--region', n.region, '--profile', n.admin] },
          ],
        },
      ];
    }
    case 'FORBIDDEN':
      return ctx.entry
        ? [{ id: 'associate-access-policy', title: 'Give the access entry a view policy (done by a cluster administrator)', params: { principalArn: ctx.entry.principalArn }, steps: [{ title: 'As a cluster administrator', argv: associateViewPolicy(n, ctx.entry.principalArn) }] }]
        : [roleBindingFix(e)];
    case 'ACCESS_ENTRY_STALE': {
      const x = ctx.entry;
      if (!x) return [];
      const username = x.username && x.username !== defaultUsernameOf(x.principalArn) ? x.username : undefined;
      const settings = { principalArn: x.principalArn, ...(username ? { username } : {}), kubernetesGroups: x.kubernetesGroups, type: x.type ?? 'STANDARD', policies: x.policies.map((p) => ({ policyArn: p.policyArn, accessScope: { type: p.scope as 'cluster' | 'namespace', ...(p.namespaces.length ? { namespaces: p.namespaces } : {}) } })) };
      return [
        {
          id: 'recreate-access-entry',
          title: 'Re-create the access entry for the current identity, with the same policies and groups (done by a cluster administrator)',
          params: {},
          steps: [...recreateArgvSteps({ name: n.cluster, region: n.region }, n.admin, settings), { title: 'Check that kubectl gets in', argv: GET_SVC }],
        },
      ];
    }
    case 'CREATOR_GONE':
      return [
        {
          id: 'recreate-creator',
          title: "Re-create the creator's IAM identity and sign in with it",
          params: {},
          steps: [
            recreateCreatorStep(e.creator?.arn),
            { title: 'Give it a key and a profile, then write the kubeconfig entry with that profile', argv: updateKubeconfigArgv(n, '<creator-profile>') },
            { title: 'If the creator is unknown or cannot be re-created, open an AWS Support case', argv: ['aws', 'support', 'create-case', '--subject', 'Recover EKS cluster admin access', '--service-code', 'amazon-elastic-kubernetes-service', '--category-code', 'other', '--communication-body', '...'] },
          ],
        },
      ];
  }
}

/** The command that re-creates the creator as it was: its kind, path and name. */
function recreateCreatorStep(arn: string | undefined): FixStep {
  const p = arn ? parsePrincipal(arn) : undefined;
  const path = p?.path ? ['--path', p.path] : [];
  if (p?.kind === 'role') return { title: `Re-create the IAM role ${p.name}${p.path ? ` with the path ${p.path}` : ''} in account ${p.account} (trust policy: who may assume it)`, argv: ['aws', 'iam', 'create-role', '--role-name', p.name, ...path, '--assume-role-policy-document', 'file://trust-policy.json'] };
  if (p?.kind === 'user') return { title: `Re-create the IAM user ${p.name}${p.path ? ` with the path ${p.path}` : ''} in account ${p.account}`, argv: ['aws', 'iam', 'create-user', '--user-name', p.name, ...path] };
  return { title: "Re-create the creator's IAM user or role with exactly the same name and path, in the same account", argv: ['aws', 'iam', 'create-user', '--user-name', '<creator-name>'] };
}

/** Said before the command that opens the API server to the internet: the risk, the safer way, the limit. */
export const PUBLIC_ACCESS_CAUTION =
  "This exposes the cluster's API endpoint to the internet: anyone who finds the address can try to get in. Prefer step 1 (a VPN, a bastion host, or a machine inside the VPC). If you turn public access on, limit it to your own address as this command does (publicAccessCidrs=<your-ip>/32), never to 0.0.0.0/0, which is everyone. The list replaces the addresses allowed so far: add those, separated by commas, if others still need them.";

/**
 * When the API server does not answer: first the way that keeps the cluster private (from inside its VPC), then —
 * only if that is not possible — public access limited to this machine's address, with its risk said first.
 */
function endpointAccessFix(n: Names, by: RuleContext['settingsProfile']): Fix {
  const who = by ? `with your profile ${by.name} (${by.why})` : "with a profile allowed to change the cluster's settings (put its name in place of <admin-profile>)";
  return {
    id: 'endpoint-access',
    title: 'Reach the API server',
    params: {},
    steps: [
      {
        title: "Preferred: reach it from inside the cluster's private network (its VPC), so the cluster stays closed to the internet. Connect your company VPN to that network, or sign in to a machine inside it (a bastion host) and run kubectl there. Then check:",
        argv: GET_SVC,
      },
      { title: "Only if that is not possible: find this machine's public IP address (the address the internet sees)", argv: ['curl', '-s', 'https://checkip.amazonaws.com'] },
      {
        title: `Let the API server answer that one address from the internet: run this ${who}, with this machine's public IP address in place of <your-ip>. The change takes a few minutes; then press Check again`,
        argv: ['aws', 'eks', 'update-cluster-config', '--name', n.cluster, '--region', n.region, '--resources-vpc-config', 'endpointPublicAccess=true,publicAccessCidrs=<your-ip>/32', '--profile', by?.name ?? '<admin-profile>'],
        caution: PUBLIC_ACCESS_CAUTION,
      },
    ],
  };
}

/** The fixes of every cause, in cause order, each id once. */
export function fixesForCauses(causes: Cause[], ctx: RuleContext): Fix[] {
  const seen = new Set<string>();
  const out: Fix[] = [];
  for (const c of causes) {
    for (const f of fixesFor(c, ctx)) {
      if (seen.has(f.id)) continue;
      seen.add(f.id);
      out.push(f);
    }
  }
  return out;
}
