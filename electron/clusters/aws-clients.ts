// AWS SDK clients for a scan: EKS for discovery, STS for identities and tokens, and the profiles domain's
// clients (for resolving credentials) — same endpoint and CA rules as electron/profiles/aws-clients.ts
// (AWS_ENDPOINT_URL_<SERVICE> / AWS_ENDPOINT_URL and AWS_CA_BUNDLE of the injected env), with more
// attempts of the SDK's adaptive retry strategy (backoff with jitter, and a client-side rate that slows down when
// throttled), because a scan must ride out throttling and 5xx.
import { readFileSync } from 'node:fs';
import { EKSClient } from '@aws-sdk/client-eks';
import { STSClient } from '@aws-sdk/client-sts';
import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { AwsCredentialIdentity } from '@smithy/types';
import { awsAgentFor } from '../common/aws-agent-pool.js';
import { caBundleContext } from '../common/ca-bundle-context.js';
import type { AwsClientFactory } from '../profiles/aws-clients.js';
import type { Env } from '../profiles/deps.js';

export interface ScanAwsClients extends AwsClientFactory {
  eks(region: string, credentials: AwsCredentialIdentity): EKSClient;
  /** Done with these clients. Their kept-alive connections stay in the process's pool for the next scan. */
  destroy(): void;
}

export interface ScanAwsClientOptions {
  /** Per request (each attempt). */
  requestTimeoutMs?: number;
  /** Attempts of the SDK's adaptive retry strategy (throttling, 5xx, transient network errors). */
  maxAttempts?: number;
  /** Called for every request sent (each attempt), with +1 when it starts and -1 when it ends. */
  onRequest?: (delta: 1 | -1) => void;
}

const UNUSED_CREDENTIALS = { accessKeyId: 'unused', secretAccessKey: 'unused' };

/**
 * The SDK makes a new SigV4 signer for every request (copying the whole client configuration into it twice, and
 * deriving the signing key again, as a new signer has an empty key cache). A client's signer is the same for all
 * its requests — its credential provider, its endpoint's signing scheme; region and service are passed per
 * request — so the first one made is kept. A failure to make one is not kept.
 */
function oneSigner<C extends { config: object }>(client: C): C {
  const config = client.config as { signer?: (authScheme?: unknown) => Promise<unknown> };
  const make = config.signer;
  if (typeof make !== 'function') return client;
  let signer: unknown;
  config.signer = async (authScheme?: unknown) => (signer ??= await make(authScheme));
  return client;
}

export function createScanAwsClients(env: Env, opts: ScanAwsClientOptions = {}): ScanAwsClients {
  let bundle: string | undefined;
  try {
    bundle = env.AWS_CA_BUNDLE ? readFileSync(env.AWS_CA_BUNDLE, 'utf8') : undefined;
  } catch (err) {
    throw new Error(`AWS_CA_BUNDLE ${env.AWS_CA_BUNDLE} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { cause: err });
  }
  // One TLS context for every connection: with `ca` in the agent options Node would parse the ~140 public roots
  // again for each new connection, and hash them into the agent's pool key on each request.
  const secureContext = bundle ? caBundleContext(bundle) : undefined;
  const agent = awsAgentFor(secureContext);
  const requestTimeout = opts.requestTimeoutMs ?? 8000;
  const base = (region: string, serviceEnvKey: string) => {
    const endpoint = env[`AWS_ENDPOINT_URL_${serviceEnvKey}`] || env.AWS_ENDPOINT_URL || undefined;
    return {
      region,
      ...(endpoint ? { endpoint } : {}),
      maxAttempts: opts.maxAttempts ?? 10,
      retryMode: 'adaptive',
      requestHandler: { httpsAgent: agent, requestTimeout, connectionTimeout: Math.min(requestTimeout, 4000) },
    };
  };
  const counted = <C extends { middlewareStack: { add: (...a: never[]) => void } }>(client: C): C => {
    const onRequest = opts.onRequest;
    if (!onRequest) return client;
    // finalizeRequest/low runs inside the SDK's retry loop (finalizeRequest/high): once per attempt.
    (client.middlewareStack as unknown as { add: (m: unknown, o: unknown) => void }).add(
      (next: (a: unknown) => Promise<unknown>) => async (args: unknown) => {
        onRequest(1);
        try {
          return await next(args);
        } finally {
          onRequest(-1);
        }
      },
      { step: 'finalizeRequest', priority: 'low', name: 'scanRequestCounter' },
    );
    return client;
  };
  return {
    // The middleware stack resolved once per command type instead of per call (~0.3 ms of CPU each): a scan
    // makes hundreds of DescribeCluster calls. Nothing adds per-command middleware to EKS commands.
    eks: (region, credentials) => counted(oneSigner(new EKSClient({ ...base(region, 'EKS'), credentials, cacheMiddleware: true }))),
    sts: (region, credentials) => counted(oneSigner(new STSClient({ ...base(region, 'STS'), credentials }))),
    sso: (region) => counted(new SSOClient({ ...base(region, 'SSO'), credentials: UNUSED_CREDENTIALS })),
    ssoOidc: (region) => counted(new SSOOIDCClient({ ...base(region, 'SSO_OIDC'), credentials: UNUSED_CREDENTIALS })),
    innerClientConfig: (region) => base(region, 'STS'),
    destroy: () => {},
  };
}
