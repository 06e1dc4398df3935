import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createAppContext, type AppContext } from '../../electron/app-context.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import type { SsoPollResult } from '../../shared/profile-types.js';
import { sandboxEnv } from '../app/support.js';

const exec = promisify(execFile);
const scenario = (name: string) => join(process.cwd(), 'sandbox', 'scenarios', `${name}.yaml`);

/** Approves a device authorization on the sandbox's verification page, as the user would. */
function approve(endpoint: string, caFile: string, userCode: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = new URLSearchParams({ user_code: userCode }).toString();
    const req = request(`${endpoint}/device/approve`, { method: 'POST', ca: readFileSync(caFile), headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('profiles against the sandbox (demo scenario)', () => {
  let sandbox: SandboxHandle;
  let app: AppContext;
  beforeAll(async () => {
    sandbox = await startSandbox(scenario('demo'));
    app = createAppContext({ env: sandboxEnv(sandbox.env), mode: 'browser', demo: true });
  });
  afterAll(() => sandbox?.stop());

  it('lists every profile with its real identity and status', async () => {
    const list = await app.profiles.list({ wait: true });
    const by = Object.fromEntries(list.profiles.map((p) => [p.name, p]));
    expect(Object.keys(by).sort()).toEqual(sandbox.world.scenario.profiles.map((p) => p.name).sort());
    expect(by.default).toMatchObject({ type: 'static', status: 'valid', identity: { arn: 'arn:aws:iam::111122223333:user/alice', account: '111122223333', kind: 'user' } });
    expect(by.developer).toMatchObject({ type: 'assume-role', status: 'valid', identity: { arn: 'arn:aws:sts::111122223333:assumed-role/Developer/alice', canonicalArn: 'arn:aws:iam::111122223333:role/Developer' } });
    expect(Date.parse(by.developer!.expiresAt!)).toBeGreaterThan(Date.now());
    expect(by.devops!.identity?.account).toBe('444455556666');
    expect(by['old-ci']).toMatchObject({ status: 'invalid', error: { code: 'InvalidClientTokenId' } });
    expect(by['old-ci']!.identity).toBeUndefined();
    expect(by['sso-dev-admin']).toMatchObject({ type: 'sso', status: 'sso-login-needed' });
    expect(by['sso-readonly']).toMatchObject({ status: 'valid', identity: { canonicalArn: 'arn:aws:iam::111122223333:role/AWSReservedSSO_ReadOnly_2b7d4e6f8a9c0d1e' } });
    expect(by['sso-readonly']!.expiresAt).toBeDefined();
    expect(by['eks-admin-mfa']).toMatchObject({ status: 'mfa-needed', mfaSerial: 'arn:aws:iam::111122223333:mfa/alice' });
    expect(list.active).toBe('default');
  });

  it('an MFA role succeeds with the code, and a wrong code gets AWS\'s error', async () => {
    const wrong = await app.profiles.mfaSubmit('eks-admin-mfa', '000000');
    expect(wrong.status).toBe('error');
    expect(wrong.error).toMatchObject({ code: 'AccessDenied', message: expect.stringContaining('MultiFactorAuthentication failed') });
    const right = await app.profiles.mfaSubmit('eks-admin-mfa', '123456');
    expect(right).toMatchObject({ status: 'valid', identity: { arn: 'arn:aws:sts::111122223333:assumed-role/EKSAdmin/alice' } });
    // The session is kept in memory: the next check needs no code.
    expect((await app.profiles.check('eks-admin-mfa')).status).toBe('valid');
  });

  it('switching the active profile changes the identity of the app\'s next call', async () => {
    const whoami = async () => {
      const creds = await app.profiles.credentials();
      const out = await app.profiles.deps.aws.sts('us-east-1', creds).send(new GetCallerIdentityCommand({}));
      return out.Arn;
    };
    expect(await whoami()).toBe('arn:aws:iam::111122223333:user/alice');
    await app.profiles.setActive('developer');
    expect(await whoami()).toBe('arn:aws:sts::111122223333:assumed-role/Developer/alice');
    await app.profiles.setActive('carol');
    expect(await whoami()).toBe('arn:aws:iam::444455556666:user/carol');
  });

  it('SSO sign-in by device authorization writes the cache the aws CLI reads', async () => {
    const before = await app.profiles.check('sso-dev-admin');
    expect(before.status).toBe('sso-login-needed');
    const completed = new Promise<SsoPollResult>((resolve) => {
      const off = app.events.subscribe((name, payload) => {
        if (name === 'sso.completed') {
          off();
          resolve(payload as SsoPollResult);
        }
      });
    });
    const start = await app.profiles.ssoStart('sso-dev-admin');
    expect(start.verificationUriComplete).toContain(start.userCode);
    expect((await app.profiles.ssoPoll(start.flowId)).state).toBe('pending');
    expect(await approve(sandbox.env.AWS_ENDPOINT_URL!, sandbox.env.AWS_CA_BUNDLE!, start.userCode)).toBe(200);
    const done = await completed;
    expect(done).toMatchObject({ flowId: start.flowId, state: 'complete', result: { status: 'valid', identity: { account: '444455556666' } } });
    expect(done.result!.identity!.arn).toMatch(/^arn:aws:sts::444455556666:assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]+\//);

    const cacheFile = join(sandbox.env.HOME!, '.aws', 'sso', 'cache', `${createHash('sha1').update('https://acme-dev.awsapps.com/start').digest('hex')}.json`);
    expect(existsSync(cacheFile)).toBe(true);
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>;
    expect(cached).toMatchObject({ startUrl: 'https://acme-dev.awsapps.com/start', region: 'eu-west-1' });
    expect(cached.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // The real aws CLI uses the sign-in the app stored.
    const { stdout } = await exec('aws', ['sts', 'get-caller-identity', '--profile', 'sso-dev-admin', '--output', 'json'], {
      env: { PATH: process.env.PATH, ...sandbox.env } as NodeJS.ProcessEnv,
      timeout: 30_000,
    });
    expect(JSON.parse(stdout).Arn).toBe(done.result!.identity!.arn);
  });
});

describe('profiles against other sandbox scenarios', () => {
  it('expired SSO sign-in → sso-login-needed', async () => {
    const sandbox = await startSandbox(scenario('expired-sso'));
    try {
      const app = createAppContext({ env: sandboxEnv(sandbox.env), mode: 'cli' });
      const list = await app.profiles.list({ wait: true });
      expect(list.profiles.find((p) => p.name === 'gina-sso')).toMatchObject({ status: 'sso-login-needed', error: { code: 'SsoTokenExpired' } });
      expect(list.profiles.find((p) => p.name === 'owner')?.status).toBe('valid');

      // Signing in again through the app (an sso-session profile: cache keyed by the session name) fixes it for the aws CLI too.
      const start = await app.profiles.ssoStart('gina-sso');
      expect(await approve(sandbox.env.AWS_ENDPOINT_URL!, sandbox.env.AWS_CA_BUNDLE!, start.userCode)).toBe(200);
      let state = await app.profiles.ssoPoll(start.flowId);
      for (let i = 0; i < 100 && state.state === 'pending'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        state = await app.profiles.ssoPoll(start.flowId);
      }
      expect(state).toMatchObject({ state: 'complete', result: { status: 'valid' } });
      const cacheFile = join(sandbox.env.HOME!, '.aws', 'sso', 'cache', `${createHash('sha1').update('acme').digest('hex')}.json`);
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>;
      expect(Object.keys(cached).sort()).toEqual(expect.arrayContaining(['accessToken', 'clientId', 'clientSecret', 'expiresAt', 'region', 'startUrl']));
      const { stdout } = await exec('aws', ['sts', 'get-caller-identity', '--profile', 'gina-sso', '--output', 'json'], {
        env: { PATH: process.env.PATH, ...sandbox.env } as NodeJS.ProcessEnv,
        timeout: 30_000,
      });
      expect(JSON.parse(stdout).Arn).toBe(state.result!.identity!.arn);
    } finally {
      await sandbox.stop();
    }
  });

  it('deleted key → invalid with InvalidClientTokenId; AWS_* keys in the environment → their own row', async () => {
    const deleted = await startSandbox(scenario('deleted-key'));
    const envKeys = await startSandbox(scenario('env-keys-override'));
    try {
      const a = await createAppContext({ env: sandboxEnv(deleted.env), mode: 'cli' }).profiles.list({ wait: true });
      expect(a.profiles.find((p) => p.name === 'erin-old')).toMatchObject({ status: 'invalid', error: { code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' } });
      expect(a.profiles.find((p) => p.name === 'erin')?.status).toBe('valid');
      const b = await createAppContext({ env: sandboxEnv(envKeys.env), mode: 'cli' }).profiles.list({ wait: true });
      expect(b.profiles[0]).toMatchObject({ name: '(environment)', type: 'environment', status: 'valid', identity: { arn: expect.stringMatching(/^arn:aws:iam::\d{12}:user\//) } });
      expect(b.profiles[0]!.warnings[0]).toMatch(/override/);
    } finally {
      await Promise.all([deleted.stop(), envKeys.stop()]);
    }
  });
});
