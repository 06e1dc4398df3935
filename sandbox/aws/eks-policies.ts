// The EKS access policies AWS publishes (ListAccessPolicies): names under arn:aws:eks::aws:cluster-access-policy/.
export const ACCESS_POLICY_PREFIX = 'arn:aws:eks::aws:cluster-access-policy/';

export const ACCESS_POLICY_NAMES = [
  'AmazonAIOpsAssistantPolicy',
  'AmazonEKSAdminPolicy',
  'AmazonEKSAdminViewPolicy',
  'AmazonEKSAutoNodePolicy',
  'AmazonEKSBlockStoragePolicy',
  'AmazonEKSClusterAdminPolicy',
  'AmazonEKSComputePolicy',
  'AmazonEKSEditPolicy',
  'AmazonEKSHybridPolicy',
  'AmazonEKSLoadBalancingPolicy',
  'AmazonEKSNetworkingPolicy',
  'AmazonEKSViewPolicy',
  'AmazonEMRJobPolicy',
  'AmazonSagemakerHyperpodClusterPolicy',
  'AmazonSagemakerHyperpodControllerPolicy',
  'AmazonSagemakerHyperpodSystemNamespacePolicy',
] as const;

export const ACCESS_POLICIES: ReadonlyArray<{ name: string; arn: string }> = ACCESS_POLICY_NAMES.map((name) => ({
  name,
  arn: `${ACCESS_POLICY_PREFIX}${name}`,
}));

export function isAccessPolicyArn(arn: string): boolean {
  return ACCESS_POLICIES.some((p) => p.arn === arn);
}
