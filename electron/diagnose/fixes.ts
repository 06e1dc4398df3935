// The fixes each cause calls for, as steps with the equivalent CLI command. IDs are stable: `fix --fix ID`.
import type { CauseCode } from '../../shared/causes.js';
import { defaultUsernameOf, recreateSteps } from '../authmap/access-entry-recreate.js';
import type { RuleContext } from './context.js';
import { shellArgOrPlaceholder } from '../../shared/shell-arg.js';
import { isAwsCli } from '../kubeconfig/exec-env.js';
import { fullRoleArn, parsePrincipal, roleWithoutPath } from '../../shared/arn.js';
import { policyArnOf } from '../authmap/access-policies.js';
import type { AwsAuthEntry } from './match.js';
import type { Cause, Fix } from './types.js';

const q = shellArgOrPlaceholder;

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

function updateKubeconfig(n: Pick<Names, 'cluster' | 'region'>, profile: string, title: string, id = 'update-kubeconfig', alias?: string): Fix {
  return {
    id,
    title,
    steps: [
      { title: `Write the kubeconfig entry for ${n.cluster} with profile ${profile}`, command: `aws eks update-kubeconfig --name ${q(n.cluster)} --region ${n.region} --profile ${q(profile)}${alias ? ` --alias ${q(alias)}` : ''}` },
      { title: 'Check that kubectl gets in', command: 'kubectl get svc' },
    ],
  };
}

function appTokenFix(n: Names): Fix {
  return {
    id: 'use-app-token',
    title: "Let kubectl get its token from this app (no aws CLI needed)",
    steps: [
      { title: `Rewrite the entry for ${n.cluster} so kubectl runs this app's token command with profile ${n.profile} (the app's one-click update does this)`, command: `eks-access-doctor update-kubeconfig --profile ${q(n.profile)} --cluster ${q(n.cluster)} --region ${n.region} --use-app-token` },
      { title: 'Check', command: 'kubectl get svc' },
    ],
  };
}

/** Installing (or upgrading) the AWS CLI v2 is the user's to do: the commands for each system. */
function installAwsCliFix(missing: boolean): Fix {
  return {
    id: 'install-aws-cli',
    title: missing ? 'Or install the AWS CLI yourself' : 'Or upgrade the AWS CLI yourself',
    steps: [
      { title: 'Debian or Ubuntu (AWS CLI v2, from AWS)', command: 'curl -fsSL https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip -o awscliv2.zip && unzip -q awscliv2.zip && sudo ./aws/install --update' },
      { title: 'macOS (Homebrew)', command: 'brew install awscli' },
      { title: 'Windows (winget)', command: 'winget install -e --id Amazon.AWSCLI' },
      { title: 'Check: version 2 (or 1.16.156 and later) has "aws eks get-token"', command: 'aws --version' },
    ],
  };
}

function accessEntryFix(n: Names): Fix {
  return {
    id: 'create-access-entry',
    title: 'Give this identity an access entry (a cluster administrator)',
    steps: [
      { title: 'Create the access entry', command: `aws eks create-access-entry --cluster-name ${q(n.cluster)} --region ${n.region} --principal-arn ${q(n.principal)} --profile ${q(n.admin)}` },
      { title: 'Associate an access policy (view-only here; choose what the identity needs)', command: `aws eks associate-access-policy --cluster-name ${q(n.cluster)} --region ${n.region} --principal-arn ${q(n.principal)} --policy-arn ${policyArnOf('AmazonEKSViewPolicy', n.region)} --access-scope type=cluster --profile ${q(n.admin)}` },
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
      { title: 'Switch the authentication mode to API_AND_CONFIG_MAP (one-way: it can never go back to CONFIG_MAP; aws-auth keeps working)', command: `aws eks update-cluster-config --name ${q(n.cluster)} --region ${n.region} --access-config authenticationMode=API_AND_CONFIG_MAP --profile ${q(n.admin)}` },
      ...entry.steps,
    ],
  };
}

