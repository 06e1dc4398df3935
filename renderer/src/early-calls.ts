// The calls every page makes as it opens, sent as soon as this, the app's first module, runs — before the rest of its
// code is evaluated and its first screen rendered (about a second of the browser's time on a small machine), so that
// their answers are there when the app asks, and its first screen is rendered once, with them. In browser mode they
// go over HTTP and the event stream opens with them; in the desktop app through the preload's window.api (IPC). The
// profiles' status events that arrive before the Profiles list listens are kept for it: a status that changes after
// the early list was answered is not lost. This module imports no code (only types), so that it is evaluated first.
import type { Envelope } from '../../shared/contract-kit.js';
import type { ErrorCode } from '../../shared/error-codes.js';
import type { Api } from '../../shared/contract.js';
import type { ProfileView } from '../../shared/profile-types.js';

declare global {
  interface Window {
    api?: Api;
  }
}

const TOKEN_KEY = 'ead-token';

/** The per-run token: from the URL on first load (then kept out of the address bar and history), else from the tab. */
function takeToken(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export const browserMode = !window.api;
export const pageToken = browserMode ? takeToken() : '';

/** A contract call over HTTP, answered with its envelope. */
export async function post(channel: string, request: unknown): Promise<Envelope<unknown>> {
  const res = await fetch(`api/call/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ead-token': pageToken },
    body: JSON.stringify(request),
  });
  return (await res.json()) as Envelope<unknown>;
}

/** A call through the preload's api, answered with an envelope as over HTTP (its errors arrive as plain errors). */
function invoke(api: Api, channel: string, request: unknown): Promise<Envelope<unknown>> {
  const call = (api as unknown as Record<string, (request: unknown) => Promise<unknown>>)[channel]!;
  return call(request).then(
    (result) => ({ ok: true, result }),
    (err: unknown) => ({ ok: false, error: { code: ((err as { code?: ErrorCode }).code ?? 'INTERNAL'), message: err instanceof Error ? err.message : String(err) } }),
  );
}

/** The calls the app makes as it opens, with the requests it makes them with. */
const OPENING_CALLS: [string, unknown][] = [
  ['profiles.list', { refresh: false }],
  ['app.info', {}],
  ['matrix.snapshot', {}],
];

interface EarlyCall {
  envelope: Promise<Envelope<unknown>>;
  /** Set once the answer is in. */
  settled?: Envelope<unknown>;
}

const key = (channel: string, request: unknown) => `${channel} ${JSON.stringify(request)}`;
const early = new Map<string, EarlyCall>();
let source: EventSource | undefined;
let statuses: ProfileView[] | undefined = [];
let stopStatuses: (() => void) | undefined;

// The events first: the server then usually has the stream before the list is asked for, and every status that
// changes after the list's answer comes as an event (were one missed, useProfiles' poll catches up while rows are
// checking). Waiting for the stream's "open" would hold the list until the browser has evaluated the app's code.
if (window.api) {
  stopStatuses = window.api.on('profiles.status', (view) => statuses?.push(view));
} else {
  source = new EventSource('api/events');
  source.addEventListener('profiles.status', (e) => statuses?.push(JSON.parse((e as MessageEvent<string>).data) as ProfileView));
}
for (const [channel, request] of OPENING_CALLS) {
  const call: EarlyCall = { envelope: window.api ? invoke(window.api, channel, request) : post(channel, request) };
  call.envelope.then((envelope) => (call.settled = envelope), () => {});
  early.set(key(channel, request), call);
}

/**
 * Resolves once every early call is answered, or after `maxMs`: the first screen is rendered with the answers when
 * they are about to arrive (rendering it without them and again with them costs the browser a second full render).
 * The answers usually wait only for the browser to finish evaluating the app's code.
 */
export function openingAnswers(maxMs: number): Promise<void> {
  if (!early.size) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, maxMs);
    void Promise.allSettled([...early.values()].map((c) => c.envelope)).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The early call's answer for exactly this request, once (a later call of the app goes to the server again). */
export function takeEarlyCall(channel: string, request: unknown): Promise<Envelope<unknown>> | undefined {
  const call = early.get(key(channel, request));
  early.delete(key(channel, request));
  return call?.envelope;
}

/**
 * The early call's result if its answer is already in and is not an error. Only reads (a render may run more than
 * once): the component that shows it lets it go with dropEarlyCall once mounted.
 */
export function earlyResult<T>(channel: string, request: unknown): T | undefined {
  const settled = early.get(key(channel, request))?.settled;
  return settled?.ok ? (settled.result as T) : undefined;
}

/** Once the component is mounted: the early answer it showed is let go, else the call is made now. */
export function earlyElseCall(channel: string, request: unknown, shown: boolean, call: () => void): void {
  if (shown) dropEarlyCall(channel, request);
  else call();
}

/** Forgets the early call: the app's next call of it goes to the server. */
export function dropEarlyCall(channel: string, request: unknown): void {
  early.delete(key(channel, request));
}

/** Browser mode: the event stream opened early, for the app to use (once). */
export function takeEarlySource(): EventSource | undefined {
  const taken = source;
  source = undefined;
  return taken;
}

/** The profiles' status events that arrived before anyone listened, oldest first; later ones are no longer kept. */
export function takeEarlyStatuses(): ProfileView[] {
  const taken = statuses ?? [];
  statuses = undefined;
  stopStatuses?.();
  stopStatuses = undefined;
  return taken;
}
