// Placeholder until the service lands: answers every call with a clean "not implemented" error.
import { AwsError, json11Error } from './errors.js';
import type { SignedServiceHandler } from './types.js';

export const cloudtrailService: SignedServiceHandler = (_req, ctx) =>
  json11Error(new AwsError(501, 'NotImplemented', 'This operation is not implemented by the sandbox yet.'), ctx.requestId);
