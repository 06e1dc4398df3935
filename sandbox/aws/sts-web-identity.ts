// STS AssumeRoleWithWebIdentity: the one unsigned STS call, made by a profile with web_identity_token_file (a CI
// runner's OIDC token). The tokens it honours are the ones the sandbox wrote for the scenario's profiles.
import { AwsError } from './errors.js';
import { credentials, paramsOf, reply } from './sts.js';
import type { AwsRequest, AwsResponse } from './types.js';
import type { World } from '../world/world.js';

const PROVIDER = 'token.actions.githubusercontent.com';
const tokensByWorld = new WeakMap<World, Set<string>>();

export function registerWebIdentityToken(world: World, token: string): void {
  const tokens = tokensByWorld.get(world) ?? new Set<string>();
  tokens.add(token);
  tokensByWorld.set(world, tokens);
}

/** True when an unsigned request is this call (the only STS action that needs no signature). */
export function isWebIdentityCall(req: AwsRequest): boolean {
  return paramsOf(req).get('Action') === 'AssumeRoleWithWebIdentity';
}

export function assumeRoleWithWebIdentity(req: AwsRequest, ctx: { world: World; requestId: string }): AwsResponse {
  const p = paramsOf(req);
  const roleArn = p.get('RoleArn') ?? '';
  const sessionName = p.get('RoleSessionName') ?? '';
  const token = p.get('WebIdentityToken') ?? '';
  if (!tokensByWorld.get(ctx.world)?.has(token)) {
    throw new AwsError(400, 'InvalidIdentityToken', 'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.');
  }
  const role = ctx.world.principals.get(roleArn);
  if (!role || role.kind !== 'role') throw new AwsError(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
  const session = ctx.world.issueSession(role, { sessionName: sessionName || 'web-identity', durationSeconds: Math.min(3600, role.maxSessionSeconds) });
  return reply(req, ctx, 'AssumeRoleWithWebIdentity', {
    Credentials: credentials(session),
    SubjectFromWebIdentityToken: 'repo:acme/deploy:ref:refs/heads/main',
    AssumedRoleUser: { AssumedRoleId: session.userId, Arn: session.arn },
    Provider: `${role.arn.split(':iam::')[0]}:iam::${role.account}:oidc-provider/${PROVIDER}`,
    Audience: 'sts.amazonaws.com',
  });
}
