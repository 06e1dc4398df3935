// EKS cluster ARNs: one reader and one writer, in every partition, and the contract's schema uses the same rule.
import { describe, expect, it } from 'vitest';
import { clusterArnOf, clusterLabel, parseClusterArn } from '../../shared/cluster-arn.js';
import { channels } from '../../shared/contract.js';

describe('cluster ARNs', () => {
  it.each([
    ['arn:aws:eks:us-east-1:111122223333:cluster/prod', { partition: 'aws', region: 'us-east-1', account: '111122223333', name: 'prod' }],
    ['arn:aws-cn:eks:cn-north-1:111122223333:cluster/dev_2', { partition: 'aws-cn', region: 'cn-north-1', account: '111122223333', name: 'dev_2' }],
    ['arn:aws-us-gov:eks:us-gov-west-1:111122223333:cluster/gov', { partition: 'aws-us-gov', region: 'us-gov-west-1', account: '111122223333', name: 'gov' }],
  ])('%s reads and writes back the same', (arn, parts) => {
    expect(parseClusterArn(arn)).toEqual(parts);
    expect(clusterArnOf(parts)).toBe(arn);
  });

  it.each([
    'arn:aws:eks:us-east-1:111122223333:cluster/a/b',
    'arn:aws:eks:us-east-1:1111:cluster/prod',
    'arn:aws:iam::111122223333:role/prod',
    'arn:nope:eks:us-east-1:111122223333:cluster/prod',
    'prod',
  ])('%s is not a cluster ARN, for the parser and the contract alike', (arn) => {
    expect(parseClusterArn(arn)).toBeUndefined();
    expect(clusterLabel(arn)).toBe(arn);
    expect(channels['cell.verify'].request.safeParse({ profile: 'p', clusterArn: arn }).success).toBe(false);
  });
});
