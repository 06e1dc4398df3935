// The pure parts: ARN normalisation, the aws-auth edit (byte-preserving), the diff, the guard and fix candidates.
import { describe, expect, it } from 'vitest';
import { normaliseForAccessEntry, normaliseForAwsAuth } from '../../electron/authmap/arn.js';
import { canonicalArnOf as canonicalArn } from '../../shared/arn.js';
import { applyAwsAuthEdit } from '../../electron/authmap/aws-auth-edit.js';
import { readAwsAuth } from '../../electron/authmap/aws-auth-read.js';
import { simulateMapping } from '../../electron/authmap/aws-auth-simulate.js';
import { findFixCandidates } from '../../electron/authmap/candidates.js';
import { unifiedDiff } from '../../electron/authmap/diff.js';
import { guardAwsAuthChange } from '../../electron/authmap/guard.js';

const ACCT = '111122223333';
const NODES = `- rolearn: arn:aws:iam::${ACCT}:role/eks-node-role\n  username: system:node:{{EC2PrivateDNSName}}\n  groups:\n    - system:bootstrappers\n    - system:nodes\n`;

describe('ARN normalisation', () => {
  it('aws-auth: session → role, path and SSO path removed, each with its reason', () => {
    const s = normaliseForAwsAuth(`arn:aws:sts::${ACCT}:assumed-role/Deployer/jenkins`);
    expect(s).toMatchObject({ arn: `arn:aws:iam::${ACCT}:role/Deployer`, kind: 'role', name: 'Deployer' });
    expect(s.notes[0]).toMatch(/session ARN/);
    const p = normaliseForAwsAuth(`arn:aws:iam::${ACCT}:role/platform/EKSAdmin`);
    expect(p.arn).toBe(`arn:aws:iam::${ACCT}:role/EKSAdmin`);
    expect(p.notes[0]).toMatch(/path \/platform\/ is removed/);
    const sso = normaliseForAwsAuth(`arn:aws:iam::${ACCT}:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_Dev_abc`);
    expect(sso.arn).toBe(`arn:aws:iam::${ACCT}:role/AWSReservedSSO_Dev_abc`);
    expect(sso.notes[0]).toMatch(/IAM Identity Center/);
    expect(normaliseForAwsAuth(`arn:aws:iam::${ACCT}:user/tom`)).toMatchObject({ arn: `arn:aws:iam::${ACCT}:user/tom`, kind: 'user', notes: [] });
    expect(() => normaliseForAwsAuth('arn:aws:s3:::bucket')).toThrow();
  });

  it('access entries: session → role without path, flagged; role and user ARNs (paths too) kept', () => {
    expect(normaliseForAccessEntry(`arn:aws:sts::${ACCT}:assumed-role/DataEngineer/lee`)).toMatchObject({ arn: `arn:aws:iam::${ACCT}:role/DataEngineer`, pathUnknown: true });
    expect(normaliseForAccessEntry(`arn:aws:iam::${ACCT}:role/platform/EKSAdmin`)).toMatchObject({ arn: `arn:aws:iam::${ACCT}:role/platform/EKSAdmin`, pathUnknown: false });
    expect(canonicalArn(`arn:aws:sts::${ACCT}:assumed-role/R/s`)).toBe(`arn:aws:iam::${ACCT}:role/R`);
  });
});

