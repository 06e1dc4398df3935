// The cluster a logs call is about, read from its ARN (the contract already checked the ARN's shape).
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
  const m = /^arn:aws[a-z-]*:eks:([a-z0-9-]+):(\d{12}):cluster\/([A-Za-z0-9][A-Za-z0-9_-]*)$/.exec(clusterArn);
  if (!m) throw new ContractError('INVALID_REQUEST', `clusterArn "${clusterArn}" is not an EKS cluster ARN`);
  const [, region, account, name] = m as unknown as [string, string, string, string];
  return { arn: clusterArn, name, region, account, logGroup: `/aws/eks/${name}/cluster` };
}
