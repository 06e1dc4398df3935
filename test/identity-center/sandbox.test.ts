// The sandbox's IAM Identity Center (the scenario's identityCenter block) as the real aws CLI sees it: the cached
// sign-in, the portal's paged account and role lists with account names from aliases, throttling, and the
// permission-set role's session for an sso profile.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent } from 'node:https';
import { ListAccountRolesCommand, ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { ssoCacheFileName } from '../../sandbox/state-dir-aws.js';
import { cleanEnv, run } from '../helpers/run.js';
import { ACCOUNTS, ASSIGNMENTS, identityCenterScenario, SESSION, START_URL } from './scenario.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let sandbox: SandboxHandle;
let env: Record<string, string>;
let token: string;
beforeAll(async () => {
  sandbox = await startSandbox(identityCenterScenario());
  env = cleanEnv(sandbox.env);
  token = JSON.parse(readFileSync(join(sandbox.env.HOME!, '.aws', 'sso', 'cache', ssoCacheFileName(START_URL, SESSION)), 'utf8')).accessToken;
});
afterAll(async () => {
  await sandbox?.stop();
});

function portal(maxAttempts = 3): SSOClient {
  const ca = readFileSync(sandbox.env.AWS_CA_BUNDLE!, 'utf8');
  return new SSOClient({ region: 'us-east-1', endpoint: sandbox.awsEndpoint, maxAttempts, requestHandler: { httpsAgent: new Agent({ ca }) } });
}

const aws = async (args: string[]) => {
  const r = await run('aws', [...args, '--region', 'us-east-1', '--output', 'json'], env, 30_000);
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

describe('identityCenter in the sandbox, with the real aws CLI', () => {
  it('writes the sso-session section and a cached sign-in with the scenario lifetime', () => {
    const config = readFileSync(sandbox.env.AWS_CONFIG_FILE!, 'utf8');
    expect(config).toContain(`[sso-session ${SESSION}]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\n`);
    const cached = JSON.parse(readFileSync(join(sandbox.env.HOME!, '.aws', 'sso', 'cache', ssoCacheFileName(START_URL, SESSION)), 'utf8'));
    expect(Object.keys(cached).sort()).toEqual(['accessToken', 'clientId', 'clientSecret', 'expiresAt', 'refreshToken', 'region', 'registrationExpiresAt', 'startUrl']);
    const minutesLeft = (Date.parse(cached.expiresAt) - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(478);
    expect(minutesLeft).toBeLessThanOrEqual(480);
  });

  it('lists every account (named by alias) and every role, over several pages; the aws CLI follows them', async () => {
    const sso = portal();
    const first = await sso.send(new ListAccountsCommand({ accessToken: token, maxResults: 100 }));
    expect(first.accountList).toHaveLength(3);
    const second = await sso.send(new ListAccountsCommand({ accessToken: token, nextToken: first.nextToken }));
    expect(second.nextToken).toBeUndefined();
    await expect(sso.send(new ListAccountsCommand({ accessToken: token, nextToken: 'not-a-token' }))).rejects.toMatchObject({ name: 'InvalidRequestException' });
    const roles1 = await sso.send(new ListAccountRolesCommand({ accessToken: token, accountId: ACCOUNTS.prod }));
    const roles2 = await sso.send(new ListAccountRolesCommand({ accessToken: token, accountId: ACCOUNTS.prod, nextToken: roles1.nextToken }));
    expect([...roles1.roleList!, ...roles2.roleList!].map((r) => r.roleName)).toEqual(['EKSDeveloper', 'ReadOnly', 'Billing', 'Admin']);

    const all = await aws(['sso', 'list-accounts', '--access-token', token]);
    const names = new Map(ASSIGNMENTS.map((a) => [a.accountId, a.accountName]));
    expect(all.accountList.map((a: { accountId: string; accountName: string }) => [a.accountId, a.accountName])).toEqual([...names]);
  });

  it('throttles the portal like the other services (TooManyRequestsException, 429)', async () => {
    const faults = sandbox.world.scenario.faults;
    faults.throttlePercent = 100;
    faults.throttleServices = ['sso'];
    try {
      await expect(portal(1).send(new ListAccountsCommand({ accessToken: token }))).rejects.toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
    } finally {
      faults.throttlePercent = 0;
      faults.throttleServices = [];
    }
  });

  it("an sso profile signs in as the permission set's role session", async () => {
    const who = await aws(['--profile', 'prod-dev', 'sts', 'get-caller-identity']);
    expect(who.Arn).toMatch(new RegExp(`^arn:aws:sts::${ACCOUNTS.prod}:assumed-role/AWSReservedSSO_EKSDeveloper_[0-9a-f]{16}/sso-user@example\\.com$`));
  });
});
