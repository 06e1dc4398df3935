// The access policies offered by the picker (docs/eks-authentication.md §4), widest first.
import { partitionOfRegion } from '../token/sts-endpoint.js';

export const ACCESS_POLICIES = ['AmazonEKSClusterAdminPolicy', 'AmazonEKSAdminPolicy', 'AmazonEKSEditPolicy', 'AmazonEKSViewPolicy'] as const;
export type AccessPolicyName = (typeof ACCESS_POLICIES)[number];

export const ACCESS_POLICY_SUMMARY: Record<AccessPolicyName, string> = {
  AmazonEKSClusterAdminPolicy: 'everything, in every namespace (like system:masters)',
  AmazonEKSAdminPolicy: 'most resources, including RBAC within its scope',
  AmazonEKSEditPolicy: 'create, change and delete most workload resources',
  AmazonEKSViewPolicy: 'read most resources (no Secrets)',
};

/** The policy's ARN in the partition of the cluster's region (arn:aws-cn:eks::aws:… for a cluster in China). */
export function policyArnOf(name: AccessPolicyName, region: string): string {
  return `arn:${partitionOfRegion(region)}:eks::aws:cluster-access-policy/${name}`;
}
