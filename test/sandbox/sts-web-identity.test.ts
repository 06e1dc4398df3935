// AssumeRoleWithWebIdentity: the token the sandbox wrote is honoured, any other refused as STS refuses it.
import { describe, expect, it } from 'vitest';
import { AwsError } from '../../sandbox/aws/errors.js';
import { assumeRoleWithWebIdentity, registerWebIdentityToken } from '../../sandbox/aws/sts-web-identity.js';
import type { AwsRequest } from '../../sandbox/aws/types.js';
import { parseScenario } from '../../sandbox/scenario/load.js';
import { World } from '../../sandbox/world/world.js';

function call(world: World, token: string, roleArn = 'arn:aws:iam::111122223333:role/Deployer') {
  const body = new URLSearchParams({ Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: roleArn, RoleSessionName: 'ci', WebIdentityToken: token });
  const req: AwsRequest = { method: 'POST', path: '/', rawPath: '/', query: new URLSearchParams(), headers: {}, body: Buffer.from(body.toString()) };
  return assumeRoleWithWebIdentity(req, { world, requestId: 'r' });
}

describe('AssumeRoleWithWebIdentity', () => {
  const world = new World(parseScenario(`
name: oidc
accounts: [{ id: "111122223333", roles: [{ name: Deployer }] }]
`));
  registerWebIdentityToken(world, 'good-token');

  it('issues the role session for a token the sandbox wrote', () => {
    const r = call(world, 'good-token');
    expect(r.status).toBe(200);
    expect(String(r.body)).toContain('<Arn>arn:aws:sts::111122223333:assumed-role/Deployer/ci</Arn>');
    expect(String(r.body)).toMatch(/<AccessKeyId>ASIA[A-Z0-9]{16}<\/AccessKeyId>/);
  });

  it('refuses another token and a role that does not exist', () => {
    expect(() => call(world, 'forged')).toThrow(expect.objectContaining({ code: 'InvalidIdentityToken', status: 400 }) as AwsError);
    expect(() => call(world, 'good-token', 'arn:aws:iam::111122223333:role/Nope')).toThrow(
      expect.objectContaining({ code: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' }) as AwsError,
    );
  });
});
