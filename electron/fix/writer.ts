// Who may write a grant: the candidates the matrix shows, best first — a profile whose cell is ADMIN, then one that
// may update aws-auth, then the one that listed the access entries (grant.options says which of them cannot).
// The cluster as the writer sees it.
import { fullRoleArn } from '../../shared/arn.js';
import { describeClusterTarget } from '../authmap/cluster-target.js';
import type { AuthenticationMode, ClusterTarget, Writer } from '../authmap/types.js';
import type { Evidence } from '../diagnose/types.js';
import type { ProfilesService } from '../profiles/service.js';
import type { Env } from '../profiles/deps.js';

export const UPDATE_AWS_AUTH = 'SelfSubjectAccessReview: update configmap aws-auth in kube-system';

/** Candidate admin profiles for the diagnosed cluster, best first (the diagnosed profile only as the one that listed the access entries). */
export function adminCandidates(e: Evidence): string[] {
  const others = e.cells.filter((c) => c.profile !== e.profile && e.profiles.some((p) => p.name === c.profile));
  const admins = others.filter((c) => c.outcome === 'ADMIN').map((c) => c.profile);
  const awsAuthWriters = others.filter((c) => c.outcome !== 'ADMIN' && c.evidence.steps.some((s) => s.call === UPDATE_AWS_AUTH && s.allowed)).map((c) => c.profile);
  // In the access-entry modes a profile that listed the entries may call that API, Kubernetes access or not.
  const entryWriter = e.cluster?.authenticationMode !== 'CONFIG_MAP' && e.accessEntries?.ok ? e.accessEntries.via : undefined;
  const all = [...admins.sort(), ...awsAuthWriters.sort()];
  return entryWriter && !all.includes(entryWriter) ? [...all, entryWriter] : all;
}

export async function writerFor(profiles: Pick<ProfilesService, 'credentials'>, name: string): Promise<Writer> {
  return { profile: name, credentials: await profiles.credentials(name) };
}

/** The cluster from the diagnosis' DescribeCluster, or described again with the writer's credentials. */
export async function clusterTarget(e: Evidence, writer: Writer | undefined, env: Env): Promise<ClusterTarget | undefined> {
  const c = e.cluster;
  if (c?.endpoint && c.caData && c.arn) {
    return { name: c.name, region: c.region, arn: c.arn, endpoint: c.endpoint, caData: c.caData, authenticationMode: (c.authenticationMode ?? 'CONFIG_MAP') as AuthenticationMode };
  }
  return writer ? describeClusterTarget(e.clusterName, e.region, writer, env) : undefined;
}

/**
 * The ARN to grant: the profile's role_arn when it is the role STS reports (it keeps the role's path, which access
 * entries need), else what STS reported (aws-auth planning removes paths and sessions itself).
 */
export function principalOf(e: Evidence): string | undefined {
  const v = e.profileView;
  return fullRoleArn(v.roleArn, v.identity?.canonicalArn) ?? v.identity?.arn;
}
