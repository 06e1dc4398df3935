// The EKS access policies AWS publishes (ListAccessPolicies): names under arn:<partition>:eks::aws:cluster-access-policy/.

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

/** The policies as a partition names them (arn:aws-cn:eks::aws:cluster-access-policy/… in China). */
export function accessPoliciesIn(partition: string): Array<{ name: string; arn: string }> {
  return ACCESS_POLICY_NAMES.map((name) => ({ name, arn: `arn:${partition}:eks::aws:cluster-access-policy/${name}` }));
}

export function isAccessPolicyArn(arn: string, partition = 'aws'): boolean {
  return accessPoliciesIn(partition).some((p) => p.arn === arn);
}
