// What the AWS endpoint hands a service once routing (and, for SigV4 services, authentication) is done.
import type { IncomingHttpHeaders } from 'node:http';
import type { World } from '../world/world.js';
import type { Caller } from '../world/types.js';

export interface AwsRequest {
  method: string;
  /** Decoded path without the query string. */
  path: string;
  /** The raw path as sent (percent-encoding kept), for routes that carry ARNs. */
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface AwsResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export interface SignedContext {
  world: World;
  caller: Caller;
  /** Region of the SigV4 credential scope. */
  region: string;
  requestId: string;
}

/** A SigV4-signed service (sts, eks, logs, cloudtrail): called only for authenticated requests. */
export type SignedServiceHandler = (req: AwsRequest, ctx: SignedContext) => Promise<AwsResponse> | AwsResponse;

/** The IAM Identity Center services (sso-oidc, the SSO portal) are not SigV4-signed. */
export type UnsignedServiceHandler = (req: AwsRequest, ctx: { world: World; requestId: string }) => Promise<AwsResponse> | AwsResponse;
