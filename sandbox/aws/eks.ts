// Placeholder until the service lands: answers every call with a clean "not implemented" error.
import { AwsError, restJsonError } from './errors.js';
import type { SignedServiceHandler } from './types.js';

export const eksService: SignedServiceHandler = (_req, ctx) =>
  restJsonError(new AwsError(501, 'NotImplemented', 'This operation is not implemented by the sandbox yet.'), ctx.requestId);
