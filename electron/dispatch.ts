import { ContractError, describeZodError, type Envelope, type FailureOrigin } from '../shared/contract-kit.js';
import type { ErrorCode } from '../shared/error-codes.js';
import { channels, isChannelName } from '../shared/contract.js';
import { redact } from '../shared/redact.js';
import type { Handlers } from './common/channel-handlers.js';

export type { Handlers };

/**
 * The single entry every transport uses: validates the request with the channel's schema,
 * runs the handler, and turns any failure into an error envelope (never a stack trace, never a secret).
 */
export async function dispatch(handlers: Partial<Handlers>, name: string, request: unknown): Promise<Envelope<unknown>> {
  // A host may serve some channels only (the CLI's `profiles` builds the profiles room alone).
  if (!isChannelName(name) || !handlers[name]) return errorEnvelope('UNKNOWN_CHANNEL', `unknown channel "${name}"`);
  const parsed = channels[name].request.safeParse(request ?? {});
  if (!parsed.success) return errorEnvelope('INVALID_REQUEST', describeZodError(name, parsed.error));
  try {
    const handler = handlers[name] as (req: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof ContractError) return errorEnvelope(err.code, err.message, err.origin);
    return errorEnvelope('INTERNAL', err instanceof Error ? err.message.split('\n')[0]! : String(err));
  }
}

/** The one shape of a failed call (the transports' own refusals use it too); the messages are redacted here. */
export function errorEnvelope(code: ErrorCode, message: string, origin?: FailureOrigin): Envelope<never> {
  return { ok: false, error: { code, message: redact(message), ...(origin ? { origin: { ...origin, message: redact(origin.message) } } : {}) } };
}
