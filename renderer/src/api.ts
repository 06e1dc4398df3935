import { createApi } from '../../shared/client.js';
import { eventNames, type Api, type EventName } from '../../shared/contract.js';
import type { Envelope } from '../../shared/contract-kit.js';

declare global {
  interface Window {
    api?: Api;
  }
}

const TOKEN_KEY = 'ead-token';

/** Browser mode: the same Api over fetch + Server-Sent Events, authenticated with the per-run token. */
function browserApi(): Api {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    // Keep the token out of the address bar and history once it is stored.
    window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  }
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  let source: EventSource | undefined;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource('api/events');
    for (const name of eventNames) {
      source.addEventListener(name, (e) => {
        const payload = JSON.parse((e as MessageEvent<string>).data) as unknown;
        for (const l of listeners) l(name, payload);
      });
    }
  };
  return createApi(
    async (channel, request) => {
      const res = await fetch(`api/call/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ead-token': token },
        body: JSON.stringify(request),
      });
      return (await res.json()) as Envelope<unknown>;
    },
    (listener) => {
      ensureSource();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  );
}

export const api: Api = window.api ?? browserApi();
