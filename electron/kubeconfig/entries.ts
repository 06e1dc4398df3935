// The cluster, user and context entries `aws eks update-kubeconfig` writes
// (awscli/customizations/eks/update_kubeconfig.py get_cluster_entry / get_user_entry, kubeconfig.py _make_context),
// key order included, plus the option to pin the profile in the exec args.
import { parseClusterArn } from '../../shared/cluster-arn.js';
import type { TokenHelper } from './app-token-helper.js';
import type { NamedCluster, NamedContext, NamedUser } from './types.js';

export const EXEC_API_VERSION = 'client.authentication.k8s.io/v1beta1';

/** What DescribeCluster said about the cluster. */
export interface DescribedCluster {
  name: string;
  arn: string;
  endpoint: string;
  caData: string;
  /** Set for EKS on Outposts: the token is then requested with --cluster-id. */
  outpostId?: string;
}

export interface EntryOptions {
  /** The profile kubectl's `aws eks get-token` should use (AWS_PROFILE in the exec env). */
  profile?: string;
  roleArn?: string;
  /** Context name (default: the user entry's name). */
  alias?: string;
  /** User entry name (default: the cluster ARN). */
  userAlias?: string;
  /**
   * Also pass `--profile P` in the exec args. The CLI's own entry only sets AWS_PROFILE, and botocore puts
   * environment keys (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) ahead of AWS_PROFILE in its credential chain;
   * a profile given with --profile removes the environment provider from that chain, so stray keys in the
   * user's shell can no longer replace the profile.
   */
  pinProfile?: boolean;
  /**
   * The app's own token command instead of `aws eks get-token`: kubectl then needs no aws CLI, and tokens come
   * from the app's cache. Everything else in the entry is as the aws CLI writes it.
   */
  tokenHelper?: TokenHelper;
}

export interface KubeconfigEntries {
  cluster: NamedCluster;
  user: NamedUser;
  context: NamedContext;
}

export function updateKubeconfigEntries(described: DescribedCluster, opts: EntryOptions = {}): KubeconfigEntries {
  const region = parseClusterArn(described.arn)?.region ?? '';
  const cluster = { cluster: { 'certificate-authority-data': described.caData, server: described.endpoint }, name: described.arn } as NamedCluster;
  const clusterId = described.outpostId ?? described.name;
  const helper = opts.tokenHelper;
  const args = helper
    ? [...helper.args, 'token', '--region', region, '--cluster', clusterId, ...(opts.roleArn ? ['--role-arn', opts.roleArn] : [])]
    : [
        '--region',
        region,
        'eks',
        'get-token',
        ...(described.outpostId ? ['--cluster-id', clusterId] : ['--cluster-name', clusterId]),
        '--output',
        'json',
        // This CLI version writes "--role", an abbreviation argparse accepts for get-token's --role-arn.
        ...(opts.roleArn ? ['--role', opts.roleArn] : []),
      ];
  if (opts.pinProfile && opts.profile) args.push('--profile', opts.profile);
  const exec: Record<string, unknown> = { apiVersion: EXEC_API_VERSION, args, command: helper?.command ?? 'aws' };
  const env = [...(helper?.env ?? []), ...(opts.profile ? [{ name: 'AWS_PROFILE', value: opts.profile }] : [])];
  if (env.length) exec.env = env;
  const user = { name: opts.userAlias || described.arn, user: { exec } } as NamedUser;
  const context = { context: { cluster: cluster.name, user: user.name }, name: opts.alias || user.name } as NamedContext;
  return { cluster, user, context };
}
