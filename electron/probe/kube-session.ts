// The real Kubernetes client (client-node 1.4) aimed at one cluster with one bearer token: a KubeConfig
// built from options, typed API clients, and each call run with a timeout, the scan's AbortSignal,
// retries on 429/5xx, and the cluster's CA-only agent.
import type { Agent } from 'node:https';
import { AuthenticationV1Api, AuthorizationV1Api, KubeConfig, type RequestContext, type ResponseContext } from '@kubernetes/client-node';
import { classifyKubeError, isRetryableKubeError, type KubeFailure } from './kube-errors.js';
import { withRetry, type RetryPolicy } from './retry.js';

export interface KubeCallResult<T> {
  ok: boolean;
  value?: T;
  failure?: KubeFailure;
  attempts: number;
  ms: number;
}

/** Waits for a free slot of the scan's Kubernetes limit around each attempt. */
export type SlotRunner = <T>(call: () => Promise<T>) => Promise<T>;

export interface KubeSessionOptions {
  endpoint: string;
  caData: string;
  token: string;
  agent: Agent;
  timeoutMs: number;
  retry: RetryPolicy;
  signal?: AbortSignal;
  slot: SlotRunner;
  /** Counts every request sent (benchmarks). */
  onRequest?: () => void;
}

export class KubeSession {
  readonly authn: AuthenticationV1Api;
  readonly authz: AuthorizationV1Api;

  constructor(private readonly opts: KubeSessionOptions) {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'cluster', server: opts.endpoint, caData: opts.caData, skipTLSVerify: false }],
      users: [{ name: 'probe', token: opts.token }],
      contexts: [{ name: 'probe', cluster: 'cluster', user: 'probe' }],
      currentContext: 'probe',
    });
    this.authn = kc.makeApiClient(AuthenticationV1Api);
    this.authz = kc.makeApiClient(AuthorizationV1Api);
  }

  /** Runs one API call; never throws. */
  async call<T>(send: (options: object) => Promise<T>): Promise<KubeCallResult<T>> {
    const started = performance.now();
    let attempts = 0;
    let timedOut = false;
    try {
      const { value } = await withRetry(
        () =>
          this.opts.slot(async () => {
            attempts++;
            this.opts.onRequest?.();
            const timeout = AbortSignal.timeout(this.opts.timeoutMs);
            const signal = this.opts.signal ? AbortSignal.any([this.opts.signal, timeout]) : timeout;
            try {
              return await send(this.requestOptions(signal));
            } catch (err) {
              timedOut = timeout.aborted;
              throw err;
            }
          }),
        isRetryableKubeError,
        this.opts.retry,
        this.opts.signal,
      );
      return { ok: true, value, attempts, ms: Math.round(performance.now() - started) };
    } catch (err) {
      const failure = classifyKubeError(err, timedOut, Boolean(this.opts.signal?.aborted));
      return { ok: false, failure, attempts: Math.max(attempts, 1), ms: Math.round(performance.now() - started) };
    }
  }

  /**
   * client-node per-call options: a middleware that sets our agent and the abort signal on the request.
   * makeApiClient's object API runs middleware the Observable way: pre/post return something with toPromise().
   */
  private requestOptions(signal: AbortSignal): object {
    const agent = this.opts.agent;
    const settled = <T>(value: T) => ({ toPromise: () => Promise.resolve(value) });
    return {
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
  }
}
