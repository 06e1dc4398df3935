import { readFileSync } from 'node:fs';
import { STSClient } from '@aws-sdk/client-sts';
import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { AwsCredentialIdentity } from '@smithy/types';
import { awsAgentFor } from '../common/aws-agent-pool.js';
import { caBundleContext } from '../common/ca-bundle-context.js';
import type { Env } from '../common/env.js';
import type { AliasAnswer } from './account-alias-request.js';

/** Creates the AWS SDK clients the profiles domain uses. Injected so tests aim them at the sandbox. */
export interface AwsClientFactory {
  sts(region: string, credentials: AwsCredentialIdentity): STSClient;
  sso(region: string): SSOClient;
  ssoOidc(region: string): SSOOIDCClient;
  /** Config for the SDK's own inner clients (credential providers' STS). */
  innerClientConfig(region: string): Record<string, unknown>;
  /** IAM ListAccountAliases (a global service: the region picks the partition). Its module loads on first use. */
  listAccountAliases?(region: string, credentials: AwsCredentialIdentity, signal: AbortSignal): Promise<AliasAnswer>;
}

/**
 * Real clients. Endpoints follow AWS_ENDPOINT_URL_<SERVICE> / AWS_ENDPOINT_URL of the given env
 * (not only process.env, so an injected env works), and a custom CA from AWS_CA_BUNDLE is
 * trusted in addition to the public roots.
 */
export function createAwsClientFactory(env: Env, opts: { requestTimeoutMs?: number } = {}): AwsClientFactory {
  // The process's pool, shared with scans: a scan after the launch's checks reuses their connections.
  let agent: ReturnType<typeof awsAgentFor> | undefined;
  const httpsAgent = () => {
    if (!agent) {
      const bundle = env.AWS_CA_BUNDLE ? readFileSync(env.AWS_CA_BUNDLE, 'utf8') : undefined;
      agent = awsAgentFor(bundle ? caBundleContext(bundle) : undefined);
    }
    return agent;
  };
  const base = (region: string, serviceEnvKey: string) => {
    const endpoint = env[`AWS_ENDPOINT_URL_${serviceEnvKey}`] || env.AWS_ENDPOINT_URL || undefined;
    return {
      region,
      ...(endpoint ? { endpoint } : {}),
      maxAttempts: 2,
      requestHandler: { httpsAgent: httpsAgent(), requestTimeout: opts.requestTimeoutMs ?? 8000, connectionTimeout: 4000 },
    };
  };
  return {
    sts: (region, credentials) => new STSClient({ ...base(region, 'STS'), credentials }),
    sso: (region) => new SSOClient({ ...base(region, 'SSO'), credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' } }),
    ssoOidc: (region) => new SSOOIDCClient({ ...base(region, 'SSO_OIDC'), credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' } }),
    innerClientConfig: (region) => base(region, 'STS'),
    listAccountAliases: async (region, credentials, signal) => {
      const { listAccountAliases } = await import('./account-alias-request.js');
      const endpoint = env.AWS_ENDPOINT_URL_IAM || env.AWS_ENDPOINT_URL || undefined;
      return listAccountAliases({ region, credentials, signal, agent: httpsAgent(), ...(endpoint ? { endpoint } : {}) });
    },
  };
}
