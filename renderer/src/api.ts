import { ApiCallError, createApi } from '../../shared/client.js';
import { channelNames, eventNames, type Api, type EventName } from '../../shared/contract.js';
import { post, takeEarlyCall, takeEarlySource } from './early-calls.js';

/** Browser mode: the same Api over fetch + Server-Sent Events, authenticated with the per-run token (early-calls.ts). */
function browserApi(): Api {
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  let source: EventSource | undefined;
  const ensureSource = () => {
    if (source) return;
    source = takeEarlySource() ?? new EventSource('api/events');
    for (const name of eventNames) {
      source.addEventListener(name, (e) => {
        const payload = JSON.parse((e as MessageEvent<string>).data) as unknown;
        for (const l of listeners) l(name, payload);
      });
    }
  };
  return createApi(
    (channel, request) => takeEarlyCall(channel, request) ?? post(channel, request),
    (listener) => {
      ensureSource();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  );
}

/** The desktop app: the preload's Api, whose opening calls take the answers asked for early (early-calls.ts). */
function desktopApi(preload: Api): Api {
  const calls = preload as unknown as Record<string, (request: unknown) => Promise<unknown>>;
  const api: Record<string, unknown> = { on: preload.on };
  for (const name of channelNames) {
    api[name] = (request: unknown) => {
      const early = takeEarlyCall(name, request ?? {});
      if (!early) return calls[name]!(request);
      return early.then((envelope) => {
        if (!envelope.ok) throw new ApiCallError(envelope.error.code, envelope.error.message);
        return envelope.result;
      });
    };
  }
  return api as Api;
}

export const api: Api = window.api ? desktopApi(window.api) : browserApi();
