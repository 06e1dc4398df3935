// DescribeCluster, twice if needed: with the diagnosed profile (does IAM let it? does the cluster exist?) and,
// for the facts, with the first profile that could describe it.
import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import type { AwsCredentialIdentity } from '@smithy/types';
import { parseClusterArn } from '../../shared/cluster-arn.js';
import { awsErrorOf } from '../clusters/errors.js';
import type { DiagnoseAwsClients } from './aws-clients.js';
import type { ClusterFacts, Gathered } from './types.js';

export async function describeFacts(
  aws: DiagnoseAwsClients,
  region: string,
  name: string,
  credentials: AwsCredentialIdentity,
  via: string,
): Promise<Gathered<ClusterFacts>> {
  try {
    const out = await aws.eks(region, credentials).send(new DescribeClusterCommand({ name }));
    const c = out.cluster;
    if (!c?.arn) return { ok: false, failure: { code: 'NoCluster', message: `DescribeCluster returned no cluster for ${name}` }, via };
    const logTypes = (c.logging?.clusterLogging ?? []).filter((l) => l.enabled).flatMap((l) => (l.types ?? []).map(String));
    return {
      ok: true,
      via,
      value: {
        name: c.name ?? name,
        region: parseClusterArn(c.arn)?.region || region,
        arn: c.arn,
        account: parseClusterArn(c.arn)?.account ?? '',
        endpoint: c.endpoint ?? '',
        caData: c.certificateAuthority?.data ?? '',
        ...(c.status ? { status: c.status } : {}),
        ...(c.createdAt ? { createdAt: new Date(c.createdAt).toISOString() } : {}),
        ...(c.accessConfig?.authenticationMode ? { authenticationMode: c.accessConfig.authenticationMode } : {}),
        ...(c.accessConfig?.bootstrapClusterCreatorAdminPermissions !== undefined
          ? { bootstrapClusterCreatorAdminPermissions: c.accessConfig.bootstrapClusterCreatorAdminPermissions }
          : {}),
        ...(c.resourcesVpcConfig
          ? { endpointPublicAccess: c.resourcesVpcConfig.endpointPublicAccess, endpointPrivateAccess: c.resourcesVpcConfig.endpointPrivateAccess }
          : {}),
        logTypes,
        describedVia: via,
      },
    };
  } catch (err) {
    const { code, message } = awsErrorOf(err);
    return { ok: false, failure: { code, message }, via };
  }
}
