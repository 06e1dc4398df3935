// The cluster to grant on, from DescribeCluster with the writer's credentials (endpoint, CA, authentication mode).
import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { createScanAwsClients } from '../clusters/aws-clients.js';
import type { Env } from '../profiles/deps.js';
import type { AuthenticationMode, ClusterTarget, Writer } from './types.js';

export async function describeClusterTarget(name: string, region: string, writer: Writer, env: Env): Promise<ClusterTarget> {
  const aws = createScanAwsClients(env, { maxAttempts: 3 });
  try {
    const c = (await aws.eks(region, writer.credentials).send(new DescribeClusterCommand({ name }))).cluster;
    if (!c?.arn || !c.endpoint || !c.certificateAuthority?.data) throw new Error(`DescribeCluster ${name} gave no endpoint or CA`);
    return {
      name,
      region,
      arn: c.arn,
      endpoint: c.endpoint,
      caData: c.certificateAuthority.data,
      authenticationMode: (c.accessConfig?.authenticationMode ?? 'CONFIG_MAP') as AuthenticationMode,
    };
  } finally {
    aws.destroy();
  }
}
