// How the diagnosis decides who created a cluster, and how it matches an identity to aws-auth as the authenticator
// does (role paths and sessions stripped, case ignored, typos measured).
import { describe, expect, it } from 'vitest';
import { decideCreator } from '../../electron/diagnose/gather-creator.js';
import { analyseAwsAuth, editDistance } from '../../electron/diagnose/match.js';
import { parseAwsAuth } from '../../electron/diagnose/aws-auth-mappings.js';
import { roleOfSession, roleWithoutPath } from '../../shared/arn.js';
import { ACCOUNT } from './evidence-fixture.js';

describe('the creator', () => {
  const admin = [{ policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', scope: 'cluster', namespaces: [] }];
  const created = '2026-01-01T00:00:00.000Z';
  const now = new Date('2026-11-29T00:00:00Z');
  it('CloudTrail first, then the kubernetes-admin log lines, then a single bootstrap access entry', () => {
    expect(decideCreator(created, 'API', { ok: true, value: 'arn:aws:iam::1:user/a' }, undefined, undefined, now)).toMatchObject({ arn: 'arn:aws:iam::1:user/a', source: 'cloudtrail' });
    const logs = { ok: true as const, value: { identityLines: [], creatorLines: ['level=info msg="access granted" arn="arn:aws:iam::1:user/b" username=kubernetes-admin'] } };
    expect(decideCreator(created, 'CONFIG_MAP', { ok: true, value: undefined }, logs, undefined, now)).toMatchObject({ arn: 'arn:aws:iam::1:user/b', source: 'authenticator-log' });
    const entries = { ok: true as const, value: [{ principalArn: 'arn:aws:iam::1:user/c', kubernetesGroups: [], createdAt: created, policies: admin }, { principalArn: 'arn:aws:iam::1:role/Later', kubernetesGroups: [], createdAt: '2026-03-01T00:00:00.000Z', policies: admin }] };
    const byEntry = decideCreator(created, 'API', { ok: true, value: undefined }, undefined, entries, now);
    expect(byEntry).toMatchObject({ arn: 'arn:aws:iam::1:user/c', source: 'access-entry' });
    expect(byEntry.notes[0]).toContain("beyond CloudTrail's 90-day history");
  });

  it('two admin entries made with the cluster: undecided, and says so', () => {
    const entries = { ok: true as const, value: ['arn:aws:iam::1:user/c', 'arn:aws:iam::1:role/R'].map((principalArn) => ({ principalArn, kubernetesGroups: [], createdAt: created, policies: admin })) };
    const c = decideCreator(created, 'API_AND_CONFIG_MAP', { ok: false, failure: { code: 'AccessDeniedException', message: 'no' } }, undefined, entries, now);
    expect(c.arn).toBeUndefined();
    expect(c.notes.join('\n')).toContain('CloudTrail LookupEvents failed: AccessDeniedException');
    expect(c.notes.join('\n')).toContain('one of them is the creator');
  });
});

describe('matching like the authenticator', () => {
  it('strips role paths and sessions, measures typos', () => {
    expect(roleWithoutPath(`arn:aws:iam::${ACCOUNT}:role/platform/EKSAdmin`)).toBe(`arn:aws:iam::${ACCOUNT}:role/EKSAdmin`);
    expect(roleOfSession(`arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/jenkins`)).toBe(`arn:aws:iam::${ACCOUNT}:role/Deployer`);
    expect(editDistance('jsmith', 'jsmtih')).toBe(2);
    expect(editDistance('tom', 'sara')).toBe(4);
  });

  it('matches case-insensitively; other accounts are near misses, not matches', () => {
    const parsed = parseAwsAuth({ mapRoles: `- rolearn: arn:aws:iam::${ACCOUNT}:role/DEVELOPER\n  username: d\n- rolearn: arn:aws:iam::444455556666:role/Developer\n  username: d\n` });
    const a = analyseAwsAuth(`arn:aws:iam::${ACCOUNT}:role/Developer`, parsed);
    expect(a.exact?.arn).toBe(`arn:aws:iam::${ACCOUNT}:role/DEVELOPER`);
    expect(a.nearMisses.map((n) => n.why)).toEqual([`names account 444455556666 instead of ${ACCOUNT}`]);
    expect(analyseAwsAuth(`arn:aws:iam::${ACCOUNT}:user/x`, parseAwsAuth({ mapAccounts: `- "${ACCOUNT}"\n` })).account).toBe(ACCOUNT);
  });
});
