// The aws-auth ConfigMap, read through the real Kubernetes client with the token of a profile the matrix
// found able to read it, and parsed by the authenticator's rules (docs/eks-authentication.md §3).
import { Agent } from 'node:https';
import { createSecureContext } from 'node:tls';
import { ApiException, CoreV1Api, KubeConfig, type RequestContext, type ResponseContext } from '@kubernetes/client-node';
import { parseAwsAuth } from './aws-auth-mappings.js';
import type { AwsAuthFacts, ClusterFacts, Gathered } from './types.js';

export async function readAwsAuth(cluster: ClusterFacts, token: string, via: string, timeoutMs = 8000): Promise<Gathered<AwsAuthFacts>> {
  const ca = Buffer.from(cluster.caData, 'base64').toString('utf8');
  const agent = new Agent({ keepAlive: false, secureContext: createSecureContext({ ca: [ca] }) });
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: cluster.endpoint, caData: cluster.caData, skipTLSVerify: false }],
    users: [{ name: 'u', token }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  const core = kc.makeApiClient(CoreV1Api);
  const signal = AbortSignal.timeout(timeoutMs);
  const settled = <T>(value: T) => ({ toPromise: () => Promise.resolve(value) });
  const options = {
    middleware: [
      {
        pre: (ctx: RequestContext) => {
          ctx.setAgent(agent);
          ctx.setSignal(signal as never);
          return settled(ctx);
        },
        post: (ctx: ResponseContext) => settled(ctx),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
  try {
    const cm = await core.readNamespacedConfigMap({ name: 'aws-auth', namespace: 'kube-system' }, options as never);
    const data = (cm.data ?? {}) as Record<string, string>;
    return { ok: true, value: { data, parsed: parseAwsAuth(data) }, via };
  } catch (err) {
    if (err instanceof ApiException && err.code === 404) return { ok: true, value: { parsed: parseAwsAuth(undefined) }, via };
    const code = err instanceof ApiException ? `HTTP ${err.code}` : ((err as { code?: string }).code ?? 'Error');
    return { ok: false, failure: { code, message: String((err as Error).message ?? err).split('\n')[0]!.slice(0, 300) }, via };
  } finally {
    agent.destroy();
  }
}
