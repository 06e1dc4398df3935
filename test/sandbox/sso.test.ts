// IAM Identity Center: the device flow with the AWS SDK and the verification page, the portal API,
// and the real aws CLI working from SSO token caches (legacy and sso-session profiles, refresh, expiry).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runAws, startTestAwsEndpoint, type TestAwsEndpoint } from '../helpers/aws-cli.js';

const ACCOUNT = '111122223333';
const START_URL = 'https://example.awsapps.com/start';
const SSO_ROLE_ARN_RE = new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_Developer_0123456789abcdef/sso-user@example\\.com$`);
const SCENARIO = `
name: sso
accounts:
  - id: "${ACCOUNT}"
    alias: prod
    users:
      - name: alice
profiles:
  - name: dev-sso
    sso: {startUrl: "${START_URL}", region: us-east-1, accountId: "${ACCOUNT}", roleName: Developer}
`;

const LEGACY_CONFIG = `[profile dev-sso]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_account_id = ${ACCOUNT}
sso_role_name = Developer
region = us-east-1
`;

const SESSION_CONFIG = `[profile dev-sess]
sso_session = corp
sso_account_id = ${ACCOUNT}
sso_role_name = Developer
region = us-east-1
[sso-session corp]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;

let ep: TestAwsEndpoint;
let agent: Agent;
beforeAll(async () => {
  ep = await startTestAwsEndpoint(SCENARIO);
  agent = new Agent({ ca: ep.caPem, keepAlive: false });
});
afterAll(async () => {
  agent?.destroy();
  await ep?.close();
});

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function writeCache(home: string, key: string, content: Record<string, unknown>): string {
  const dir = join(home, '.aws', 'sso', 'cache');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash('sha1').update(key).digest('hex')}.json`);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

function page(method: 'GET' | 'POST', path: string, form?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = form ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(form)) } : {};
    const req = httpsRequest({ host: '127.0.0.1', port: ep.server.port, method, path, headers, agent, timeout: 10_000 }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(form);
  });
}

describe('device authorization flow with the AWS SDK', () => {
  it('registers, waits for approval on the page, issues a token, and the portal hands out role credentials', async () => {
    const oidc = new SSOOIDCClient({ region: 'us-east-1', endpoint: ep.url, requestHandler: { httpsAgent: agent } });
    const client = await oidc.send(new RegisterClientCommand({ clientName: 'eks-access-doctor-test', clientType: 'public', scopes: ['sso:account:access'] }));
    expect(client.clientId).toBeTruthy();
    expect(client.clientSecretExpiresAt! * 1000).toBeGreaterThan(Date.now());
    const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: START_URL }));
    expect(device.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(device.verificationUri).toBe(`${ep.url}/device`);
    expect(device.verificationUriComplete).toBe(`${ep.url}/device?user_code=${device.userCode}`);
    expect(device.expiresIn).toBe(600);
    expect(device.interval).toBe(1);

    const tokenInput = { clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode };
    await expect(oidc.send(new CreateTokenCommand(tokenInput))).rejects.toMatchObject({ name: 'AuthorizationPendingException' });
    await expect(oidc.send(new CreateTokenCommand(tokenInput))).rejects.toMatchObject({ name: 'SlowDownException' });

    const shown = await page('GET', new URL(device.verificationUriComplete!).pathname + new URL(device.verificationUriComplete!).search);
    expect(shown.status).toBe(200);
    expect(shown.body).toContain(device.userCode);
    expect(shown.body).toContain('action="/device/approve"');
    const approved = await page('POST', '/device/approve', `user_code=${device.userCode}`);
    expect(approved.status).toBe(200);
    expect(approved.body).toContain('Request approved');

    const token = await oidc.send(new CreateTokenCommand(tokenInput));
    expect(token.tokenType).toBe('Bearer');
    expect(token.expiresIn).toBeGreaterThan(3600);
    expect(token.refreshToken).toBeTruthy();

    const sso = new SSOClient({ region: 'us-east-1', endpoint: ep.url, requestHandler: { httpsAgent: agent } });
    const accounts = await sso.send(new ListAccountsCommand({ accessToken: token.accessToken }));
    expect(accounts.accountList).toEqual([{ accountId: ACCOUNT, accountName: 'prod', emailAddress: 'aws+prod@example.com' }]);
    const roles = await sso.send(new ListAccountRolesCommand({ accessToken: token.accessToken, accountId: ACCOUNT }));
    expect(roles.roleList).toEqual([{ roleName: 'Developer', accountId: ACCOUNT }]);
    const creds = await sso.send(new GetRoleCredentialsCommand({ accessToken: token.accessToken, accountId: ACCOUNT, roleName: 'Developer' }));
    const rc = creds.roleCredentials!;
    expect(rc.accessKeyId).toMatch(/^ASIA/);
    expect(rc.expiration).toBeGreaterThan(Date.now());

    const who = await runAws(['sts', 'get-caller-identity'], {
      endpoint: ep.url,
      caFile: ep.caFile,
      env: { AWS_ACCESS_KEY_ID: rc.accessKeyId!, AWS_SECRET_ACCESS_KEY: rc.secretAccessKey!, AWS_SESSION_TOKEN: rc.sessionToken!, AWS_DEFAULT_REGION: 'us-east-1' },
    });
    expect(JSON.parse(who.stdout).Arn).toMatch(SSO_ROLE_ARN_RE);

    await expect(sso.send(new GetRoleCredentialsCommand({ accessToken: 'not-a-token', accountId: ACCOUNT, roleName: 'Developer' }))).rejects.toMatchObject({
      name: 'UnauthorizedException',
      message: 'Session token not found or invalid',
    });
    await expect(sso.send(new GetRoleCredentialsCommand({ accessToken: token.accessToken, accountId: ACCOUNT, roleName: 'Admin' }))).rejects.toMatchObject({
      name: 'ForbiddenException',
    });
  });

  it('a denied request ends the polling with AccessDeniedException', async () => {
    const oidc = new SSOOIDCClient({ region: 'us-east-1', endpoint: ep.url, requestHandler: { httpsAgent: agent } });
    const client = await oidc.send(new RegisterClientCommand({ clientName: 'deny-test', clientType: 'public' }));
    const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: START_URL }));
    const denied = await page('POST', '/device/deny', `user_code=${device.userCode}`);
    expect(denied.body).toContain('Request denied');
    await expect(
      oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const unknown = await page('POST', '/device/approve', 'user_code=ZZZZ-ZZZZ');
    expect(unknown.status).toBe(400);
  });
});

describe('the aws CLI with SSO profiles', () => {
  it('a legacy sso_* profile works from the token cache', async () => {
    const home = makeTempDir();
    const token = ep.world.mintSsoToken(START_URL, 'cli-client');
    writeCache(home, START_URL, { startUrl: START_URL, region: 'us-east-1', accessToken: token.accessToken, expiresAt: iso(token.expiresAt) });
    const r = await runAws(['sts', 'get-caller-identity', '--profile', 'dev-sso'], { endpoint: ep.url, caFile: ep.caFile, home, configText: LEGACY_CONFIG });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).Arn).toMatch(SSO_ROLE_ARN_RE);
  });

  it('an sso-session profile works, and a token close to expiry is refreshed through CreateToken', async () => {
    const home = makeTempDir();
    const oidc = new SSOOIDCClient({ region: 'us-east-1', endpoint: ep.url, requestHandler: { httpsAgent: agent } });
    const client = await oidc.send(new RegisterClientCommand({ clientName: 'botocore-client-corp', clientType: 'public' }));
    // Expires in 5 minutes: inside botocore's 15-minute refresh window.
    const token = ep.world.mintSsoToken(START_URL, client.clientId!, 300);
    const file = writeCache(home, 'corp', {
      startUrl: START_URL,
      region: 'us-east-1',
      accessToken: token.accessToken,
      expiresAt: iso(token.expiresAt),
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      registrationExpiresAt: iso(client.clientSecretExpiresAt! * 1000),
      refreshToken: token.refreshToken,
    });
    const r = await runAws(['sts', 'get-caller-identity', '--profile', 'dev-sess'], { endpoint: ep.url, caFile: ep.caFile, home, configText: SESSION_CONFIG });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).Arn).toMatch(SSO_ROLE_ARN_RE);
    const cached = JSON.parse(readFileSync(file, 'utf8'));
    expect(cached.accessToken).not.toBe(token.accessToken);
    expect(ep.world.ssoTokens.has(cached.accessToken)).toBe(true);
    expect(Date.parse(cached.expiresAt)).toBeGreaterThan(token.expiresAt + 3600_000);
  });

  it('a token the portal no longer accepts gives the CLI’s SSO error', async () => {
    const home = makeTempDir();
    const token = ep.world.mintSsoToken(START_URL, 'cli-client');
    writeCache(home, START_URL, { startUrl: START_URL, region: 'us-east-1', accessToken: token.accessToken, expiresAt: iso(token.expiresAt) });
    token.expiresAt = ep.world.now() - 1000;
    const r = await runAws(['sts', 'get-caller-identity', '--profile', 'dev-sso'], { endpoint: ep.url, caFile: ep.caFile, home, configText: LEGACY_CONFIG });
    expect(r.code).toBe(255);
    expect(r.stderr.trim()).toBe(
      'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
    );
  });

  it('an expired cached token gives the same error without reaching the portal', async () => {
    const home = makeTempDir();
    writeCache(home, START_URL, { startUrl: START_URL, region: 'us-east-1', accessToken: 'aoa-stale', expiresAt: iso(Date.now() - 3600_000) });
    const r = await runAws(['sts', 'get-caller-identity', '--profile', 'dev-sso'], { endpoint: ep.url, caFile: ep.caFile, home, configText: LEGACY_CONFIG });
    expect(r.code).toBe(255);
    expect(r.stderr).toContain('The SSO session associated with this profile has expired or is otherwise invalid.');
  });
});

describe('the device flow through the real aws CLI (sso-oidc and sso commands)', () => {
  it('registers, polls, is approved on the page, and gets role credentials', async () => {
    // cli_follow_urlparam off: aws CLI v1 would otherwise fetch https:// parameter values (the start URL).
    const o = { endpoint: ep.url, caFile: ep.caFile, env: { AWS_DEFAULT_REGION: 'us-east-1' }, configText: '[default]\ncli_follow_urlparam = false\n' };
    const reg = await runAws(['sso-oidc', 'register-client', '--client-name', 'cli-test', '--client-type', 'public'], o);
    expect(reg.code).toBe(0);
    const c = JSON.parse(reg.stdout);
    const start = await runAws(['sso-oidc', 'start-device-authorization', '--client-id', c.clientId, '--client-secret', c.clientSecret, '--start-url', START_URL], o);
    expect(start.code).toBe(0);
    const d = JSON.parse(start.stdout);
    const tokenArgs = ['sso-oidc', 'create-token', '--client-id', c.clientId, '--client-secret', c.clientSecret, '--grant-type', 'urn:ietf:params:oauth:grant-type:device_code', '--device-code', d.deviceCode];
    const pending = await runAws(tokenArgs, o);
    expect(pending.code).toBe(255);
    expect(pending.stderr).toContain('An error occurred (AuthorizationPendingException) when calling the CreateToken operation');
    expect((await page('POST', '/device/approve', `user_code=${d.userCode}`)).status).toBe(200);
    const token = await runAws(tokenArgs, o);
    expect(token.code).toBe(0);
    const accessToken = JSON.parse(token.stdout).accessToken;
    const creds = await runAws(['sso', 'get-role-credentials', '--access-token', accessToken, '--role-name', 'Developer', '--account-id', ACCOUNT], o);
    expect(creds.code).toBe(0);
    expect(JSON.parse(creds.stdout).roleCredentials.accessKeyId).toMatch(/^ASIA/);
    const bad = await runAws(['sso', 'list-accounts', '--access-token', 'not-a-token'], o);
    expect(bad.stderr.trim()).toBe('An error occurred (UnauthorizedException) when calling the ListAccounts operation: Session token not found or invalid');
  });
});
