// Amazon CloudWatch Logs: reading a request's JSON body and answering in awsJson1.1, shared by the
// log-group operations and the Logs Insights queries.
import { AwsError, jsonResponse } from './errors.js';
import type { AwsRequest, AwsResponse, SignedContext } from './types.js';

export const JSON11 = 'application/x-amz-json-1.1';

export type Body = Record<string, unknown>;

export const invalidParameter = (message: string) => new AwsError(400, 'InvalidParameterException', message);
export const notFound = (message: string) => new AwsError(400, 'ResourceNotFoundException', message);

export function parseBody(req: AwsRequest): Body {
  const text = req.body.toString('utf8').trim();
  if (!text) return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new AwsError(400, 'SerializationException', 'Unable to parse the request body as JSON.');
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new AwsError(400, 'SerializationException', 'The request body must be a JSON object.');
  return v as Body;
}

export function str(body: Body, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new AwsError(400, 'SerializationException', `${key} must be a string.`);
  return v;
}

export function int(body: Body, key: string, min: number, max: number): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new AwsError(400, 'SerializationException', `${key} must be an integer.`);
  if (v < min || v > max) {
    throw invalidParameter(`1 validation error detected: Value '${v}' at '${key}' failed to satisfy constraint: Member must have value ${v < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`}`);
  }
  return v;
}

export function strList(body: Body, key: string): string[] | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new AwsError(400, 'SerializationException', `${key} must be a list of strings.`);
  return v as string[];
}

export function ok(body: unknown): AwsResponse {
  return jsonResponse(body, 200, JSON11);
}

export function groupArn(ctx: SignedContext, name: string): string {
  return `arn:aws:logs:${ctx.region}:${ctx.caller.account}:log-group:${name}:*`;
}

export function identifierToName(ident: string): string {
  const m = /^arn:[\w-]+:logs:[\w-]+:\d{12}:log-group:(.+?)(:\*)?$/.exec(ident);
  return m ? m[1] : ident;
}