function mapIdentityFix(n: Names, username: string, groups: string[], id = 'map-identity', title?: string): Fix {
  const groupArgs = groups.map((g) => ` --group ${q(g)}`).join('');
  // eksctl writes the ARN as given, and the authenticator compares role ARNs without their path: never map one with it.
  const arn = roleWithoutPath(n.principal) ?? n.principal;
  return {
    id,
    title: title ?? 'Map this identity in aws-auth (a cluster administrator)',
    steps: [
      { title: 'Add the mapping to aws-auth', command: `eksctl create iamidentitymapping --cluster ${q(n.cluster)} --region ${n.region} --arn ${q(arn)} --username ${q(username)}${groupArgs} --profile ${q(n.admin)}` },
    ],
  };
}

function replaceMappingFix(n: Names, wrong: AwsAuthEntry, id: string, title: string): Fix {
  const right = mapIdentityFix(n, wrong.username || n.principal.split('/').pop()!, wrong.groups, id, title);
  return {
    id,
    title,
    steps: [
      { title: `Remove the entry that never matches (${wrong.arn})`, command: `eksctl delete iamidentitymapping --cluster ${q(n.cluster)} --region ${n.region} --arn ${q(wrong.arn)} --profile ${q(n.admin)}` },
      { title: `Map ${roleWithoutPath(n.principal) ?? n.principal} with the same username and groups`, command: right.steps[0]!.command },
    ],
  };
}

