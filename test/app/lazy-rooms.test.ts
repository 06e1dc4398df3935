import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/app-context.js';
import { lazyRoomHandlers, LAZY_CHANNELS, NO_SCAN_YET, ROOM_NAMES, type RoomName } from '../../electron/app-rooms.js';
import { dispatch } from '../../electron/dispatch.js';
import { tempAwsHome } from './support.js';

const A = 'arn:aws:eks:us-east-1:111122223333:cluster/x';
const { env } = tempAwsHome({ config: '[default]\nregion = us-east-1\n', credentials: '[default]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n' });

describe('the rooms loaded on their first call', () => {
  it('serve the profiles room without loading the others, and every other room from its own first call', async () => {
    const context = createAppContext({ env, mode: 'cli', profilesDeps: { checkTimeoutMs: 2000 } });
    try {
      expect(await dispatch(context.handlers, 'profiles.active', {})).toMatchObject({ ok: true, result: { name: 'default' } });
      // What a page asks as it opens: the scan's state (none yet) and the Identity Center sessions, neither of
      // which loads the scan's or the diagnosis's code.
      expect(await dispatch(context.handlers, 'matrix.snapshot', {})).toEqual({ ok: true, result: NO_SCAN_YET });
      expect(await dispatch(context.handlers, 'identityCenter.sessions', {})).toEqual({ ok: true, result: [] });
      expect(() => context.matrix).toThrow(/not loaded yet/);
      // One call per room, each answered by the room's own handler (its own codes, no network reached first).
      const answers = {
        matrix: await dispatch(context.handlers, 'matrix.export', { format: 'json' }),
        identityCenter: await dispatch(context.handlers, 'identityCenter.poll', { flowId: 'abcdefgh' }),
        diagnosis: await dispatch(context.handlers, 'diagnosis.run', { profile: 'ghost', clusterArn: A }),
        kubeconfig: await dispatch(context.handlers, 'kubeconfig.undo', { undoId: 'abcdefgh' }),
        grant: await dispatch(context.handlers, 'grant.apply', { planId: 'abcdefgh' }),
        backups: await dispatch(context.handlers, 'backups.preview', { backupId: 'nothing-here' }),
        logs: await dispatch(context.handlers, 'logs.update', { profile: 'default', clusterArn: A, updateId: 'abcdefgh' }),
        admin: await dispatch(context.handlers, 'admin.message', { profile: 'default', clusterArn: A }),
        contexts: await dispatch(context.handlers, 'contexts.useApply', { planId: 'abcdefgh' }),
      } satisfies Record<RoomName, unknown>;
      expect(Object.keys(answers).sort()).toEqual([...ROOM_NAMES].sort());
      expect(answers).toMatchObject({
        matrix: { ok: false, error: { code: 'NO_SCAN' } },
        identityCenter: { ok: false, error: { code: 'UNKNOWN_FLOW' } },
        diagnosis: { ok: false, error: { code: 'PROFILE_NOT_FOUND' } },
        kubeconfig: { ok: false, error: { code: 'UNKNOWN_UNDO' } },
        grant: { ok: false, error: { code: 'UNKNOWN_PLAN' } },
        backups: { ok: false, error: { code: 'UNKNOWN_BACKUP', message: expect.stringMatching(/^there is no backup nothing-here in /) } },
        logs: { ok: false, error: { code: 'ECONNREFUSED' } },
        admin: { ok: false, error: { code: 'CREDENTIALS_NOT_WORKING' } },
        contexts: { ok: false, error: { code: 'UNKNOWN_PLAN' } },
      });
      expect(context.matrix.state()).toEqual(NO_SCAN_YET);
      expect(await dispatch(context.handlers, 'matrix.snapshot', {})).toEqual({ ok: true, result: NO_SCAN_YET });
    } finally {
      context.close();
    }
  });

  it('at launch, load the other rooms only once the checks are done and the page was answered its first list', async () => {
    const context = createAppContext({ env, mode: 'browser', profilesDeps: { checkTimeoutMs: 2000 } });
    try {
      let alongside = 0;
      const loading = context.loadRoomsAfterFirstList(async () => alongside++, 60_000);
      await context.profiles.list({ wait: true });
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      expect(alongside).toBe(0);
      expect(() => context.diagnosis).toThrow(/not loaded yet/);
      expect(await dispatch(context.handlers, 'profiles.list', {})).toMatchObject({ ok: true, result: { profiles: [{ name: 'default' }] } });
      await loading;
      expect(alongside).toBe(1);
      expect(context.diagnosis.redact('x')).toBe('x');
    } finally {
      context.close();
    }
  });

  it('load a room once for concurrent first calls, answer a failed load with an error naming the room, and try again on the next call', async () => {
    const loads: RoomName[] = [];
    let fail = true;
    const { handlers } = lazyRoomHandlers(async (room) => {
      loads.push(room);
      await new Promise((r) => setImmediate(r));
      if (fail) throw new Error('Cannot find module ./grant/handlers.js\n    at load (x.js:1)');
      return { 'grant.restore': async () => ({ message: 'restored' }) };
    });
    expect(LAZY_CHANNELS).toContain('grant.restore');
    const failed = await Promise.all([dispatch(handlers, 'grant.restore', { backupId: 'abcdefgh' }), dispatch(handlers, 'grant.apply', { planId: 'abcdefgh' })]);
    expect(failed).toEqual([0, 1].map(() => ({ ok: false, error: { code: 'INTERNAL', message: 'This part of the app (grant) could not be loaded: Cannot find module ./grant/handlers.js' } })));
    expect(loads).toEqual(['grant']);
    fail = false;
    expect(await dispatch(handlers, 'grant.restore', { backupId: 'abcdefgh' })).toEqual({ ok: true, result: { message: 'restored' } });
    expect(await dispatch(handlers, 'grant.apply', { planId: 'abcdefgh' })).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'The grant room has no handler for grant.apply' } });
    expect(loads).toEqual(['grant', 'grant']);
  });
});