describe('aws-auth edit', () => {
  it('adds by appending, keeping every existing byte', () => {
    const text = `# nodes first\n${NODES.replace('eks-node-role', 'eks-node-role   # keep me')}`;
    const r = applyAwsAuthEdit({ mapRoles: text, other: ' x ' }, { key: 'mapRoles', arn: `arn:aws:iam::${ACCT}:role/Dev`, username: 'Dev:{{SessionName}}', groups: ['devs'] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.change).toBe('added');
    expect(r.data.mapRoles).toBe(`${text}- rolearn: arn:aws:iam::${ACCT}:role/Dev\n  username: Dev:{{SessionName}}\n  groups:\n    - devs\n`);
    expect(r.data.other).toBe(' x ');
  });

  it('fixes an entry in place: only the ARN scalar changes', () => {
    const wrong = `- rolearn: arn:aws:iam::${ACCT}:role/platform/EKSAdmin # pasted\n  username: eks-admin:{{SessionName}}\n  groups:\n    - system:masters\n`;
    const r = applyAwsAuthEdit({ mapRoles: NODES + wrong }, { key: 'mapRoles', arn: `arn:aws:iam::${ACCT}:role/EKSAdmin`, replace: { index: 1, arn: `arn:aws:iam::${ACCT}:role/platform/EKSAdmin` } });
    expect(r.ok && r.data.mapRoles).toBe(NODES + wrong.replace('role/platform/EKSAdmin', 'role/EKSAdmin'));
  });

  it('changes groups of a block list in place', () => {
    const users = `- userarn: arn:aws:iam::${ACCT}:user/minjun\n  username: minjun\n  groups:\n    - developers\n`;
    const r = applyAwsAuthEdit({ mapUsers: users }, { key: 'mapUsers', arn: `arn:aws:iam::${ACCT}:user/minjun`, groups: ['developers', 'viewers'], replace: { index: 0, arn: `arn:aws:iam::${ACCT}:user/minjun` } });
    expect(r.ok && r.data.mapUsers).toBe(users.replace('    - developers\n', '    - developers\n    - viewers\n'));
  });

  it('identical mapping → no change; same ARN, other mapping → asks to fix that entry (--no-duplicate-arns)', () => {
    const data = { mapRoles: NODES };
    const same = applyAwsAuthEdit(data, { key: 'mapRoles', arn: `arn:aws:iam::${ACCT}:role/eks-node-role`, username: 'system:node:{{EC2PrivateDNSName}}', groups: ['system:bootstrappers', 'system:nodes'] });
    expect(same).toMatchObject({ ok: true, change: 'none' });
    const other = applyAwsAuthEdit(data, { key: 'mapRoles', arn: `arn:aws:iam::${ACCT}:role/eks-node-role`, username: 'x', groups: [] });
    expect(other.ok).toBe(false);
    expect(!other.ok && other.reason).toMatch(/choose that entry to fix/);
  });

  it('a fix whose entry vanished is refused', () => {
    const r = applyAwsAuthEdit({ mapRoles: NODES }, { key: 'mapRoles', arn: `arn:aws:iam::${ACCT}:role/A`, replace: { index: 1, arn: `arn:aws:iam::${ACCT}:role/gone` } });
    expect(r.ok).toBe(false);
  });
});

describe('reading, simulating, diff, guard, candidates', () => {
  it('reads like the authenticator: an item that does not decode ignores its key, last duplicate wins, case-insensitive ARNs', () => {
    const c = readAwsAuth({
      mapRoles: `${NODES}- RoleArn: arn:aws:iam::${ACCT}:role/A\n  username: first\n- rolearn: arn:aws:iam::${ACCT}:role/a\n  username: second\n`,
      mapUsers: `- userarn: arn:aws:iam::${ACCT}:user/sre\n  groups: system:masters\n`,
      mapAccounts: `- "444455556666"\n`,
    });
    expect(c.bad).toEqual([{ key: 'mapUsers', index: 0, reason: 'groups must be a list of strings', raw: { userarn: `arn:aws:iam::${ACCT}:user/sre`, groups: 'system:masters' } }]);
    expect(c.malformed.map((m) => [m.key, m.reason, m.line])).toEqual([['mapUsers', 'does not decode (item #1: groups must be a list of strings)', 1]]);
    expect(simulateMapping(c, `arn:aws:sts::${ACCT}:assumed-role/A/s`)?.username).toBe('second');
    expect(simulateMapping(c, 'arn:aws:iam::444455556666:user/x')).toMatchObject({ via: 'mapAccounts', groups: [] });
    expect(simulateMapping(c, `arn:aws:iam::${ACCT}:user/nobody`)).toBeUndefined();
  });

  it('unified diff', () => {
    expect(unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', 'data.x')).toBe('--- a/data.x\n+++ b/data.x\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
    expect(unifiedDiff('', 'x\n', 'data.y')).toBe('--- a/data.y\n+++ b/data.y\n@@ -0,0 +1,1 @@\n+x\n');
    expect(unifiedDiff('same', 'same', 'k')).toBe('');
  });

  it('guard: target must be mapped, new invalid items refused, the writer and the last admins kept', () => {
    const admin = `- userarn: arn:aws:iam::${ACCT}:user/sara\n  username: sara\n  groups:\n    - system:masters\n`;
    const before = { mapRoles: NODES, mapUsers: admin };
    const writer = { arn: `arn:aws:iam::${ACCT}:user/sara`, viaAwsAuth: true };
    expect(guardAwsAuthChange(before, { ...before, mapUsers: `${admin}- userarn: arn:aws:iam::${ACCT}:user/tom\n  username: tom\n` }, { writer, target: { arn: `arn:aws:iam::${ACCT}:user/tom`, username: 'tom' }, invalidItemsConsent: false })).toEqual([]);
    expect(guardAwsAuthChange(before, before, { writer, target: { arn: `arn:aws:iam::${ACCT}:user/tom` }, invalidItemsConsent: false })[0]).toMatch(/would not map/);
    const lost = guardAwsAuthChange(before, { mapRoles: NODES }, { writer, invalidItemsConsent: false });
    expect(lost.join('\n')).toMatch(/would lose your own access/);
    expect(lost.join('\n')).toMatch(/last system:masters mapping/);
    expect(guardAwsAuthChange(before, { ...before, mapRoles: `${NODES}- groups: [x]\n` }, { writer, invalidItemsConsent: true })[0]).toMatch(/would be invalid: mapRoles\[1\].*rolearn is missing/);
    // A writer whose access does not come from aws-auth (creator, access entry) is not protected by aws-auth, admins still are.
    expect(guardAwsAuthChange(before, { mapRoles: NODES }, { writer: { ...writer, viaAwsAuth: false }, invalidItemsConsent: false })).toEqual([expect.stringMatching(/last system:masters/)]);
  });

  it('fix candidates: path, session ARN, other account, typo, same ARN', () => {
    const c = readAwsAuth({
      mapRoles: [
        `- rolearn: arn:aws:iam::${ACCT}:role/team/Dev`,
        `- rolearn: arn:aws:sts::${ACCT}:assumed-role/Dev/jenkins`,
        '- rolearn: arn:aws:iam::444455556666:role/Dev',
        `- rolearn: arn:aws:iam::${ACCT}:role/Dve`,
        `- rolearn: arn:aws:iam::${ACCT}:role/Dev`,
        `- rolearn: arn:aws:iam::${ACCT}:role/Unrelated`,
      ].join('\n'),
    });
    expect(findFixCandidates(c, 'mapRoles', `arn:aws:iam::${ACCT}:role/Dev`).map((x) => [x.index, x.problem])).toEqual([
      [0, 'path'],
      [1, 'session-arn'],
      [2, 'other-account'],
      [3, 'near-miss'],
      [4, 'same-arn'],
    ]);
  });
});
