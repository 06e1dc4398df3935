import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/app-context.js';
import { dispatch } from '../../electron/dispatch.js';
import { UnknownProfileError } from '../../electron/common/unknown-profile.js';
import { ContractError, PassedOnError } from '../../shared/contract-kit.js';
import { isAppErrorCode } from '../../shared/error-codes.js';
import { channelNames, channels } from '../../shared/contract.js';
import { tempAwsHome } from './support.js';

const { env } = tempAwsHome({ config: '[default]\nregion = us-east-1\n', credentials: '[default]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n' });
const context = createAppContext({ env, mode: 'cli', profilesDeps: { checkTimeoutMs: 2000 } });

const A = 'arn:aws:eks:us-east-1:111122223333:cluster/x';

/** Malformed payloads for every channel; each must be rejected before its handler runs. */
const MALFORMED: Record<string, unknown[]> = {
  'app.info': [{ extra: 1 }, 'text', [1]],
  'profiles.list': [{ refresh: 'yes' }, { wait: 1 }, { unknown: true }, 42],
  'profiles.check': [{}, { name: '' }, { name: 5 }, { name: 'default', more: 1 }, null],
  'profiles.setActive': [{}, { name: ['default'] }, { name: 'x'.repeat(300) }],
  'profiles.active': [{ name: 'default' }],
  'sso.start': [{}, { profile: {} }, { name: 'default' }],
  'sso.poll': [{}, { flowId: 'x' }, { flowId: '../../etc/passwd' }],
  'sso.refresh': [{}, { profile: '' }, { profile: 'default', force: true }],
  'identityCenter.sessions': [{ extra: 1 }],
  'identityCenter.signIn': [{}, { startUrl: 'https://acme.awsapps.com/start' }, { session: 'acme', startUrl: 'https://acme.awsapps.com/start', region: 'us-east-1' }, { startUrl: 'not a url', region: 'us-east-1' }],
  'identityCenter.poll': [{}, { flowId: '../x' }],
  'identityCenter.identities': [{}, { session: 'a b' }],
  'identityCenter.preview': [{ session: 'acme' }, { session: 'acme', identities: [] }, { session: 'acme', identities: ['111122223333'] }, { session: 'acme', identities: ['111122223333/Admin'], prefix: 'a b' }],
  'identityCenter.save': [{ session: 'acme', identities: ['x/y'] }, { identities: ['111122223333/Admin'] }, { session: 'acme', identities: ['111122223333/Admin'], prefix: '-x' }],
  'mfa.submit': [{ profile: 'default' }, { profile: 'default', code: '12345' }, { profile: 'default', code: 'abcdef' }, { profile: 'default', code: 123456 }],
  // The matrix channels (more cases in matrix-contract.test.ts).
  'matrix.start': [{ ssoSession: 'a b' }, { profiles: [] }, { regions: ['mars'] }, { concurrency: 0 }, { regions: ['us-east-1'], allRegions: true }],
  'matrix.cancel': [{ now: true }],
  'matrix.rerun': [{ profile: '' }, { clusterArn: 'payments-prod' }],
  'matrix.snapshot': [{ scanId: 1 }],
  'matrix.export': [{}, { format: 'xlsx' }],
  // The diagnosis channels (more cases in diagnosis-contract.test.ts).
  'diagnosis.run': [{}, { profile: 'default' }, { profile: 'default', clusterArn: 'payments-prod' }, { profile: '', clusterArn: 'arn:aws:eks:us-east-1:111122223333:cluster/x' }],
  'kubeconfig.plan': [{ profile: 'default' }, { profile: 'default', clusterArn: 'arn:aws:eks:us-east-1:111122223333:cluster/x', pinProfile: 'yes' }, { profile: 'default', clusterArn: 'arn:aws:eks:us-east-1:111122223333:cluster/x', roleArn: 'admin' }],
  'kubeconfig.apply': [{}, { planId: 'x' }, { planId: '../../etc' }, { planId: 'abcdefgh', yes: true }],
  'kubeconfig.undo': [{}, { undoId: 5 }, { undoId: 'a b c d e f' }],
  'report.export': [{}, { profile: 'default', clusterArn: 'cluster/x' }, { profile: 'default', clusterArn: 'arn:aws:eks:us-east-1:111122223333:cluster/x', format: 'pdf' }],
  // The wizards' channels (more cases in test/grant/, test/admin-message/ and test/logs/).
  'grant.options': [{}, { profile: 'default', clusterArn: A }, { profile: 'default', clusterArn: A, fixId: 'Map It' }],
  'grant.plan': [{ profile: 'default', clusterArn: A, fixId: 'map-identity' }, { profile: 'default', clusterArn: A, fixId: 'map-identity', adminProfile: 'a', groups: 'system:masters' }, { profile: 'default', clusterArn: A, fixId: 'map-identity', adminProfile: 'a', switchMode: 'yes' }],
  'grant.apply': [{}, { planId: 'x' }, { planId: 'abcdefgh', force: true }],
  'grant.restore': [{}, { backupId: '../x' }],
  'backups.preview': [{}, { backupId: '../x' }, { backupId: '/tmp/x.json' }],
  'backups.restore': [{}, { backupId: 'a b' }, { backupId: 'abcdefgh', force: true }],
  'cell.verify': [{ profile: 'default' }, { profile: 'default', clusterArn: 'x' }],
  'creator.find': [{ clusterArn: A }, { profile: 'default', clusterArn: A, deep: true }],
  'logs.status': [{}, { profile: 'default', clusterArn: 'analytics' }],
  'logs.enable': [{ profile: 'default' }, { profile: 'default', clusterArn: A, types: ['api'] }],
  'logs.update': [{ profile: 'default', clusterArn: A }, { profile: 'default', clusterArn: A, updateId: 'x' }],
  'logs.query': [{ profile: 'default', clusterArn: A, query: 'all' }, { profile: 'default', clusterArn: A, query: 'identity' }, { profile: 'default', clusterArn: A, query: 'denied', identityArn: 'tom' }],
  // The "Your kubectl" page's channels.
  'contexts.list': [{ refresh: true }, { check: 'yes' }, 'all', { progressId: '../x' }],
  'contexts.usePlan': [{ context: 'x' }, { context: '', profile: 'default' }, { context: 'x', profile: 'default', pin: true }],
  'contexts.useApply': [{}, { planId: 'x' }],
  'contexts.useUndo': [{}, { undoId: '../x' }],
  'admin.message': [{ profile: 'default' }, { profile: 'default', clusterArn: A, policy: 'ReadOnly' }, { profile: 'default', clusterArn: A, namespaces: [] }],
};

