// The IAM Identity Center portal API (rest-json, bearer token in x-amz-sso_bearer_token):
// GetRoleCredentials, ListAccounts, ListAccountRoles, Logout.
// ListAccounts and ListAccountRoles page with max_result / next_token as the real portal does; like it,
// a page may hold fewer items than asked for, so clients must follow nextToken.
import type { World, SsoToken } from '../world/world.js';
import { AwsError, jsonResponse } from './errors.js';
import { pickFault } from './faults.js';
import type { AwsRequest, AwsResponse, UnsignedServiceHandler } from './types.js';

/** The RoleSessionName IAM Identity Center gives role sessions: the signed-in user's name. */
export const SSO_USER_NAME = 'sso-user@example.com';

function bearer(world: World, req: AwsRequest): SsoToken {
  const header = req.headers['x-amz-sso_bearer_token'];
  const token = typeof header === 'string' ? world.ssoTokens.get(header) : undefined;
  if (!token || token.expiresAt <= world.now()) throw new AwsError(401, 'UnauthorizedException', 'Session token not found or invalid');
  return token;
}

function requireParam(req: AwsRequest, name: string): string {
  const v = req.query.get(name);
  if (!v) throw new AwsError(400, 'InvalidRequestException', `Missing required parameter: ${name}`);
  return v;
}

function getRoleCredentials(world: World, req: AwsRequest, token: SsoToken): unknown {
  const roleName = requireParam(req, 'role_name');
  const accountId = requireParam(req, 'account_id');
  const assignment = world.ssoAssignmentsFor(token.startUrl).find((a) => a.accountId === accountId && a.permissionSet === roleName);
  if (!assignment) throw new AwsError(403, 'ForbiddenException', 'No access');
  const s = world.issueSession(assignment.role, { sessionName: SSO_USER_NAME, durationSeconds: assignment.role.maxSessionSeconds });
  return { roleCredentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secret, sessionToken: s.sessionToken, expiration: s.expiresAt } };
}

/** At most this many items per page, whatever max_result asks: paging shows once a sign-in has a few accounts. */
export const PORTAL_PAGE_LIMIT = 3;

function page<T>(req: AwsRequest, items: T[]): { items: T[]; nextToken?: string } {
  const maxRaw = req.query.get('max_result');
  const max = maxRaw === null ? PORTAL_PAGE_LIMIT : Number(maxRaw);
  if (!Number.isInteger(max) || max < 1 || max > 100) throw new AwsError(400, 'InvalidRequestException', 'maxResults must be between 1 and 100');
  const tokenRaw = req.query.get('next_token');
  let start = 0;
  if (tokenRaw !== null) {
    start = Number(Buffer.from(tokenRaw, 'base64url').toString('utf8').replace(/^offset:/, ''));
    if (!/^[A-Za-z0-9_-]+$/.test(tokenRaw) || !Number.isInteger(start) || start < 0 || start > items.length) {
      throw new AwsError(400, 'InvalidRequestException', 'The nextToken is invalid');
    }
  }
  const end = start + Math.min(max, PORTAL_PAGE_LIMIT);
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: Buffer.from(`offset:${end}`).toString('base64url') } : {}) };
}

function listAccounts(world: World, req: AwsRequest, token: SsoToken): unknown {
  const seen = new Set<string>();
  const accountList = [];
  for (const a of world.ssoAssignmentsFor(token.startUrl)) {
    if (seen.has(a.accountId)) continue;
    seen.add(a.accountId);
    const alias = world.account(a.accountId)?.alias ?? a.accountId;
    accountList.push({ accountId: a.accountId, accountName: alias, emailAddress: `aws+${alias}@example.com` });
  }
  const p = page(req, accountList);
  return { accountList: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
}

function listAccountRoles(world: World, req: AwsRequest, token: SsoToken): unknown {
  const accountId = requireParam(req, 'account_id');
  const roleList = world
    .ssoAssignmentsFor(token.startUrl)
    .filter((a) => a.accountId === accountId)
    .map((a) => ({ roleName: a.permissionSet, accountId: a.accountId }));
  const p = page(req, roleList);
  return { roleList: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
}

export const ssoPortalService: UnsignedServiceHandler = (req, { world, requestId }): AwsResponse => {
  const route = `${req.method} ${req.path}`;
  const known = ['GET /federation/credentials', 'GET /assignment/accounts', 'GET /assignment/roles', 'POST /logout'];
  if (!known.includes(route)) throw new AwsError(404, 'ResourceNotFoundException', 'Not found');
  const token = bearer(world, req);
  // The scenario's faults reach the portal under its signing name, or "sso" in throttleServices.
  const fault = pickFault(world, world.scenario.faults.throttleServices.includes('sso') ? 'sso' : 'awsssoportal');
  if (fault === 'throttle') throw new AwsError(429, 'TooManyRequestsException', 'Rate exceeded');
  if (fault === 'server-error') throw new AwsError(500, 'InternalServerException', 'An internal error occurred.');
  let out: unknown;
  if (route === 'GET /federation/credentials') out = getRoleCredentials(world, req, token);
  else if (route === 'GET /assignment/accounts') out = listAccounts(world, req, token);
  else if (route === 'GET /assignment/roles') out = listAccountRoles(world, req, token);
  else {
    world.ssoTokens.delete(token.accessToken);
    return { status: 200, headers: { 'x-amzn-requestid': requestId }, body: '' };
  }
  return jsonResponse(out, 200, 'application/json', requestId);
};
