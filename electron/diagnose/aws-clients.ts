// SDK clients for the diagnosis' own AWS calls (EKS, CloudWatch Logs, CloudTrail), with the same endpoint
// and CA rules as the rest of the app: AWS_ENDPOINT_URL_<SERVICE> / AWS_ENDPOINT_URL and AWS_CA_BUNDLE of the
// injected env.
import { Agent } from 'node:https';
import { readFileSync } from 'node:fs';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EKSClient } from '@aws-sdk/client-eks';
import type { AwsCredentialIdentity } from '@smithy/types';
import { caBundleContext } from '../common/ca-bundle-context.js';
import type { Env } from '../profiles/deps.js';

export interface DiagnoseAwsClients {
  eks(region: string, credentials: AwsCredentialIdentity): EKSClient;
  logs(region: string, credentials: AwsCredentialIdentity): CloudWatchLogsClient;
  cloudtrail(region: string, credentials: AwsCredentialIdentity): CloudTrailClient;
  destroy(): void;
}

export function createDiagnoseAwsClients(env: Env, requestTimeoutMs = 8000): DiagnoseAwsClients {
  const bundle = env.AWS_CA_BUNDLE ? readFileSync(env.AWS_CA_BUNDLE, 'utf8') : undefined;
  const secureContext = bundle ? caBundleContext(bundle) : undefined;
  const agent = new Agent({ keepAlive: true, maxSockets: 32, ...(secureContext ? { secureContext } : {}) });
  const base = (region: string, key: string, credentials: AwsCredentialIdentity) => {
    const endpoint = env[`AWS_ENDPOINT_URL_${key}`] || env.AWS_ENDPOINT_URL || undefined;
    return {
      region,
      credentials,
      ...(endpoint ? { endpoint } : {}),
      maxAttempts: 3,
      requestHandler: { httpsAgent: agent, requestTimeout: requestTimeoutMs, connectionTimeout: 4000 },
    };
  };
  return {
    eks: (region, credentials) => new EKSClient(base(region, 'EKS', credentials)),
    logs: (region, credentials) => new CloudWatchLogsClient(base(region, 'CLOUDWATCH_LOGS', credentials)),
    cloudtrail: (region, credentials) => new CloudTrailClient(base(region, 'CLOUDTRAIL', credentials)),
    destroy: () => agent.destroy(),
  };
}
