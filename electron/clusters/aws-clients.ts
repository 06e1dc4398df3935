// AWS SDK clients for a scan: EKS for discovery, STS for identities and tokens, and the profiles domain's
// clients (for resolving credentials) — same endpoint and CA rules as electron/profiles/aws-clients.ts
// (AWS_ENDPOINT_URL_<SERVICE> / AWS_ENDPOINT_URL and AWS_CA_BUNDLE of the injected env), with more
// attempts of the SDK's standard retry strategy, because a scan must ride out throttling and 5xx.
import { Agent } from 'node:https';
import { readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import { EKSClient } from '@aws-sdk/client-eks';
import { STSClient } from '@aws-sdk/client-sts';
import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { AwsClientFactory } from '../profiles/aws-clients.js';
import type { Env } from '../profiles/deps.js';

export interface ScanAwsClients extends AwsClientFactory {
  eks(region: string, credentials: AwsCredentialIdentity): EKSClient;
  /** Closes the kept-alive connections. */
  destroy(): void;
}

export interface ScanAwsClientOptions {
  /** Per request (each attempt). */
  requestTimeoutMs?: number;
  /** Attempts of the SDK's standard retry strategy (throttling, 5xx, transient network errors). */
  maxAttempts?: number;
  /** Called for every request sent (each attempt), with +1 when it starts and -1 when it ends. */
  onRequest?: (delta: 1 | -1) => void;
}

const UNUSED_CREDENTIALS = { accessKeyId: 'unused', secretAccessKey: 'unused' };

/** TLS contexts by CA bundle text: parsing the ~140 public roots costs ~40 ms, and every scan makes new clients. */
const contexts = new Map<string, SecureContext>();

function secureContextFor(bundle: string): SecureContext {
  let c = contexts.get(bundle);
  if (!c) {
    if (contexts.size >= 4) contexts.clear();
    contexts.set(bundle, (c = createSecureContext({ ca: [...rootCertificates, bundle] })));
  }
  return c;
}

export function createScanAwsClients(env: Env, opts: ScanAwsClientOptions = {}): ScanAwsClients {
  let bundle: string | undefined;
  try {
    bundle = env.AWS_CA_BUNDLE ? readFileSync(env.AWS_CA_BUNDLE, 'utf8') : undefined;
  } catch (err) {
    throw new Error(`AWS_CA_BUNDLE ${env.AWS_CA_BUNDLE} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // One TLS context for every connection: with `ca` in the agent options Node would parse the ~140 public roots
  // again for each new connection, and hash them into the agent's pool key on each request.
  const secureContext = bundle ? secureContextFor(bundle) : undefined;
  const agent = new Agent({ keepAlive: true, maxSockets: 128, ...(secureContext ? { secureContext } : {}) });
  const requestTimeout = opts.requestTimeoutMs ?? 8000;
  const base = (region: string, serviceEnvKey: string) => {
    const endpoint = env[`AWS_ENDPOINT_URL_${serviceEnvKey}`] || env.AWS_ENDPOINT_URL || undefined;
    return {
      region,
      ...(endpoint ? { endpoint } : {}),
      maxAttempts: opts.maxAttempts ?? 10,
      retryMode: 'standard',
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
    eks: (region, credentials) => counted(new EKSClient({ ...base(region, 'EKS'), credentials, cacheMiddleware: true })),
    sts: (region, credentials) => counted(new STSClient({ ...base(region, 'STS'), credentials })),
    sso: (region) => counted(new SSOClient({ ...base(region, 'SSO'), credentials: UNUSED_CREDENTIALS })),
    ssoOidc: (region) => counted(new SSOOIDCClient({ ...base(region, 'SSO_OIDC'), credentials: UNUSED_CREDENTIALS })),
    innerClientConfig: (region) => base(region, 'STS'),
    destroy: () => agent.destroy(),
  };
}
