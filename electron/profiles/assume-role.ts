// AssumeRole with the session name the aws CLI uses for the same step: `eks get-token --role-arn`
// (EKSGetTokenAuth), `eks update-kubeconfig --assume-role-arn` (EKSDescribeClusterSession).
// The STS command is imported here, statically: callers that load the STS client only for a role import this
// module on demand. (In the bundled CLI a dynamic import of the SDK package itself gives only its CommonJS
// default export, without AssumeRoleCommand.)
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { createAwsClientFactory } from './aws-clients.js';
import type { ResolvedCredentials } from './credential-failure.js';
import type { Env } from './deps.js';

export async function assumeRoleAs(credentials: AwsCredentialIdentity, roleArn: string, sessionName: string, region: string, env: Env): Promise<ResolvedCredentials> {
  const client = createAwsClientFactory(env).sts(region, credentials);
  try {
    const c = (await client.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }))).Credentials!;
    return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken, expiration: c.Expiration };
  } finally {
    client.destroy();
  }
}
