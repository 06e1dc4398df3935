import * as z from 'zod';
import { passedOnCode, type ErrorCode } from './error-codes.js';

/**
 * Building blocks of the contract. A channel is a name, a zod schema for its request and a
 * (type-only) response; an event is a name and a (type-only) payload. Everything that speaks
 * the contract (preload, ipc.ts, web.ts, cli.ts, the renderer's client) is derived from these.
 */
export interface ChannelSpec<Req extends z.ZodType, Res> {
  readonly request: Req;
  /** Phantom: carries the response type only. */
  readonly response: Res;
  readonly description: string;
}

/** Marks a channel's response type: `channel('…', schema, returns<Thing>())`. */
export function returns<Res>(): Res {
  return undefined as unknown as Res;
}

export function channel<Req extends z.ZodType, Res>(description: string, request: Req, response: Res): ChannelSpec<Req, Res> {
  return { description, request, response };
}

export interface EventSpec<Payload> {
  readonly payload: Payload;
  readonly description: string;
}

export function event<Payload>(description: string): EventSpec<Payload> {
  return { description, payload: undefined as unknown as Payload };
}

/**
 * A failure in its source's own words — AWS's error code and message, the line of a file that cannot be read —
 * beside the app's wording of it. The app's screens show `message`; the CLI prints this, as the aws CLI would:
 * `[what: ][code: ]message`.
 */
export interface FailureOrigin {
  /** What failed, when the line names it (`profile credentials`). */
  what?: string;
  /** The name AWS or the credential chain gave the failure (`ResourceNotFoundException`). */
  code?: string;
  message: string;
}

/** The error shape every transport returns when a call fails. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  origin?: FailureOrigin;
}

/** What crosses a transport for a call: never a thrown object, always this envelope. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ApiError };

/** The app's error: a code of the contract and a message the user reads as is. Only dispatch makes it an envelope. */
export class ContractError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly origin?: FailureOrigin) {
    super(message);
    this.name = 'ContractError';
  }
}

/** A failure AWS or the credential chain named (AccessDeniedException, ExpiredToken, …): that name is its code. */
export class PassedOnError extends ContractError {
  constructor(name: string, message: string) {
    super(passedOnCode(name), message);
    this.name = 'PassedOnError';
  }
}

/** A one-line, human-readable rendering of a zod error: `name: expected string` … */
export function describeZodError(channelName: string, error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : '(request)';
    return `${path}: ${issue.message}`;
  });
  return `invalid request for ${channelName}: ${parts.join('; ')}`;
}
