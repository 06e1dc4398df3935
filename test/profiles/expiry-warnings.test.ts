import { describe, expect, it } from 'vitest';
import { expiryNotice } from '../../electron/expiry-notice.js';
import { ExpiryWarnings } from '../../electron/profiles/expiry-warnings.js';
import type { ExpiryWarning, ProfileView } from '../../shared/profile-types.js';

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const sso = (name: string, expiresAt: string, canRefresh = true): ProfileView => ({
  name, type: 'sso', region: 'us-east-1', source: 'config', status: 'valid', warnings: [],
  sso: { startUrl: 'https://acme.awsapps.com/start', region: 'us-east-1', session: 'acme' },
  signIn: { expiresAt, canRefresh },
});

describe('the warning ten minutes before', () => {
  it('warns once per sign-in, naming every profile on it, and not for one that lasts', async () => {
    const sent: ExpiryWarning[] = [];
    const w = new ExpiryWarnings((x) => sent.push(x));
    const soon = inMinutes(5);
    w.update(sso('dev', soon));
    w.update(sso('prod', soon));
    w.update({ ...sso('later', inMinutes(60)), sso: { startUrl: 'https://other.awsapps.com/start', region: 'us-east-1', session: 'other' } });
    await expect.poll(() => sent.length, { timeout: 2000 }).toBe(1);
    expect(sent[0]).toEqual({ profile: 'dev', profiles: ['dev', 'prod'], kind: 'sign-in', expiresAt: soon, canRefresh: true });
    // Checked again with the same sign-in: no second warning.
    w.update(sso('dev', soon));
    await new Promise((r) => setTimeout(r, 400));
    expect(sent).toHaveLength(1);
    w.close();
  });

  it('warns for temporary credentials too, and forgets a sign-in renewed before its warning', async () => {
    const sent: ExpiryWarning[] = [];
    const w = new ExpiryWarnings((x) => sent.push(x));
    w.update({ name: 'role', type: 'assume-role', region: null, source: 'config', status: 'valid', warnings: [], expiresAt: inMinutes(3) });
    w.update(sso('dev', inMinutes(4)));
    w.update(sso('dev', inMinutes(480)));
    await expect.poll(() => sent.length, { timeout: 2000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 400));
    expect(sent.map((s) => [s.profile, s.kind])).toEqual([['role', 'credentials']]);
    w.close();
  });

  it('says it in words on the desktop', () => {
    const now = new Date('2026-12-07T14:07:00Z');
    const n = expiryNotice({ profile: 'dev', profiles: ['dev', 'prod'], kind: 'sign-in', expiresAt: '2026-12-07T14:15:00Z', canRefresh: true }, now);
    expect(n.title).toBe('Your AWS sign-in ends soon');
    expect(n.body).toMatch(/^dev and 1 more: Signed in until \d\d:15 \(in 8 minutes\)\. Open EKS Access Doctor and choose "Stay signed in"\.$/);
  });
});