function fixesFor(c: Cause, ctx: RuleContext): Fix[] {
  const n = names(ctx);
  const e = ctx.e;
  const v = e.profileView;
  const mode = e.cluster?.authenticationMode;
  const code: CauseCode = c.code;
  switch (code) {
    case 'OK':
      return [];
    case 'CREDENTIALS_EXPIRED':
      return v.type === 'sso' || v.sso
        ? [{ id: 'sso-login', title: 'Sign in again (IAM Identity Center)', steps: [{ title: 'Sign in (opens the browser)', command: `aws sso login --profile ${q(n.profile)}` }, { title: 'Check', command: `aws sts get-caller-identity --profile ${q(n.profile)}` }] }]
        : [{ id: 'refresh-credentials', title: 'Get new session credentials for the profile', steps: [{ title: 'Replace the expired session credentials (from your identity provider or `aws sts get-session-token`)', command: `aws configure set aws_session_token <new-session-token> --profile ${q(n.profile)}` }, { title: 'Check', command: `aws sts get-caller-identity --profile ${q(n.profile)}` }] }];
    case 'MFA_REQUIRED':
      return [
        {
          id: 'mfa-session',
          title: 'Get an MFA session the token helper can use',
          steps: [
            { title: `Assume ${v.roleArn ?? 'the role'} once with your MFA code (the aws CLI caches the session)`, command: `aws sts get-caller-identity --profile ${q(n.profile)}` },
            { title: 'Then kubectl uses the cached session until it expires', command: 'kubectl get svc' },
          ],
        },
      ];
    case 'CREDENTIALS_INVALID':
      return [
        {
          id: 'new-access-key',
          title: 'Give the profile a working access key',
          steps: [
            { title: 'List the keys of the user (an IAM administrator can)', command: `aws iam list-access-keys --user-name ${q(parsePrincipal(v.identity?.arn ?? '')?.name || '<user-name>')}` },
            { title: 'Re-activate the key, or create a new one', command: `aws iam create-access-key --user-name ${q(parsePrincipal(v.identity?.arn ?? '')?.name || '<user-name>')}` },
            { title: 'Store the new key in the profile', command: `aws configure --profile ${q(n.profile)}` },
          ],
        },
      ];
    case 'CREDENTIALS_MISSING':
      return [{ id: 'configure-profile', title: 'Give the profile credentials', steps: [{ title: 'Set keys, SSO or a role for the profile', command: `aws configure --profile ${q(n.profile)}` }, { title: 'Check', command: `aws sts get-caller-identity --profile ${q(n.profile)}` }] }];
    case 'CLOCK_SKEW':
      return [{ id: 'sync-clock', title: "Set this machine's clock right", steps: [{ title: 'Turn on network time synchronisation (Linux; on macOS/Windows: Date & Time settings → set automatically)', command: 'sudo timedatectl set-ntp true' }, { title: 'Check', command: `aws sts get-caller-identity --profile ${q(n.profile)}` }] }];
    case 'NO_EKS_PERMISSION':
      return [
        {
          id: 'allow-describe-cluster',
          title: 'Let this identity describe EKS clusters (an IAM administrator)',
          steps: [
            {
              title: 'Attach an inline policy with eks:DescribeCluster and eks:ListClusters',
              command: `aws iam put-${v.identity?.kind === 'user' ? `user-policy --user-name ${q(parsePrincipal(v.identity.arn)?.name || '<user>')}` : `role-policy --role-name ${q(parsePrincipal(ctx.canonicalArn ?? '')?.name || '<role>')}`} --policy-name eks-describe --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["eks:DescribeCluster","eks:ListClusters"],"Resource":"*"}]}'`,
            },
            { title: 'Then write the kubeconfig entry', command: `aws eks update-kubeconfig --name ${q(n.cluster)} --region ${n.region} --profile ${q(n.profile)}` },
          ],
        },
      ];
    case 'CLUSTER_NOT_FOUND': {
      const owner = e.cluster && e.profiles.find((p) => p.account === e.cluster!.account && p.name !== n.profile)?.name;
      if (owner) return [updateKubeconfig(n, owner, `Use your profile ${owner} (account ${e.cluster!.account}) for ${n.cluster}`, 'use-working-profile')];
      return [{ id: 'list-clusters', title: 'Find the cluster', steps: [{ title: `List the clusters this profile sees in ${n.region}`, command: `aws eks list-clusters --region ${n.region} --profile ${q(n.profile)}` }] }];
    }
    case 'ENDPOINT_UNREACHABLE':
      return [
        {
          id: 'endpoint-access',
          title: 'Reach the API server',
          steps: [
            { title: 'Connect from inside the VPC (VPN, bastion host), or allow public access from your address', command: `aws eks update-cluster-config --name ${q(n.cluster)} --region ${n.region} --resources-vpc-config endpointPublicAccess=true,publicAccessCidrs=<your-ip>/32 --profile ${q(n.admin)}` },
          ],
        },
      ];
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
      const profile = ctx.kubectlProfile ?? n.profile;
      // First what the app applies itself and what cures it for every shell; then what only the user can do.
      return [
        {
          id: 'pin-profile',
          title: "Pin the profile in kubectl's entry, so environment keys cannot replace it",
          steps: [
            { title: `Rewrite the entry with "--profile ${profile}" in the exec args (the app's one-click update does this)`, command: `eks-access-doctor update-kubeconfig --profile ${q(profile)} --cluster ${q(n.cluster)} --region ${n.region} --pin-profile` },
            { title: 'Check', command: 'kubectl get svc' },
          ],
        },
        { id: 'unset-env-credentials', title: 'Or, in your own shell: remove the credential variables', steps: [{ title: 'In the shell (and the profile script that exports them) — only you can do this', command: `unset ${vars.join(' ') || 'AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN'}` }, { title: 'Check', command: 'kubectl get svc' }] },
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
          title: `Repair ${bad ? `aws-auth ${bad.key}` : 'the malformed aws-auth key'} (a cluster administrator)`,
          steps: [
            { title: `Edit ${where}: it must be a YAML list of mappings; groups a list ("- system:masters" on its own line), ARNs and usernames strings`, command: `kubectl edit -n kube-system configmap/aws-auth --context ${q(e.cluster?.arn ?? n.cluster)}` },
            { title: 'Check that the identity now maps', command: `eksctl get iamidentitymapping --cluster ${q(n.cluster)} --region ${n.region} --profile ${q(n.admin)}` },
          ],
        },
      ];
    }
    case 'FORBIDDEN':
      return ctx.entry
        ? [{ id: 'associate-access-policy', title: 'Give the access entry a view policy (a cluster administrator)', steps: [{ title: 'As a cluster administrator', command: `aws eks associate-access-policy --cluster-name ${q(n.cluster)} --region ${n.region} --principal-arn ${q(ctx.entry.principalArn)} --policy-arn ${policyArnOf('AmazonEKSViewPolicy', n.region)} --access-scope type=cluster --profile ${q(n.admin)}` }] }]
        : [
            {
              id: 'rbac-binding',
              title: 'Bind a role in the namespace (a cluster administrator)',
              steps: [{ title: `Let ${(e.cell?.groups ?? []).find((g) => !g.startsWith('system:')) ? 'the group' : 'the user'} view "default"`, command: `kubectl create rolebinding ${q(`${(e.cell?.username ?? 'user').replace(/[^a-z0-9-]/gi, '-').toLowerCase()}-view`)} --clusterrole=view ${(e.cell?.groups ?? []).find((g) => !g.startsWith('system:')) ? `--group=${q((e.cell!.groups ?? []).find((g) => !g.startsWith('system:'))!)}` : `--user=${q(e.cell?.username ?? '<user>')}`} --namespace default` }],
            },
          ];
    case 'ACCESS_ENTRY_STALE': {
      const x = ctx.entry;
      if (!x) return [];
      const username = x.username && x.username !== defaultUsernameOf(x.principalArn) ? x.username : undefined;
      const settings = { principalArn: x.principalArn, ...(username ? { username } : {}), kubernetesGroups: x.kubernetesGroups, type: x.type ?? 'STANDARD', policies: x.policies.map((p) => ({ policyArn: p.policyArn, accessScope: { type: p.scope as 'cluster' | 'namespace', ...(p.namespaces.length ? { namespaces: p.namespaces } : {}) } })) };
      return [
        {
          id: 'recreate-access-entry',
          title: 'Re-create the access entry for the current identity, with the same policies and groups (a cluster administrator)',
          steps: [...recreateSteps({ name: n.cluster, region: n.region }, n.admin, settings), { title: 'Check that kubectl gets in', command: 'kubectl get svc' }],
        },
      ];
    }
    case 'CREATOR_GONE':
      return [
        {
          id: 'recreate-creator',
          title: "Re-create the creator's IAM identity and sign in with it",
          steps: [
            recreateCreatorStep(e.creator?.arn),
            { title: 'Give it a key and a profile, then write the kubeconfig entry with that profile', command: `aws eks update-kubeconfig --name ${q(n.cluster)} --region ${n.region} --profile <creator-profile>` },
            { title: 'If the creator is unknown or cannot be re-created, open an AWS Support case', command: 'aws support create-case --subject "Recover EKS cluster admin access" --service-code amazon-elastic-kubernetes-service --category-code other --communication-body "..."' },
          ],
        },
      ];
  }
}

/** The command that re-creates the creator as it was: its kind, path and name. */
function recreateCreatorStep(arn: string | undefined): { title: string; command: string } {
  const p = arn ? parsePrincipal(arn) : undefined;
  const path = p?.path ? ` --path ${p.path}` : '';
  if (p?.kind === 'role') return { title: `Re-create the IAM role ${p.name}${p.path ? ` with the path ${p.path}` : ''} in account ${p.account} (trust policy: who may assume it)`, command: `aws iam create-role --role-name ${q(p.name)}${path} --assume-role-policy-document file://trust-policy.json` };
  if (p?.kind === 'user') return { title: `Re-create the IAM user ${p.name}${p.path ? ` with the path ${p.path}` : ''} in account ${p.account}`, command: `aws iam create-user --user-name ${q(p.name)}${path}` };
  return { title: "Re-create the creator's IAM user or role with exactly the same name and path, in the same account", command: 'aws iam create-user --user-name <creator-name>' };
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
