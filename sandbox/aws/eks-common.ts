// Shared pieces of the EKS handlers: request body parsing, opaque pagination tokens, cluster lookup,
// and the error shapes EKS sends (clusterName travels in the error body).
import { AwsError } from './errors.js';
import type { AwsRequest, SignedContext } from './types.js';
import type { ClusterState } from '../world/types.js';

/** An AwsError that also carries EKS's extra error members (clusterName). */
export class EksError extends AwsError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(status, code, message);
  }
}

export const invalidParameter = (message: string, clusterName?: string) =>
  new EksError(400, 'InvalidParameterException', message, clusterName ? { clusterName } : {});

export const invalidRequest = (message: string, clusterName?: string) =>
  new EksError(400, 'InvalidRequestException', message, clusterName ? { clusterName } : {});

export const API_MODES_REQUIRED = "The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.";

export function clusterArn(ctx: SignedContext, name: string): string {
  return `arn:${ctx.world.partitionOf(ctx.caller.account)}:eks:${ctx.region}:${ctx.caller.account}:cluster/${name}`;
}

/** The caller's cluster by name in the signing region, or EKS's 404. */
export function requireCluster(ctx: SignedContext, name: string): ClusterState {
  const cluster = ctx.world.findCluster(ctx.caller.account, ctx.region, name);
  if (!cluster) throw new EksError(404, 'ResourceNotFoundException', `No cluster found for name: ${name}.`, { clusterName: name });
  return cluster;
}

export function requireApiMode(cluster: ClusterState): void {
  if (cluster.authenticationMode === 'CONFIG_MAP') throw invalidRequest(API_MODES_REQUIRED, cluster.name);
}

/** The JSON body as an object; an empty body is {}. */
export function jsonBody(req: AwsRequest): Record<string, unknown> {
  const text = req.body.toString('utf8').trim();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AwsError(400, 'SerializationException', 'Unable to parse the request body as JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AwsError(400, 'SerializationException', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

export function optString(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidParameter(`${key} must be a string.`);
  return v;
}

export function optStringList(body: Record<string, unknown>, key: string): string[] | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw invalidParameter(`${key} must be a list of strings.`);
  return v as string[];
}

export function optTags(body: Record<string, unknown>): Record<string, string> {
  const v = body.tags;
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) {
    throw invalidParameter('tags must be a map of strings.');
  }
  return { ...(v as Record<string, string>) };
}

/** EKS timestamps on the wire: epoch seconds as a JSON number, with milliseconds. */
export function epochSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/** Reads maxResults within [1, max]; undefined when absent. */
export function maxResults(req: AwsRequest, max: number): number | undefined {
  const raw = req.query.get('maxResults');
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw invalidParameter(`maxResults must be an integer between 1 and ${max}.`);
  }
  return n;
}

/** One page of `items` after the opaque `nextToken`; the token names the list so it cannot be reused elsewhere. */
export function page<T>(items: T[], req: AwsRequest, listName: string, limit: number): { items: T[]; nextToken?: string } {
  const token = req.query.get('nextToken');
  let offset = 0;
  if (token) {
    try {
      const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { l?: unknown; o?: unknown };
      if (decoded.l !== listName || typeof decoded.o !== 'number' || !Number.isInteger(decoded.o) || decoded.o < 0) throw new Error('bad');
      offset = decoded.o;
    } catch {
      throw invalidParameter('The nextToken provided is not valid.');
    }
  }
  const slice = items.slice(offset, offset + limit);
  const end = offset + slice.length;
  return { items: slice, nextToken: end < items.length ? Buffer.from(JSON.stringify({ l: listName, o: end })).toString('base64url') : undefined };
}
