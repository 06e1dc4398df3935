// Staying signed in, on the expired-sso sandbox (one sandbox for the file): the sign-in's expiry on each SSO
// row, the ten-minute warning, and the one-click renewal with the refresh token written where the real aws CLI
// reads it, and a browser sign-in again (writes the file watcher does not count as changes; what a change re-checks:
// test/watch/).
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/app-context.js';
import { dispatch } from '../../electron/dispatch.js';
import { ssoCacheFile } from '../../electron/profiles/sso-cache.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import type { FilesChanged } from '../../shared/files-changed.js';
import type { ExpiryWarning, ProfilesListResult, SsoPollResult, SsoRefreshResult, SsoStartResult } from '../../shared/profile-types.js';
import { approveSignIn } from '../helpers/approve-sign-in.js';
import { runAws } from '../helpers/aws-cli.js';
import { sandboxEnv } from '../app/support.js';

const SCENARIO = join(process.cwd(), 'sandbox', 'scenarios', 'expired-sso.yaml');
const GINA = { startUrl: 'https://acme.awsapps.com/start', session: 'acme-soon' };

describe('staying signed in (expired-sso sandbox)', () => {
  let sandbox: SandboxHandle;
  let app: AppContext;
  let env: Record<string, string | undefined>;
  const warnings: ExpiryWarning[] = [];
  const changes: FilesChanged[] = [];
  const call = async <T>(name: string, req: unknown = {}): Promise<T> => {
    const r = await dispatch(app.handlers, name, req);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.result as T;
  };

  beforeAll(async () => {
    sandbox = await startSandbox(SCENARIO);
    env = sandboxEnv(sandbox.env);
    app = createAppContext({ env, mode: 'browser', watch: { debounceMs: 200 } });
    app.events.subscribe((name, payload) => {
      if (name === 'expiry.warning') warnings.push(payload as ExpiryWarning);
      if (name === 'files.changed') changes.push(payload as FilesChanged);
    });
    await app.services();
  });
  afterAll(async () => {
    app?.close();
    app?.close();
    await sandbox?.stop();
  });

  it('shows when each SSO sign-in expires and whether it renews without the browser, and warns ten minutes before', async () => {
    const list = await call<ProfilesListResult>('profiles.list', { wait: true });
    const gina = list.profiles.find((p) => p.name === 'gina-soon')!;
    const hal = list.profiles.find((p) => p.name === 'hal-legacy')!;
    expect(gina.status).toBe('valid');
    expect(gina.signIn?.canRefresh).toBe(true);
    const left = Date.parse(gina.signIn!.expiresAt) - Date.now();
    expect(left).toBeGreaterThan(60_000);
    expect(left).toBeLessThanOrEqual(300_000);
    expect(hal.signIn?.canRefresh).toBe(false);
    expect(Date.parse(hal.signIn!.expiresAt) - Date.now()).toBeGreaterThan(7 * 3600_000);
    expect(list.profiles.find((p) => p.name === 'owner')!.signIn).toBeUndefined();
    // The token itself never reaches the renderer.
    const cached = JSON.parse(readFileSync(ssoCacheFile(env, GINA), 'utf8')) as Record<string, string>;
    expect(JSON.stringify(list)).not.toContain(cached.accessToken);
    // Gina's sign-in ends within ten minutes: one warning; Hal's lasts the day: none.
    await expect.poll(() => warnings.map((w) => w.profile), { timeout: 3000 }).toEqual(['gina-soon']);
    expect(warnings[0]).toMatchObject({ kind: 'sign-in', canRefresh: true, expiresAt: gina.signIn!.expiresAt });
  });

  it('renews with the refresh token, written where the real aws CLI then reads it', async () => {
    const file = ssoCacheFile(env, GINA);
    const before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const r = await call<SsoRefreshResult>('sso.refresh', { profile: 'gina-soon' });
    expect(r).toMatchObject({ profile: 'gina-soon', refreshed: true, result: { status: 'valid' } });
    expect(Date.parse(r.result!.signIn!.expiresAt) - Date.now()).toBeGreaterThan(7 * 3600_000);
    const after = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    // botocore's keys, the registration kept, a new token and refresh token.
    expect(Object.keys(after).sort()).toEqual(['accessToken', 'clientId', 'clientSecret', 'expiresAt', 'refreshToken', 'region', 'registrationExpiresAt', 'startUrl']);
    expect(after).toMatchObject({ clientId: before.clientId, clientSecret: before.clientSecret, registrationExpiresAt: before.registrationExpiresAt, startUrl: GINA.startUrl, region: 'us-east-1' });
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // The old token and refresh token are spent: the aws CLI can only succeed with what the app wrote.
    const aws = await runAws(['--profile', 'gina-soon', 'sts', 'get-caller-identity', '--output', 'json'], {
      home: env.HOME!, endpoint: env.AWS_ENDPOINT_URL, caFile: env.AWS_CA_BUNDLE, env: { AWS_CONFIG_FILE: env.AWS_CONFIG_FILE!, AWS_SHARED_CREDENTIALS_FILE: env.AWS_SHARED_CREDENTIALS_FILE! },
    });
    expect(aws.stderr).toBe('');
    expect(JSON.parse(aws.stdout).Arn).toMatch(/^arn:aws:sts::111122223333:assumed-role\/AWSReservedSSO_PlatformEngineer_3d4e5f60718293a4\//);
    expect(JSON.parse(readFileSync(file, 'utf8')).accessToken).toBe(after.accessToken);
    // The app's own write of the cache is not a change for the watcher: another program's edit after it is the only
    // one (the events come in order).
    appendFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, '\n# edited by another program\n');
    await expect.poll(() => changes.map((c) => c.kinds), { timeout: 2000, interval: 50 }).toEqual([['aws-credentials']]);
  });

  it('signs in again in the browser: the sign-in the app writes in the background is no change either', async () => {
    const file = ssoCacheFile(env, { startUrl: GINA.startUrl, session: 'acme' });
    const expired = readFileSync(file, 'utf8');
    const completed = new Promise<SsoPollResult>((resolve) => {
      const off = app.events.subscribe((name, payload) => {
        if (name !== 'sso.completed') return;
        off();
        resolve(payload as SsoPollResult);
      });
    });
    changes.length = 0;
    const start = await call<SsoStartResult>('sso.start', { profile: 'gina-sso' });
    expect(await approveSignIn(env, start.userCode)).toBe(200);
    expect(await completed).toMatchObject({ profile: 'gina-sso', state: 'complete', result: { status: 'valid' } });
    expect(readFileSync(file, 'utf8')).not.toBe(expired);
    appendFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, '# and again\n');
    await expect.poll(() => changes.map((c) => c.kinds), { timeout: 2000, interval: 50 }).toEqual([['aws-credentials']]);
  });

  it('a sign-in without a refresh token asks for the browser sign-in instead', async () => {
    const r = await call<SsoRefreshResult>('sso.refresh', { profile: 'hal-legacy' });
    expect(r).toMatchObject({ profile: 'hal-legacy', refreshed: false });
    expect(r.reason).toMatch(/no refresh token/);
  });
});
