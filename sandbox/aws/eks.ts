// Amazon EKS (rest-json): routes a signed request to its operation and turns every failure into
// an EKS-shaped error (x-amzn-ErrorType plus {message, clusterName?}).
import { AwsError, restJsonError } from './errors.js';
import type { AwsRequest, AwsResponse, SignedContext, SignedServiceHandler } from './types.js';
import { EksError } from './eks-common.js';
import { describeCluster, describeUpdate, listClusters, listUpdates, updateClusterConfig } from './eks-clusters.js';
import {
  associateAccessPolicy,
  createAccessEntry,
  deleteAccessEntry,
  describeAccessEntry,
  disassociateAccessPolicy,
  listAccessEntries,
  listAccessPolicies,
  listAssociatedAccessPolicies,
  updateAccessEntry,
} from './eks-access.js';

/** Path segments, each percent-decoded on its own so an ARN's encoded '/' stays inside its segment. */
function segments(rawPath: string): string[] {
  const parts = rawPath.split('?')[0].split('/').slice(1);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  try {
    return parts.map((p) => decodeURIComponent(p));
  } catch {
    throw new AwsError(400, 'BadRequestException', 'The request path is not valid percent-encoding.');
  }
}

function unknownOperation(req: AwsRequest): AwsError {
  return new AwsError(404, 'UnknownOperationException', `No operation matches ${req.method} ${req.path}.`);
}

function route(req: AwsRequest, ctx: SignedContext): AwsResponse {
  const s = segments(req.rawPath || req.path);
  const m = req.method.toUpperCase();
  if (s.length === 1 && s[0] === 'access-policies' && m === 'GET') return listAccessPolicies(req, ctx);
  if (s[0] !== 'clusters') throw unknownOperation(req);
  if (s.length === 1) {
    if (m === 'GET') return listClusters(req, ctx);
    throw unknownOperation(req);
  }
  const name = s[1];
  if (s.length === 2 && m === 'GET') return describeCluster(req, ctx, name);
  if (s.length === 3 && s[2] === 'update-config' && m === 'POST') return updateClusterConfig(req, ctx, name);
  if (s[2] === 'updates') {
    if (s.length === 3 && m === 'GET') return listUpdates(req, ctx, name);
    if (s.length === 4 && m === 'GET') return describeUpdate(req, ctx, name, s[3]);
  }
  if (s[2] === 'access-entries') {
    if (s.length === 3) {
      if (m === 'POST') return createAccessEntry(req, ctx, name);
      if (m === 'GET') return listAccessEntries(req, ctx, name);
    }
    const principalArn = s[3];
    if (s.length === 4) {
      if (m === 'GET') return describeAccessEntry(req, ctx, name, principalArn);
      if (m === 'DELETE') return deleteAccessEntry(req, ctx, name, principalArn);
      if (m === 'POST') return updateAccessEntry(req, ctx, name, principalArn);
    }
    if (s[4] === 'access-policies') {
      if (s.length === 5 && m === 'POST') return associateAccessPolicy(req, ctx, name, principalArn);
      if (s.length === 5 && m === 'GET') return listAssociatedAccessPolicies(req, ctx, name, principalArn);
      if (s.length === 6 && m === 'DELETE') return disassociateAccessPolicy(req, ctx, name, principalArn, s[5]);
    }
  }
  throw unknownOperation(req);
}

export const eksService: SignedServiceHandler = (req, ctx) => {
  try {
    return route(req, ctx);
  } catch (err) {
    if (err instanceof EksError) return restJsonError(err, ctx.requestId, err.extra);
    if (err instanceof AwsError) return restJsonError(err, ctx.requestId);
    return restJsonError(new AwsError(500, 'ServerException', 'An internal error occurred.'), ctx.requestId);
  }
};