describe('the contract', () => {
  it('declares every channel with a request schema and a description', () => {
    expect(channelNames.sort()).toEqual(Object.keys(MALFORMED).sort());
    for (const name of channelNames) {
      expect(channels[name].description.length).toBeGreaterThan(5);
      expect(typeof channels[name].request.safeParse).toBe('function');
    }
  });

  for (const [name, payloads] of Object.entries(MALFORMED)) {
    it(`${name} rejects malformed payloads with a clear message`, async () => {
      for (const payload of payloads) {
        const result = await dispatch(context.handlers, name, payload);
        expect(result.ok, JSON.stringify(payload)).toBe(false);
        if (result.ok) continue;
        expect(result.error.code).toBe('INVALID_REQUEST');
        expect(result.error.message).toMatch(new RegExp(`^invalid request for ${name.replace('.', '\\.')}: `));
        expect(result.error.message).not.toMatch(/\n|at .*\.ts/);
      }
    });
  }

  it('names the offending field', async () => {
    const result = await dispatch(context.handlers, 'mfa.submit', { profile: 'default', code: '12' });
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_REQUEST', message: 'invalid request for mfa.submit: code: the MFA code is 6 digits' } });
  });

  it('takes a profile-name prefix when saving identities as profiles (the request reaches the handler)', async () => {
    for (const name of ['identityCenter.preview', 'identityCenter.save']) {
      const result = await dispatch(context.handlers, name, { session: 'nope', identities: ['111122223333/Admin'], prefix: 'sso-' });
      expect(result, name).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SESSION' } });
    }
  });

  it('rejects unknown channels and reports handler failures as codes', async () => {
    expect(await dispatch(context.handlers, 'fs.read', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch(context.handlers, 'toString', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch(context.handlers, 'profiles.setActive', { name: 'missing' })).toMatchObject({ ok: false, error: { code: 'PROFILE_NOT_FOUND' } });
    expect(await dispatch(context.handlers, 'sso.start', { profile: 'default' })).toMatchObject({ ok: false, error: { code: 'NOT_SSO' } });
    expect(await dispatch(context.handlers, 'mfa.submit', { profile: 'default', code: '123456' })).toMatchObject({ ok: false, error: { code: 'NO_MFA' } });
    expect(await dispatch(context.handlers, 'sso.poll', { flowId: 'abcdefgh' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FLOW' } });
    expect(await dispatch(context.handlers, 'sso.refresh', { profile: 'default' })).toMatchObject({ ok: false, error: { code: 'NOT_SSO' } });
  });

  it('turns the app error kinds into envelopes in dispatch only: app codes, names AWS gave, anything else INTERNAL', async () => {
    const failing = (err: Error) => ({ ...context.handlers, 'app.info': async () => { throw err; } }) as typeof context.handlers;
    expect(await dispatch(failing(new UnknownProfileError('ghost')), 'app.info', {})).toEqual({ ok: false, error: { code: 'PROFILE_NOT_FOUND', message: 'no profile named "ghost"' } });
    expect(await dispatch(failing(new PassedOnError('AccessDeniedException', 'not allowed')), 'app.info', {})).toEqual({ ok: false, error: { code: 'AccessDeniedException', message: 'not allowed' } });
    expect(await dispatch(failing(new TypeError('x is undefined\n    at f (a.js:1)')), 'app.info', {})).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'x is undefined' } });
    expect(isAppErrorCode('PROFILE_NOT_FOUND')).toBe(true);
    expect(isAppErrorCode('AccessDeniedException')).toBe(false);
    // @ts-expect-error: a code the contract does not declare is refused by the compiler
    expect(new ContractError('NO_SUCH_CODE', 'm').code).toBe('NO_SUCH_CODE');
  });

  it('accepts well-formed payloads', async () => {
    const info = await dispatch(context.handlers, 'app.info', {});
    expect(info).toMatchObject({ ok: true, result: { mode: 'cli', demo: false } });
    const active = await dispatch(context.handlers, 'profiles.active', undefined);
    expect(active).toMatchObject({ ok: true, result: { name: 'default' } });
  });
});
