// The real Kubernetes client (client-node 1.4) aimed at one cluster with one bearer token: typed API clients on
// one configuration (client-node's bearer-token auth, the cluster's CA-only agent as transport), and each call
// run with a timeout, the scan's AbortSignal and retries on 429/5xx.
import type { Agent } from 'node:https';
import {
  AuthenticationV1Api, AuthorizationV1Api, createConfiguration, ServerConfiguration, wrapHttpLibrary, type Configuration, type RequestContext, type ResponseContext,
} from '@kubernetes/client-node';
import { AgentHttpLibrary } from './agent-http-library.js';
import { onAbort } from '../common/on-abort.js';
import { classifyKubeError, isRetryableKubeError, type KubeFailure } from './kube-errors.js';
import { withRetry, type RetryPolicy } from '../common/retry.js';

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
  token: string;
  /** Trusts only the cluster's CA (ClusterAgents): the session's one way to the cluster. */
  agent: Agent;
  timeoutMs: number;
  retry: RetryPolicy;
  signal?: AbortSignal;
  slot: SlotRunner;
  /** Counts every request sent (benchmarks). */
  onRequest?: () => void;
}

const settled = <T>(value: T) => ({ toPromise: () => Promise.resolve(value) });

export class KubeSession {
  private readonly config: Configuration;
  private authnApi?: AuthenticationV1Api;
  private authzApi?: AuthorizationV1Api;

  constructor(private readonly opts: KubeSessionOptions) {
    this.config = createConfiguration({
      baseServer: new ServerConfiguration(opts.endpoint.replace(/\/+$/, ''), {}),
      httpApi: wrapHttpLibrary(new AgentHttpLibrary(opts.agent)),
      authMethods: { BearerToken: `Bearer ${opts.token}` },
    });
  }

  // Made on first use: most probes of a large matrix end at a 401 and never ask the authorization API.
  get authn(): AuthenticationV1Api {
    return (this.authnApi ??= new AuthenticationV1Api(this.config));
  }

  get authz(): AuthorizationV1Api {
    return (this.authzApi ??= new AuthorizationV1Api(this.config));
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
            // One controller and timer per attempt (AbortSignal.timeout + any cost several times more).
            const attempt = new AbortController();
            const timer = setTimeout(() => attempt.abort(new Error('timeout')), this.opts.timeoutMs);
            const forget = this.opts.signal ? onAbort(this.opts.signal, () => attempt.abort(this.opts.signal!.reason)) : undefined;
            try {
              return await send(this.requestOptions(attempt.signal));
            } catch (err) {
              timedOut = attempt.signal.aborted && !this.opts.signal?.aborted;
              throw err;
            } finally {
              clearTimeout(timer);
              forget?.();
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
   * client-node per-call options: a middleware that sets the call's abort signal on the request.
   * The object API runs middleware the Observable way: pre/post return something with toPromise().
   */
  private requestOptions(signal: AbortSignal): object {
    return {
      middleware: [
        {
          pre: (ctx: RequestContext) => {
            ctx.setSignal(signal as never);
            return settled(ctx);
          },
          post: settled<ResponseContext>,
        },
      ],
      middlewareMergeStrategy: 'append',
    };
  }
}
