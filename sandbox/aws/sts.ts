// AWS STS (query protocol): GetCallerIdentity, AssumeRole, GetSessionToken. XML answers as STS
// sends them, or JSON when the client asks with Accept: application/json.
import { AwsError, jsonResponse } from './errors.js';
import { authorize } from './iam-authorize.js';
import type { AwsRequest, AwsResponse, SignedContext, SignedServiceHandler } from './types.js';
import type { IamRole, IssuedSession } from '../world/types.js';

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const MFA_CODE = '123456';
const CHAINED_MAX_SECONDS = 3600;

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Tree = { [k: string]: string | Tree };

function toXml(tree: Tree, indent: string): string {
  return Object.entries(tree)
    .map(([k, v]) => (typeof v === 'string' ? `${indent}<${k}>${xmlEscape(v)}</${k}>\n` : `${indent}<${k}>\n${toXml(v, `${indent}  `)}${indent}</${k}>\n`))
    .join('');
}

export function reply(req: AwsRequest, ctx: { requestId: string }, action: string, result: Tree, xmlns = XMLNS): AwsResponse {
  const wantsJson = String(req.headers.accept ?? '').includes('application/json');
  if (wantsJson) {
    return jsonResponse({ [`${action}Response`]: { [`${action}Result`]: result, ResponseMetadata: { RequestId: ctx.requestId } } }, 200, 'application/json', ctx.requestId);
  }
  const body =
    `<${action}Response xmlns="${xmlns}">\n  <${action}Result>\n${toXml(result, '    ')}  </${action}Result>\n` +
    `  <ResponseMetadata>\n    <RequestId>${ctx.requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': ctx.requestId }, body };
}

/** Query parameters from the form body and the URL (STS accepts both). */
export function paramsOf(req: AwsRequest): URLSearchParams {
  const params = new URLSearchParams(req.query);
  if (req.body.length > 0) for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params.set(k, v);
  return params;
}

function validationError(message: string): AwsError {
  return new AwsError(400, 'ValidationError', message);
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function credentials(s: IssuedSession): Tree {
  return { AccessKeyId: s.accessKeyId, SecretAccessKey: s.secret, SessionToken: s.sessionToken, Expiration: isoSeconds(s.expiresAt) };
}

function parseDuration(raw: string | null, min: number, max: number, fallback: number, tooLong: string): number {
  if (raw === null) return Math.min(fallback, max);
  const n = Number(raw);
  if (!Number.isInteger(n)) throw validationError(`1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must be an integer`);
  if (n < min) throw validationError(`1 validation error detected: Value '${n}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
  if (n > max) throw validationError(tooLong);
  return n;
}

function getCallerIdentity(req: AwsRequest, ctx: SignedContext): AwsResponse {
  return reply(req, ctx, 'GetCallerIdentity', { UserId: ctx.caller.userId, Account: ctx.caller.account, Arn: ctx.caller.arn });
}

function assumeRole(req: AwsRequest, ctx: SignedContext, p: URLSearchParams): AwsResponse {
  const roleArn = p.get('RoleArn');
  const sessionName = p.get('RoleSessionName');
  const missing = [roleArn === null ? 'roleArn' : '', sessionName === null ? 'roleSessionName' : ''].filter(Boolean);
  if (missing.length) {
    throw validationError(`${missing.length} validation error${missing.length > 1 ? 's' : ''} detected: ${missing.map((m) => `Value null at '${m}' failed to satisfy constraint: Member must not be null`).join('; ')}`);
  }
  if (sessionName!.length < 2 || sessionName!.length > 64) {
    throw validationError(
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length ${sessionName!.length < 2 ? 'greater than or equal to 2' : 'less than or equal to 64'}`,
    );
  }
  if (!/^[\w+=,.@-]*$/.test(sessionName!)) {
    throw validationError(`1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
  }
  if (roleArn!.length < 20) throw validationError(`1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20`);
  const caller = ctx.caller;
  authorize(ctx, 'sts:AssumeRole', roleArn!, 'AccessDenied');
  const notAuthorized = new AwsError(403, 'AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  const role = ctx.world.principals.get(roleArn!);
  if (!role || role.kind !== 'role') throw notAuthorized;
  if (!trusts(role, caller.principal.arn, caller.account)) throw notAuthorized;

  let mfa = false;
  const serial = p.get('SerialNumber');
  const code = p.get('TokenCode');
  if (serial !== null || code !== null) {
    if (serial === null || code === null) throw notAuthorized;
    if (code !== MFA_CODE) throw new AwsError(403, 'AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. ');
    mfa = true;
  } else if (caller.session?.mfaAuthenticated && caller.principal.kind === 'user') mfa = true;
  if (role.mfaRequired && !mfa) throw notAuthorized;

  const chained = caller.principal.kind === 'role';
  const max = chained ? Math.min(CHAINED_MAX_SECONDS, role.maxSessionSeconds) : role.maxSessionSeconds;
  const tooLong = chained
    ? 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
    : 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.';
  const duration = parseDuration(p.get('DurationSeconds'), 900, max, 3600, tooLong);
  const session = ctx.world.issueSession(role, { sessionName: sessionName!, durationSeconds: duration, mfa });
  return reply(req, ctx, 'AssumeRole', {
    Credentials: credentials(session),
    AssumedRoleUser: { AssumedRoleId: session.userId, Arn: session.arn },
  });
}

/** The role's trust policy: the caller's IAM ARN, or its account's root. */
function trusts(role: IamRole, callerIamArn: string, callerAccount: string): boolean {
  return role.trustedBy.includes(callerIamArn) || role.trustedBy.includes(`${callerIamArn.split(':iam::')[0]}:iam::${callerAccount}:root`);
}

function getSessionToken(req: AwsRequest, ctx: SignedContext, p: URLSearchParams): AwsResponse {
  const caller = ctx.caller;
  if (caller.principal.kind !== 'user' || caller.session) {
    throw new AwsError(403, 'AccessDenied', 'Cannot call GetSessionToken with session credentials');
  }
  authorize(ctx, 'sts:GetSessionToken', caller.arn, 'AccessDenied');
  const serial = p.get('SerialNumber');
  const code = p.get('TokenCode');
  let mfa = false;
  if (serial !== null || code !== null) {
    if (code === null) throw validationError('1 validation error detected: TokenCode is required when SerialNumber is given');
    if (code !== MFA_CODE) throw new AwsError(403, 'AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. ');
    mfa = true;
  }
  const duration = parseDuration(p.get('DurationSeconds'), 900, 129_600, 43_200, '1 validation error detected: Value at \'durationSeconds\' failed to satisfy constraint: Member must have value less than or equal to 129600');
  const session = ctx.world.issueSession(caller.principal, { durationSeconds: duration, mfa });
  return reply(req, ctx, 'GetSessionToken', { Credentials: credentials(session) });
}

export const stsService: SignedServiceHandler = (req, ctx) => {
  const p = paramsOf(req);
  const action = p.get('Action');
  switch (action) {
    case 'GetCallerIdentity':
      return getCallerIdentity(req, ctx);
    case 'AssumeRole':
      return assumeRole(req, ctx, p);
    case 'GetSessionToken':
      return getSessionToken(req, ctx, p);
    case null:
      throw new AwsError(400, 'MissingAction', 'Missing Action');
    default:
      throw new AwsError(400, 'InvalidAction', `Could not find operation ${action.slice(0, 100)} for version ${p.get('Version') ?? 'NO_VERSION_SPECIFIED'}`);
  }
};
