// IAM Identity Center OIDC (rest-json, unsigned): RegisterClient, StartDeviceAuthorization and
// CreateToken for the device-code and refresh-token grants, as `aws sso login` and botocore use them.
import { randomInt } from 'node:crypto';
import { randomArgumentToken } from '../world/ids.js';
import type { World } from '../world/world.js';
import { AwsError, jsonResponse, restJsonError } from './errors.js';
import type { AwsRequest, AwsResponse, UnsignedServiceHandler } from './types.js';

export const DEVICE_CODE_LIFETIME_SECONDS = 600;
export const POLL_INTERVAL_SECONDS = 1;
export const SSO_TOKEN_LIFETIME_SECONDS = 8 * 3600;
const CLIENT_LIFETIME_SECONDS = 90 * 86_400;
const USER_CODE_LETTERS = 'BCDFGHJKLMNPQRSTVWXZ';

/** OIDC errors carry the OAuth `error` / `error_description` pair next to the AWS error type. */
class OidcError extends AwsError {
  constructor(status: number, code: string, readonly oauthError: string, description: string) {
    super(status, code, description);
  }
}

function parseJsonBody(req: AwsRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw new OidcError(400, 'InvalidRequestException', 'invalid_request', 'The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new OidcError(400, 'InvalidRequestException', 'invalid_request', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

function str(body: Record<string, unknown>, key: string, required = true): string {
  const v = body[key];
  if (typeof v === 'string' && v !== '') return v;
  if (!required && v === undefined) return '';
  throw new OidcError(400, 'InvalidRequestException', 'invalid_request', `Missing or invalid parameter: ${key}`);
}

function checkClient(world: World, body: Record<string, unknown>) {
  const client = world.ssoClients.get(str(body, 'clientId'));
  if (!client || client.clientSecret !== str(body, 'clientSecret')) throw new OidcError(401, 'InvalidClientException', 'invalid_client', 'Invalid client');
  if (client.expiresAt <= world.now()) throw new OidcError(401, 'InvalidClientException', 'invalid_client', 'The client registration has expired');
  return client;
}

function userCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += USER_CODE_LETTERS[randomInt(USER_CODE_LETTERS.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

function registerClient(world: World, body: Record<string, unknown>): unknown {
  const clientName = str(body, 'clientName');
  const clientType = str(body, 'clientType');
  if (clientType !== 'public') throw new OidcError(400, 'InvalidClientMetadataException', 'invalid_client_metadata', `Invalid client type: ${clientType}`);
  const now = world.now();
  const clientId = randomArgumentToken(16);
  const clientSecret = randomArgumentToken(96);
  const expiresAt = now + CLIENT_LIFETIME_SECONDS * 1000;
  world.ssoClients.set(clientId, { clientId, clientSecret, clientName, expiresAt });
  return { clientId, clientSecret, clientIdIssuedAt: Math.floor(now / 1000), clientSecretExpiresAt: Math.floor(expiresAt / 1000) };
}

function startDeviceAuthorization(world: World, body: Record<string, unknown>): unknown {
  const client = checkClient(world, body);
  const startUrl = str(body, 'startUrl');
  const code = userCode();
  const deviceCode = randomArgumentToken(48);
  world.ssoDeviceAuths.set(deviceCode, {
    deviceCode,
    userCode: code,
    clientId: client.clientId,
    startUrl,
    expiresAt: world.now() + DEVICE_CODE_LIFETIME_SECONDS * 1000,
    approved: false,
    denied: false,
    lastPolledAt: 0,
  });
  return {
    deviceCode,
    userCode: code,
    verificationUri: `${world.ssoPageUrl || world.awsEndpoint}/device`,
    verificationUriComplete: `${world.ssoPageUrl || world.awsEndpoint}/device?user_code=${code}`,
    expiresIn: DEVICE_CODE_LIFETIME_SECONDS,
    interval: POLL_INTERVAL_SECONDS,
  };
}

function tokenReply(world: World, startUrl: string, clientId: string): unknown {
  const lifetime = world.ssoTokenLifetimeSeconds(startUrl);
  const t = world.mintSsoToken(startUrl, clientId, lifetime);
  return { accessToken: t.accessToken, tokenType: 'Bearer', expiresIn: lifetime, refreshToken: t.refreshToken };
}

function createToken(world: World, body: Record<string, unknown>): unknown {
  const client = checkClient(world, body);
  const grantType = str(body, 'grantType');
  const now = world.now();
  if (grantType === 'urn:ietf:params:oauth:grant-type:device_code') {
    const auth = world.ssoDeviceAuths.get(str(body, 'deviceCode'));
    if (!auth || auth.clientId !== client.clientId) throw new OidcError(400, 'InvalidGrantException', 'invalid_grant', 'Invalid device code provided');
    if (auth.expiresAt <= now) throw new OidcError(400, 'ExpiredTokenException', 'expired_token', 'Device code has expired');
    if (auth.denied) throw new OidcError(400, 'AccessDeniedException', 'access_denied', 'Access denied');
    if (!auth.approved) {
      const tooSoon = auth.lastPolledAt > 0 && now - auth.lastPolledAt < (POLL_INTERVAL_SECONDS * 1000) / 2;
      auth.lastPolledAt = now;
      if (tooSoon) throw new OidcError(400, 'SlowDownException', 'slow_down', 'Client is polling too quickly');
      throw new OidcError(400, 'AuthorizationPendingException', 'authorization_pending', 'Authorization is still pending');
    }
    world.ssoDeviceAuths.delete(auth.deviceCode);
    return tokenReply(world, auth.startUrl, client.clientId);
  }
  if (grantType === 'refresh_token') {
    const refreshToken = str(body, 'refreshToken');
    const old = [...world.ssoTokens.values()].find((t) => t.refreshToken === refreshToken && t.clientId === client.clientId);
    if (!old) throw new OidcError(400, 'InvalidGrantException', 'invalid_grant', 'Invalid refresh token provided');
    world.ssoTokens.delete(old.accessToken);
    return tokenReply(world, old.startUrl, client.clientId);
  }
  throw new OidcError(400, 'UnsupportedGrantTypeException', 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
}

export const ssoOidcService: UnsignedServiceHandler = (req, { world, requestId }): AwsResponse => {
  try {
    const body = parseJsonBody(req);
    let out: unknown;
    if (req.path === '/client/register') out = registerClient(world, body);
    else if (req.path === '/device_authorization') out = startDeviceAuthorization(world, body);
    else if (req.path === '/token') out = createToken(world, body);
    else throw new OidcError(404, 'ResourceNotFoundException', 'invalid_request', 'Not found');
    return jsonResponse(out, 200, 'application/json', requestId);
  } catch (err) {
    if (err instanceof OidcError) return restJsonError(err, requestId, { error: err.oauthError, error_description: err.message });
    throw err;
  }
};

