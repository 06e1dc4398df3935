// The writer's own Kubernetes client for one cluster (client-node 1.4, a bearer token made from the writer's
// profile credentials, trusting only the cluster's CA): reads and writes kube-system/aws-auth, and asks
// SelfSubjectReview who the writer is. No retries here: a 409 is handled by the caller, on purpose.
import { ApiException, AuthenticationV1Api, CoreV1Api, KubeConfig, type RequestContext, type ResponseContext, type V1ConfigMap } from '@kubernetes/client-node';
import { createScanAwsClients } from '../clusters/aws-clients.js';
import type { Env } from '../profiles/deps.js';
import { generateToken } from '../token/generate.js';
import type { ClusterTarget, Writer } from './types.js';

export const AWS_AUTH = { namespace: 'kube-system', name: 'aws-auth' } as const;

export interface ConfigMapRead {
  /** The object as read (metadata kept for the PUT); undefined when aws-auth does not exist. */
  object?: V1ConfigMap;
  data: Record<string, string>;
  resourceVersion?: string;
}

export class KubeWriteError extends Error {
  constructor(readonly status: number | undefined, message: string) {
    super(message);
    this.name = 'KubeWriteError';
  }
}

export function kubeErrorOf(err: unknown): KubeWriteError {
  if (err instanceof KubeWriteError) return err;
  if (err instanceof ApiException) {
    let message: string;
    try {
      const body = typeof err.body === 'string' ? JSON.parse(err.body) : err.body;
      message = typeof body?.message === 'string' ? body.message : '';
    } catch {
      message = String(err.body ?? '').split('\n')[0]!.slice(0, 300);
    }
    return new KubeWriteError(err.code, message || `HTTP ${err.code}`);
  }
  return new KubeWriteError(undefined, String((err as Error)?.message ?? err).split('\n')[0]!);
}

export interface AwsAuthClient {
  read(): Promise<ConfigMapRead>;
  /** PUT with the given resourceVersion (409 when it is not the current one). Returns the new resourceVersion. */
  replace(base: V1ConfigMap, data: Record<string, string>, resourceVersion: string): Promise<string>;
  create(data: Record<string, string>): Promise<string>;
  whoAmI(): Promise<{ username?: string; groups: string[]; extra: Record<string, string[]> }>;
}

/** client-node per-call options: each request aborted after `timeoutMs` (the object API wants Observable-like middleware). */
export function withTimeout(timeoutMs: number): object {
  const settled = <T>(value: T) => ({ toPromise: () => Promise.resolve(value) });
  return {
    middleware: [
      {
        pre: (ctx: RequestContext) => {
          ctx.setSignal(AbortSignal.timeout(timeoutMs) as never);
          return settled(ctx);
        },
        post: (ctx: ResponseContext) => settled(ctx),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

/** A KubeConfig that signs in to the cluster as the writer (an EKS token from its credentials), trusting only the cluster's CA. */
export async function writerKubeConfig(cluster: ClusterTarget, writer: Writer, env: Env): Promise<KubeConfig> {
  const aws = createScanAwsClients(env, { maxAttempts: 3 });
  let token: string;
  try {
    ({ token } = await generateToken(aws.sts(cluster.region, writer.credentials), cluster.name));
  } finally {
    aws.destroy();
  }
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'cluster', server: cluster.endpoint, caData: cluster.caData, skipTLSVerify: false }],
    users: [{ name: 'writer', token }],
    contexts: [{ name: 'writer', cluster: 'cluster', user: 'writer' }],
    currentContext: 'writer',
  });
  return kc;
}

export async function createAwsAuthClient(cluster: ClusterTarget, writer: Writer, env: Env, timeoutMs = 15_000): Promise<AwsAuthClient> {
  const kc = await writerKubeConfig(cluster, writer, env);
  const core = kc.makeApiClient(CoreV1Api);
  const authn = kc.makeApiClient(AuthenticationV1Api);
  const wrap = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (err) {
      throw kubeErrorOf(err);
    }
  };
  return {
    async read() {
      try {
        const object = await core.readNamespacedConfigMap(AWS_AUTH, withTimeout(timeoutMs) as never);
        return { object, data: { ...(object.data ?? {}) }, resourceVersion: object.metadata?.resourceVersion };
      } catch (err) {
        const e = kubeErrorOf(err);
        if (e.status === 404) return { data: {} };
        throw e;
      }
    },
    async replace(base, data, resourceVersion) {
      const body: V1ConfigMap = { ...base, apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...base.metadata, resourceVersion }, data };
      const out = await wrap(() => core.replaceNamespacedConfigMap({ ...AWS_AUTH, body }, withTimeout(timeoutMs) as never));
      return out.metadata?.resourceVersion ?? '';
    },
    async create(data) {
      const body: V1ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...AWS_AUTH }, data };
      const out = await wrap(() => core.createNamespacedConfigMap({ namespace: AWS_AUTH.namespace, body }, withTimeout(timeoutMs) as never));
      return out.metadata?.resourceVersion ?? '';
    },
    async whoAmI() {
      const r = await wrap(() => authn.createSelfSubjectReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } }, withTimeout(timeoutMs) as never));
      const info = r.status?.userInfo;
      return { username: info?.username, groups: info?.groups ?? [], extra: (info?.extra ?? {}) as Record<string, string[]> };
    },
  };
}
