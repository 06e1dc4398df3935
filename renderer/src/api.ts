import { createApi } from '../../shared/client.js';
import { eventNames, type Api, type EventName } from '../../shared/contract.js';
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

export const api: Api = window.api ?? browserApi();
