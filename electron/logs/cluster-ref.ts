// The cluster a logs call is about, read from its ARN (the contract already checked the ARN's shape).
import { parseClusterArn } from '../../shared/cluster-arn.js';
import { ContractError } from '../../shared/contract-kit.js';

export interface ClusterRef {
  arn: string;
  name: string;
  region: string;
  account: string;
  /** Where EKS writes the control-plane logs. */
  logGroup: string;
}

export function clusterRefOf(clusterArn: string): ClusterRef {
  const parts = parseClusterArn(clusterArn);
  if (!parts) throw new ContractError('INVALID_REQUEST', `clusterArn "${clusterArn}" is not an EKS cluster ARN`);
  return { arn: clusterArn, ...parts, logGroup: `/aws/eks/${parts.name}/cluster` };
}
