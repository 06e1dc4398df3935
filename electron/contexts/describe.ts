// What a kubeconfig context says on its face: whether it is an EKS cluster, which one, and how kubectl gets its
// credentials (the exec command, the AWS profile and role it runs with) — before anything is run.
import { parseClusterArn } from '../../shared/cluster-arn.js';
import type { ContextCredentialView, CredentialKind, ProfileSource } from '../../shared/contexts-types.js';
import { execEnvEntries, isAwsCli } from '../kubeconfig/exec-env.js';
import { redactArgs, redactEnvEntries } from '../../shared/redact.js';
import { shellArg } from '../../shared/shell-arg.js';
import type { FoundContext } from '../kubeconfig/find.js';
import type { Env } from '../profiles/deps.js';
import { TOKEN_PREFIX } from '../token/exec-credential.js';

export interface ContextFacts {
  name: string;
  file: string;
  server?: string;
  caData?: string;
  caFile?: string;
  eks: boolean;
  clusterArn?: string;
  /** The cluster name the token is made for (x-k8s-aws-id). */
  clusterName?: string;
  region?: string;
  account?: string;
  credential: Omit<ContextCredentialView, 'envOverrides' | 'profileExists'>;
}

const EKS_HOST = /\.([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d)\.eks\.amazonaws\.com(?:\.cn)?$/i;

/** The value after `flag` (or `flag=value`) in an argument list. */
export function argValue(args: string[], ...flags: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    for (const f of flags) {
      if (a === f && i + 1 < args.length) return args[i + 1];
      if (a.startsWith(`${f}=`)) return a.slice(f.length + 1);
    }
  }
  return undefined;
}

function basename(command: string): string {
  return command.split(/[\\/]/).pop()!.replace(/\.(exe|cmd)$/i, '');
}

function credentialKind(command: string, args: string[]): CredentialKind {
  if (isAwsCli(command)) return args.includes('get-token') ? 'aws-cli' : 'other-exec';
  const base = basename(command);
  if (base === 'aws-iam-authenticator') return 'aws-iam-authenticator';
  if (base === 'eks-access-doctor' || (args.includes('token') && args.includes('--cluster'))) return 'app-token';
  return 'other-exec';
}

/** The profile botocore will use: --profile (aws CLI and the app), the exec env, the inherited env, else the default chain. */
function profileOf(kind: CredentialKind, args: string[], execEnv: Array<{ name: string; value: string }>, env: Env): { profile: string; source: ProfileSource } {
  const fromArgs = kind === 'aws-cli' || kind === 'app-token' ? argValue(args, '--profile') : undefined;
  if (fromArgs) return { profile: fromArgs, source: 'exec-args' };
  const fromExecEnv = [...execEnv].reverse().find((v) => v.name === 'AWS_PROFILE' && v.value)?.value;
  if (fromExecEnv) return { profile: fromExecEnv, source: 'exec-env' };
  if (env.AWS_PROFILE) return { profile: env.AWS_PROFILE, source: 'environment' };
  return { profile: 'default', source: 'default-chain' };
}

export function describeContext(found: FoundContext, env: Env): ContextFacts {
  const clusterFields = found.cluster?.entry.cluster ?? {};
  const clusterRef = String(found.context.entry.context?.cluster ?? '');
  const server = typeof clusterFields.server === 'string' ? clusterFields.server : undefined;
  const user = found.user?.entry.user;
  const exec = user?.exec;
  const command = typeof exec?.command === 'string' ? exec.command : '';
  const args = (exec?.args ?? []).map(String);
  const execEnv = execEnvEntries(exec);

  let kind: CredentialKind;
  if (exec) kind = credentialKind(command, args);
  else if (typeof user?.token === 'string' || typeof user?.tokenFile === 'string') kind = 'static-token';
  else if (user?.['client-certificate-data'] || user?.['client-certificate']) kind = 'client-certificate';
  else kind = 'none';

  const arnText = parseClusterArn(clusterRef) ? clusterRef : parseClusterArn(found.name) ? found.name : undefined;
  const arn = arnText ? { arn: arnText, ...parseClusterArn(arnText)! } : undefined;
  let host: string;
  try {
    host = server ? new URL(server).hostname : '';
  } catch {
    host = '';
  }
  const hostRegion = EKS_HOST.exec(host)?.[1];
  const tokenCluster =
    kind === 'aws-cli' ? argValue(args, '--cluster-name') : kind === 'aws-iam-authenticator' ? argValue(args, '-i', '--cluster-id') : kind === 'app-token' ? argValue(args, '--cluster') : undefined;
  const eks = Boolean(arn || hostRegion || kind === 'aws-cli' || kind === 'aws-iam-authenticator' || kind === 'app-token' || (typeof user?.token === 'string' && user.token.startsWith(TOKEN_PREFIX)));
  const region = arn?.region ?? argValue(args, '--region') ?? hostRegion ?? execEnv.find((v) => v.name === 'AWS_REGION' || v.name === 'AWS_DEFAULT_REGION')?.value;
  const clusterName = tokenCluster ?? arn?.name;

  const credential: ContextFacts['credential'] = { kind };
  if (exec) {
    // The exec block's environment first (AWS_PROFILE=bob …): run as shown in a terminal, the helper then signs in
    // as kubectl's run of it does, not as the terminal's own default profile.
    credential.command = [...redactEnvEntries(execEnv).map((e) => `${e.name}=${shellArg(e.value)}`), ...[command, ...redactArgs(args)].map(shellArg)].join(' ');
    if (kind !== 'other-exec') {
      const p = profileOf(kind, args, execEnv, env);
      credential.profile = p.profile;
      credential.profileSource = p.source;
    }
    const roleArn = kind === 'aws-iam-authenticator' ? argValue(args, '-r', '--role') : argValue(args, '--role-arn', '--role');
    if (roleArn) credential.roleArn = roleArn;
  }
  return {
    name: found.name,
    file: found.context.file,
    ...(server ? { server } : {}),
    ...(typeof clusterFields['certificate-authority-data'] === 'string' ? { caData: clusterFields['certificate-authority-data'] } : {}),
    ...(typeof clusterFields['certificate-authority'] === 'string' ? { caFile: clusterFields['certificate-authority'] } : {}),
    eks,
    ...(arn ? { clusterArn: arn.arn, account: arn.account } : {}),
    ...(clusterName ? { clusterName } : {}),
    ...(region ? { region } : {}),
    credential,
  };
}
