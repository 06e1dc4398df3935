// The access policies offered by the picker (docs/eks-authentication.md §4), widest first.
export const ACCESS_POLICY_PREFIX = 'arn:aws:eks::aws:cluster-access-policy/';

export const ACCESS_POLICIES = ['AmazonEKSClusterAdminPolicy', 'AmazonEKSAdminPolicy', 'AmazonEKSEditPolicy', 'AmazonEKSViewPolicy'] as const;
export type AccessPolicyName = (typeof ACCESS_POLICIES)[number];

export const ACCESS_POLICY_SUMMARY: Record<AccessPolicyName, string> = {
  AmazonEKSClusterAdminPolicy: 'everything, in every namespace (like system:masters)',
  AmazonEKSAdminPolicy: 'most resources, including RBAC within its scope',
  AmazonEKSEditPolicy: 'create, change and delete most workload resources',
  AmazonEKSViewPolicy: 'read most resources (no Secrets)',
};

export function policyArnOf(name: AccessPolicyName): string {
  return ACCESS_POLICY_PREFIX + name;
}
