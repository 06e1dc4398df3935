// EKS cluster ARNs (`arn:PARTITION:eks:REGION:ACCOUNT:cluster/NAME`): the one place that reads and writes them.
import { PARTITIONS } from './arn.js';

/** A cluster name as EKS accepts it. */
export const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** A whole EKS cluster ARN (the contract validates requests with it). */
export const CLUSTER_ARN = new RegExp(`^arn:(${PARTITIONS.join('|')}):eks:([a-z0-9-]+):(\\d{12}):cluster/(${CLUSTER_NAME.source.slice(1, -1)})$`);

export interface ClusterArnParts {
  partition: string;
  region: string;
  account: string;
  name: string;
}

/** The parts of an EKS cluster ARN, or undefined for anything else. */
export function parseClusterArn(arn: string): ClusterArnParts | undefined {
  const m = CLUSTER_ARN.exec(arn);
  return m ? { partition: m[1]!, region: m[2]!, account: m[3]!, name: m[4]! } : undefined;
}

/** The partition a region belongs to (cn-north-1 → aws-cn, us-gov-west-1 → aws-us-gov, us-iso-east-1 → aws-iso). */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}

/** The ARN of a cluster from its region, account and name (the partition follows the region). */
export function clusterArnOf(c: { region: string; account: string; name: string }): string {
  return `arn:${partitionOfRegion(c.region)}:eks:${c.region}:${c.account}:cluster/${c.name}`;
}

/** A kubeconfig name as people know it: the cluster name of an EKS ARN, else the name itself. */
export function clusterLabel(name: string): string {
  return parseClusterArn(name)?.name ?? name;
}
