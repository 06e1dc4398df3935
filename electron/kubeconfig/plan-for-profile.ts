// The update-kubeconfig preview for a profile and a cluster name: DescribeCluster with the profile's
// credentials (as `aws --profile P eks update-kubeconfig --name N` does), then the plan.
import { createScanAwsClients } from '../clusters/aws-clients.js';
import { describeCluster } from '../clusters/describe.js';
import { assumeRoleAs } from '../profiles/assume-role.js';
import { MfaSessionStore, resolveCredentials } from '../profiles/credentials.js';
import type { Env } from '../profiles/deps.js';
import { loadProfiles, regionFor, type ProfileDescriptor } from '../profiles/load.js';
import { defaultProfilesDeps } from '../profiles/service.js';
import { appTokenHelper } from './app-token-helper.js';
import { planUpdate, type UpdatePlan } from './plan.js';
import { UnknownProfileError } from '../common/unknown-profile.js';

export interface ProfilePlanOptions {
  env: Env;
  profile: string;
  /** Cluster name, as DescribeCluster takes it. */
  cluster: string;
  region?: string;
  roleArn?: string;
  /** --assume-role-arn: DescribeCluster as this role (the CLI's session EKSDescribeClusterSession). */
  assumeRoleArn?: string;
  alias?: string;
  userAlias?: string;
  kubeconfig?: string;
  pinProfile?: boolean;
  keepCurrentContext?: boolean;
  /** kubectl gets its token from the app's own command (no aws CLI needed). */
  appTokenHelper?: boolean;
  mfa?: MfaSessionStore;
  now?: () => Date;
  /** A profile the config file does not have yet (an IAM Identity Center identity): DescribeCluster signs in as it. */
  unsaved?: ProfileDescriptor;
}

export { UnknownProfileError };

export class ClusterNotReadyError extends Error {}

export async function planUpdateForProfile(opts: ProfilePlanOptions): Promise<UpdatePlan> {
  const profilesDeps = defaultProfilesDeps(opts.env, opts.now ? { now: opts.now } : {});
  const loaded = await loadProfiles(opts.env);
  let descriptor = loaded.profiles.find((p) => p.name === opts.profile);
  if (!descriptor && opts.unsaved?.name === opts.profile) loaded.profiles.push((descriptor = opts.unsaved));
  if (!descriptor) throw new UnknownProfileError(opts.profile, loaded.files);
  const region = opts.region ?? regionFor(descriptor, profilesDeps);
  let credentials = await resolveCredentials(opts.profile, loaded, profilesDeps, opts.mfa ?? new MfaSessionStore());
  if (opts.assumeRoleArn) credentials = await assumeRoleAs(credentials, opts.assumeRoleArn, 'EKSDescribeClusterSession', region, opts.env);
  const clients = createScanAwsClients(opts.env, { maxAttempts: 3 });
  let described;
  try {
    described = await describeCluster(clients.eks(region, credentials), opts.cluster, region, (call) => call());
  } finally {
    clients.destroy();
  }
  // The CLI refuses an answer without a status and clusters that are not ready (update_kubeconfig.py cluster_description).
  if (!described.status) throw new ClusterNotReadyError('Cluster not found');
  if (!['ACTIVE', 'UPDATING'].includes(described.status)) throw new ClusterNotReadyError(`Cluster status is ${described.status}`);
  return planUpdate({
    env: opts.env,
    cluster: { name: described.name, arn: described.arn, endpoint: described.endpoint, caData: described.caData, ...(described.outpostId ? { outpostId: described.outpostId } : {}) },
    profile: opts.profile,
    roleArn: opts.roleArn,
    alias: opts.alias,
    userAlias: opts.userAlias,
    pinProfile: opts.pinProfile,
    keepCurrentContext: opts.keepCurrentContext,
    ...(opts.appTokenHelper ? { tokenHelper: appTokenHelper() } : {}),
    kubeconfig: opts.kubeconfig,
  });
}

