// AWS error responses in each wire protocol the sandbox speaks, shaped as the real services send them.
import type { AwsResponse } from './types.js';

export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
  }
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Query protocol (STS): XML ErrorResponse. */
export function queryError(err: AwsError, requestId: string): AwsResponse {
  return {
    status: err.status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body:
      `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>${err.type}</Type>\n` +
      `    <Code>${xmlEscape(err.code)}</Code>\n    <Message>${xmlEscape(err.message)}</Message>\n  </Error>\n` +
      `  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`,
  };
}

/** Query protocol error asked for as JSON (Accept: application/json), as the authenticator does. */
export function queryJsonError(err: AwsError, requestId: string): AwsResponse {
  return {
    status: err.status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
    body: JSON.stringify({ Error: { Code: err.code, Message: err.message, Type: err.type }, RequestId: requestId }),
  };
}

/** rest-json (EKS, SSO portal, SSO OIDC): x-amzn-ErrorType header plus {message}. */
export function restJsonError(err: AwsError, requestId: string, extra: Record<string, unknown> = {}): AwsResponse {
  return {
    status: err.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': err.code, 'x-amzn-requestid': requestId },
    body: JSON.stringify({ message: err.message, ...extra }),
  };
}

/** awsJson1.1 (CloudWatch Logs, CloudTrail): {__type, message}. */
export function json11Error(err: AwsError, requestId: string): AwsResponse {
  return {
    status: err.status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
    body: JSON.stringify({ __type: err.code, message: err.message }),
  };
}

export function jsonResponse(body: unknown, status = 200, contentType = 'application/json', requestId?: string): AwsResponse {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (requestId) headers['x-amzn-requestid'] = requestId;
  return { status, headers, body: JSON.stringify(body) };
}
