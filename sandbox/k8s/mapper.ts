// From a verified AWS identity to a Kubernetes user, by the cluster's authentication mode
// (docs/eks-authentication.md §3): access entries (by principal unique ID), the implicit creator admin
// (CONFIG_MAP), then aws-auth mapRoles, mapUsers, mapAccounts.
import type { AccessEntry, AssociatedPolicy, ClusterState } from '../world/types.js';
import { stripIamPath } from './arn.js';
import { parseAwsAuth, type AwsAuthMappings } from './aws-auth.js';
import type { TokenIdentity } from './token.js';

export type MappingVia = 'access-entry' | 'aws-auth' | 'creator' | 'mapAccounts';

export interface KubeUser {
  username: string;
  groups: string[];
  uid: string;
  extra: { arn: string; canonicalArn: string; sessionName: string; accessKeyId: string; principalId: string };
  via: MappingVia;
  accessPolicies: AssociatedPolicy[];
}

export type MapResult = { ok: true; user: KubeUser } | { ok: false; error: string };

export const NOT_MAPPED = 'ARN is not mapped';

export function renderUsername(template: string, id: TokenIdentity, region: string): string {
  return template
    // The sandbox has no EC2 instances; a node-like private DNS name stands in.
    .replaceAll('{{EC2PrivateDNSName}}', region === 'us-east-1' ? 'ip-10-0-0-1.ec2.internal' : `ip-10-0-0-1.${region}.compute.internal`)
    .replaceAll('{{AccountID}}', id.accountId)
    .replaceAll('{{SessionNameRaw}}', id.sessionName)
    .replaceAll('{{SessionName}}', id.sessionName.replaceAll('@', '-'))
    .replaceAll('{{AccessKeyID}}', id.accessKeyId);
}

function userFor(id: TokenIdentity, username: string, groups: string[], via: MappingVia, policies: AssociatedPolicy[] = []): KubeUser {
  return {
    username,
    groups: [...groups],
    uid: `aws-iam-authenticator:${id.accountId}:${id.userId}`,
    extra: { arn: id.arn, canonicalArn: id.canonicalArn, sessionName: id.sessionName, accessKeyId: id.accessKeyId, principalId: id.principalId },
    via,
    accessPolicies: policies,
  };
}

/** The access entry made for this very principal (its unique ID), if any. */
export function findAccessEntry(cluster: ClusterState, id: TokenIdentity): AccessEntry | undefined {
  for (const e of cluster.accessEntries.values()) if (e.principalId === id.userId) return e;
  return undefined;
}

function isCreator(cluster: ClusterState, id: TokenIdentity): boolean {
  if (!cluster.creatorArn || !cluster.bootstrapClusterCreatorAdminPermissions) return false;
  return stripIamPath(cluster.creatorArn).toLowerCase() === stripIamPath(id.canonicalArn).toLowerCase();
}

// Parsed aws-auth per cluster, reused while the ConfigMap's content is unchanged.
const parsedAwsAuth = new WeakMap<ClusterState, { key: string; maps: AwsAuthMappings }>();

/** The cluster's aws-auth as the authenticator currently reads it (edits apply at once). */
export function currentAwsAuth(cluster: ClusterState): AwsAuthMappings {
  const data = cluster.configMaps.get('kube-system/aws-auth')?.data;
  const key = data ? JSON.stringify(data) : '';
  const cached = parsedAwsAuth.get(cluster);
  if (cached && cached.key === key) return cached.maps;
  const maps = parseAwsAuth(data);
  parsedAwsAuth.set(cluster, { key, maps });
  return maps;
}

export function mapIdentity(cluster: ClusterState, id: TokenIdentity, awsAuth?: AwsAuthMappings): MapResult {
  const mode = cluster.authenticationMode;
  if (mode === 'API' || mode === 'API_AND_CONFIG_MAP') {
    const entry = findAccessEntry(cluster, id);
    if (entry) {
      return { ok: true, user: userFor(id, renderUsername(entry.username, id, cluster.region), entry.kubernetesGroups, 'access-entry', entry.policies) };
    }
  }
  if (mode === 'API') return { ok: false, error: NOT_MAPPED };
  if (mode === 'CONFIG_MAP' && isCreator(cluster, id)) {
    return { ok: true, user: userFor(id, 'kubernetes-admin', ['system:masters'], 'creator') };
  }
  const maps = awsAuth ?? currentAwsAuth(cluster);
  const key = id.canonicalArn.toLowerCase();
  const role = maps.roles.get(key);
  if (role) return { ok: true, user: userFor(id, renderUsername(role.username, id, cluster.region), role.groups, 'aws-auth') };
  const user = maps.users.get(key);
  if (user) return { ok: true, user: userFor(id, renderUsername(user.username, id, cluster.region), user.groups, 'aws-auth') };
  if (maps.accounts.has(id.accountId)) return { ok: true, user: userFor(id, id.arn, [], 'mapAccounts') };
  return { ok: false, error: NOT_MAPPED };
}
