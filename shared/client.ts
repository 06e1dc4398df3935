import type { Envelope } from './contract-kit.js';
import { channelNames, type Api, type EventName } from './contract.js';
import type { ErrorCode } from './error-codes.js';

/** A failed contract call as the renderer sees it. */
export class ApiCallError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiCallError';
  }
}

export interface CallFailure {
  code: ErrorCode;
  message: string;
}

/** Any failure of a call, narrowed: the contract's code and message, or INTERNAL for anything else. */
export function callFailure(err: unknown): CallFailure {
  if (err instanceof ApiCallError) return { code: err.code, message: err.message };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

export type Invoke = (channel: string, request: unknown) => Promise<Envelope<unknown>>;
export type Subscribe = (listener: (name: EventName, payload: unknown) => void) => () => void;

/** Builds the typed Api (one function per channel) over any transport: IPC in preload, fetch in browser mode. */
export function createApi(invoke: Invoke, subscribe: Subscribe): Api {
  const api: Record<string, unknown> = {};
  for (const name of channelNames) {
    api[name] = async (request: unknown) => {
      const envelope = await invoke(name, request ?? {});
      if (!envelope.ok) throw new ApiCallError(envelope.error.code, envelope.error.message);
      return envelope.result;
    };
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) =>
    subscribe((name, payload) => {
      if (name === event) listener(payload);
    });
  return api as Api;
}
