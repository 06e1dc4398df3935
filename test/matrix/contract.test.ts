// The matrix channels of the contract: malformed payloads are refused with a clear message before any
// handler runs, and well-formed ones reach the matrix service.
import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/app-context.js';
import { dispatch } from '../../electron/dispatch.js';
import { channels, eventNames } from '../../shared/contract.js';
import { tempAwsHome } from '../app/support.js';

const { env } = tempAwsHome({ config: '[default]\nregion = us-east-1\n', credentials: '[default]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n' });
const context = createAppContext({ env, mode: 'cli', profilesDeps: { checkTimeoutMs: 2000 }, matrixSettings: { timeoutMs: 1500, awsMaxAttempts: 1 } });

const MALFORMED: Record<string, { payload: unknown; mentions: string }[]> = {
  'matrix.start': [
    { payload: { profiles: [] }, mentions: 'profiles: profiles must name at least one profile' },
    { payload: { profiles: [''] }, mentions: 'profiles.0: profile name must not be empty' },
    { payload: { profiles: 'default' }, mentions: 'profiles:' },
    { payload: { regions: ['mars-1'] }, mentions: 'regions.0: a region name looks like us-east-1' },
    { payload: { regions: ['us-east-1'], allRegions: true }, mentions: 'allRegions: regions and allRegions exclude each other' },
    { payload: { concurrency: 0 }, mentions: 'concurrency: concurrency is at least 1' },
    { payload: { concurrency: 2.5 }, mentions: 'concurrency: concurrency must be a whole number' },
    { payload: { concurrency: 5000 }, mentions: 'concurrency: concurrency is at most 1024' },
    { payload: { allRegions: 'yes' }, mentions: 'allRegions:' },
    { payload: { timeout: 1 }, mentions: 'timeout' },
    { payload: 'scan', mentions: '(request):' },
  ],
  'matrix.cancel': [
    { payload: { now: true }, mentions: 'now' },
    { payload: [1], mentions: '(request):' },
  ],
  'matrix.rerun': [
    { payload: { profile: '' }, mentions: 'profile: profile name must not be empty' },
    { payload: { clusterArn: 'payments-prod' }, mentions: 'clusterArn: clusterArn must be an EKS cluster ARN' },
    { payload: { clusterArn: 'arn:aws:eks:us-east-1:111122223333:cluster/../x' }, mentions: 'clusterArn: clusterArn must be an EKS cluster ARN' },
    { payload: { profile: 'default', cell: 1 }, mentions: 'cell' },
  ],
  'matrix.snapshot': [{ payload: { scanId: 1 }, mentions: 'scanId' }],
  'matrix.export': [
    { payload: {}, mentions: 'format: format must be "csv" or "json"' },
    { payload: { format: 'xlsx' }, mentions: 'format: format must be "csv" or "json"' },
    { payload: { format: 'csv', path: '/etc/passwd' }, mentions: 'path' },
  ],
};

describe('matrix channels of the contract', () => {
  it('declares the matrix channels and the matrix.event event', () => {
    for (const name of Object.keys(MALFORMED)) expect(Object.keys(channels)).toContain(name);
    expect(eventNames).toContain('matrix.event');
  });

  for (const [name, cases] of Object.entries(MALFORMED)) {
    it(`${name} rejects malformed payloads, naming the field`, async () => {
      for (const { payload, mentions } of cases) {
        const result = await dispatch(context.handlers, name, payload);
        expect(result.ok, JSON.stringify(payload)).toBe(false);
        if (result.ok) continue;
        expect(result.error.code).toBe('INVALID_REQUEST');
        expect(result.error.message.startsWith(`invalid request for ${name}: `), result.error.message).toBe(true);
        expect(result.error.message).toContain(mentions);
        expect(result.error.message).not.toMatch(/\n|at .*\.ts/);
      }
    });
  }

  it('before any scan: empty state, nothing to cancel, re-run and export say so', async () => {
    expect(await dispatch(context.handlers, 'matrix.snapshot', {})).toEqual({ ok: true, result: { scanId: 0, running: false } });
    expect(await dispatch(context.handlers, 'matrix.cancel', {})).toEqual({ ok: true, result: { cancelled: false } });
    expect(await dispatch(context.handlers, 'matrix.rerun', { profile: 'default' })).toMatchObject({ ok: false, error: { code: 'NO_SCAN' } });
    expect(await dispatch(context.handlers, 'matrix.export', { format: 'csv' })).toMatchObject({ ok: false, error: { code: 'NO_SCAN' } });
  });

  it('refuses to start a scan of unknown profiles', async () => {
    expect(await dispatch(context.handlers, 'matrix.start', { profiles: ['default', 'nope'] })).toEqual({
      ok: false,
      error: { code: 'PROFILE_NOT_FOUND', message: 'no profile named "nope"' },
    });
  });

  it('accepts a well-formed start and streams events tagged with its scan id', async () => {
    const seen: unknown[] = [];
    const off = context.events.subscribe((name, payload) => name === 'matrix.event' && seen.push(payload));
    try {
      const started = await dispatch(context.handlers, 'matrix.start', { regions: ['us-east-1'], concurrency: 4 });
      expect(started).toEqual({ ok: true, result: { scanId: 1 } });
      await expect.poll(() => seen.some((p) => (p as { event: { type: string } }).event.type === 'done'), { timeout: 20_000 }).toBe(true);
      expect(seen.every((p) => (p as { scanId: number }).scanId === 1)).toBe(true);
      // The endpoint refuses connections: the profile is reported, no cluster is found.
      const state = await dispatch(context.handlers, 'matrix.snapshot', {});
      expect(state).toMatchObject({ ok: true, result: { scanId: 1, running: false, matrix: { profiles: [{ name: 'default' }], clusters: [], regions: ['us-east-1'] } } });
      expect(await dispatch(context.handlers, 'matrix.rerun', { profile: 'ghost' })).toMatchObject({ ok: false, error: { code: 'PROFILE_NOT_FOUND' } });
      expect(await dispatch(context.handlers, 'matrix.rerun', { clusterArn: 'arn:aws:eks:us-east-1:111122223333:cluster/none' })).toMatchObject({
        ok: false,
        error: { code: 'CLUSTER_NOT_FOUND' },
      });
      const csv = await dispatch(context.handlers, 'matrix.export', { format: 'csv' });
      expect(csv).toMatchObject({ ok: true, result: { mimeType: 'text/csv', filename: expect.stringMatching(/^eks-access-matrix-\d{8}-\d{6}\.csv$/) } });
    } finally {
      off();
      context.close();
    }
  });
});
