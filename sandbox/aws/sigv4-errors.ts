// Maps SigV4 failures and generic errors onto each AWS wire protocol's error codes and shapes.
import { AwsError, json11Error, queryError, queryJsonError, restJsonError } from './errors.js';
import type { AwsResponse } from './types.js';
import type { SigV4Failure } from './sigv4.js';

export type AwsProtocol = 'query' | 'rest-json' | 'json11';

export function protocolOf(service: string): AwsProtocol {
  if (service === 'sts' || service === 'iam') return 'query';
  if (service === 'logs' || service === 'cloudtrail') return 'json11';
  return 'rest-json';
}

/** The error AWS answers for a request whose signature did not verify. */
export function authFailureError(protocol: AwsProtocol, f: SigV4Failure): AwsError {
  if (protocol === 'query') {
    switch (f.kind) {
      case 'missing':
        return new AwsError(403, 'MissingAuthenticationToken', f.message);
      case 'incomplete':
        return new AwsError(400, 'IncompleteSignature', f.message);
      case 'invalid-token':
        return new AwsError(403, 'InvalidClientTokenId', f.message);
      case 'expired-token':
        return new AwsError(403, 'ExpiredToken', f.message);
      default:
        return new AwsError(403, 'SignatureDoesNotMatch', f.message);
    }
  }
  switch (f.kind) {
    case 'missing':
      return new AwsError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    case 'incomplete':
      return new AwsError(403, 'IncompleteSignatureException', f.message);
    case 'invalid-token':
      return new AwsError(403, 'UnrecognizedClientException', f.message);
    case 'expired-token':
      return new AwsError(403, 'ExpiredTokenException', f.message);
    default:
      return new AwsError(403, 'InvalidSignatureException', f.message);
  }
}

/** An AwsError in the protocol's shape; query-protocol errors come as JSON when the client asked for JSON. */
export function protocolError(protocol: AwsProtocol, err: AwsError, requestId: string, acceptJson = false): AwsResponse {
  if (protocol === 'query') return acceptJson ? queryJsonError(err, requestId) : queryError(err, requestId);
  if (protocol === 'json11') return json11Error(err, requestId);
  return restJsonError(err, requestId);
}

export function internalError(protocol: AwsProtocol): AwsError {
  if (protocol === 'query') return new AwsError(500, 'InternalFailure', 'An internal error occurred.');
  if (protocol === 'json11') return new AwsError(500, 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.');
  return new AwsError(500, 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.');
}
