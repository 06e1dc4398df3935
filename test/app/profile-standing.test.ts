// The "Use with kubectl" window's and the Your kubectl cards' knowledge of which profile gets in: from the Access
// matrix's last scan, else the page's context checks; another account's refusal in the matrix's own words; the
// least-privileged working profile offered first (access before full admin).
import { describe, expect, it } from 'vitest';
import type { KubectlContextView } from '../../shared/contexts-types.js';
import type { MatrixCell, MatrixOutcome, MatrixState } from '../../shared/matrix-types.js';
import type { ProfileView } from '../../shared/profile-types.js';
import { adminCaution, preferredProfile, standingsOn, workingProfileOn } from '../../renderer/src/kubectl/profile-standing.js';

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/data-platform';
const view = (name: string): ProfileView => ({ name, type: 'static', region: 'us-east-1', source: 'config', status: 'valid' }) as ProfileView;
const cell = (profile: string, outcome: MatrixOutcome, extra: Partial<MatrixCell> = {}): MatrixCell => ({ profile, clusterArn: ARN, outcome, ms: 1, evidence: { steps: [] }, ...extra });
const profiles = ['default', 'developer', 'platform-admin', 'carol'].map(view);

function scan(cells: MatrixCell[]): MatrixState {
  return {
    scanId: 1,
    running: false,
    matrix: {
      profiles: [
        { name: 'default', type: 'static', region: null, status: 'valid', account: '111122223333' },
        { name: 'developer', type: 'assume-role', region: null, status: 'valid', account: '111122223333' },
        { name: 'platform-admin', type: 'static', region: null, status: 'valid', account: '111122223333' },
        { name: 'carol', type: 'static', region: null, status: 'valid', account: '444455556666' },
      ],
      clusters: [{ name: 'data-platform', region: 'us-east-1', arn: ARN, account: '111122223333', endpoint: 'https://x', describedBy: [] }],
      cells, denials: [], failures: [], regions: [], elapsedMs: 0, cancelled: false,
    },
    kubectl: [{ context: ARN, current: false, profile: 'developer', clusterArn: ARN }],
  } as unknown as MatrixState;
}

const context = (outcome: MatrixOutcome): KubectlContextView => ({
  name: ARN, current: false, eks: true, file: '/k', clusterArn: ARN, clusterName: 'data-platform', outcome, problem: 'Unauthorized',
  credential: { profile: 'developer' },
}) as KubectlContextView;

describe('profile standing', () => {
  it("offers the least-privileged working profile: the context's own if it works, else access before full admin", () => {
    expect.hasAssertions();
    // The admin listed first, as a config file may have it: order does not decide.
    const adminFirst = ['platform-admin', 'developer', 'default', 'carol'].map(view);
    const both = standingsOn(ARN, adminFirst, scan([cell('platform-admin', 'ADMIN'), cell('default', 'ACCESS'), cell('developer', 'UNAUTHORIZED')]));
    expect(preferredProfile('developer', both)).toBe('default');
    expect(preferredProfile('platform-admin', both)).toBe('platform-admin');
    const adminOnly = standingsOn(ARN, adminFirst, scan([cell('platform-admin', 'ADMIN'), cell('developer', 'UNAUTHORIZED')]));
    expect(preferredProfile('developer', adminOnly)).toBe('platform-admin');
  });

  it('a failing card is offered another profile that gets in, access before admin, never its own; nothing when no scan ran', () => {
    expect.hasAssertions();
    const cells = [cell('platform-admin', 'ADMIN'), cell('default', 'ACCESS'), cell('developer', 'UNAUTHORIZED')];
    expect(workingProfileOn(ARN, 'developer', cells)).toEqual({ profile: 'default', words: 'can list services', admin: false });
    expect(workingProfileOn(ARN, 'default', cells)).toEqual({ profile: 'platform-admin', words: 'full admin', admin: true });
    expect(workingProfileOn(ARN, 'developer', [cell('developer', 'UNAUTHORIZED'), cell('default', 'FORBIDDEN')])).toBeUndefined();
    expect(workingProfileOn(ARN, 'developer', [])).toBeUndefined();
  });

  it("without a scan, the page's check of the context tells its own profile's standing", () => {
    expect.hasAssertions();
    const none = standingsOn(ARN, profiles, { scanId: 0, running: false });
    expect(none.get('developer')?.words).toBe('not checked on this cluster yet');
    const checked = standingsOn(ARN, profiles, { scanId: 0, running: false }, [context('UNAUTHORIZED')]);
    expect(checked.get('developer')).toMatchObject({ kind: 'fails', words: 'refused by this cluster (401 Unauthorized)', fromKubectl: true });
    expect(checked.get('default')?.words).toBe('not checked on this cluster yet');
    // The matrix's answer, when there is one, comes first.
    const both = standingsOn(ARN, profiles, scan([cell('developer', 'ACCESS')]), [context('UNAUTHORIZED')]);
    expect(both.get('developer')).toMatchObject({ kind: 'works' });
    expect(both.get('developer')?.fromKubectl).toBeUndefined();
  });

  it("another account's refused profile reads as the matrix's \"Not expected\", not as a 401", () => {
    expect.hasAssertions();
    const s = standingsOn(ARN, profiles, scan([cell('carol', 'UNAUTHORIZED'), cell('developer', 'UNAUTHORIZED')]));
    expect(s.get('carol')).toMatchObject({ kind: 'fails', words: "another account's profile — nothing maps it here" });
    // Same account, or used by kubectl here: the plain refusal.
    expect(s.get('developer')?.words).toBe('refused by this cluster (401 Unauthorized)');
  });

  it('a profile that only needs an MFA code or an SSO sign-in says so, not "cannot sign in"', () => {
    expect.hasAssertions();
    const waiting = ['mfa', 'sso', 'broken'].map(view);
    waiting[0]!.status = 'mfa-needed';
    waiting[1]!.status = 'sso-login-needed';
    waiting[2]!.status = 'invalid';
    const scanned = standingsOn(ARN, waiting, scan(['mfa', 'sso', 'broken'].map((p) => cell(p, 'NO_CREDENTIALS'))));
    expect(scanned.get('mfa')).toMatchObject({ kind: 'fails', words: 'needs your MFA code first (Profiles page)' });
    expect(scanned.get('sso')?.words).toBe('needs an SSO sign-in first (Profiles page)');
    expect(scanned.get('broken')?.words).toBe('no credentials — it cannot sign in');
    // Without a scan, the profile's own status says the same.
    const unscanned = standingsOn(ARN, waiting, { scanId: 0, running: false });
    expect(unscanned.get('mfa')?.words).toBe('needs your MFA code first (Profiles page)');
    expect(unscanned.get('sso')?.words).toBe('needs an SSO sign-in first (Profiles page)');
  });

  it('a full-admin profile is offered with a plain caution, never as "no administrator needed"', () => {
    expect.hasAssertions();
    const words = adminCaution('platform-admin');
    expect(words).toContain('platform-admin gets in, but with full administrator rights: kubectl would act as an administrator on this cluster');
    expect(words).toContain('Use it only if that profile is meant for you; otherwise ask for your own access');
    expect(words).not.toMatch(/no administrator needed/i);
  });
});
