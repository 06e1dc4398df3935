// Restoring a re-created access entry: what is missing of the recorded entry comes back; a changed entry is refused;
// an entry as it was needs nothing (the tie to the deleted principal itself cannot come back).
import { describe, expect, it } from 'vitest';
import { defaultUsernameOf, planRecreateRestore, type EntrySettings, type RecreateBackup } from '../../electron/authmap/access-entry-recreate.js';

const ARN = 'arn:aws:iam::111122223333:role/Deployer';
const EDIT = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy';
const VIEW = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy';
const before: EntrySettings = { principalArn: ARN, kubernetesGroups: ['deployers'], type: 'STANDARD', policies: [{ policyArn: EDIT, accessScope: { type: 'namespace', namespaces: ['default', 'payments'] } }] };
const backup: RecreateBackup = { version: 1, kind: 'access-entry-recreate', id: 'b1', cluster: { name: 'payments', region: 'us-east-1', arn: 'arn:aws:eks:us-east-1:111122223333:cluster/payments' }, time: '2026-12-07T00:00:00.000Z', profile: 'eks-admin', previous: before };

describe('restore of a re-created access entry', () => {
  const cases: Array<[string, EntrySettings | undefined, (p: ReturnType<typeof planRecreateRestore>) => void]> = [
    ['the entry is gone (the create failed): created again with its groups and policy', undefined, (p) => {
      expect(p.problems).toEqual([]);
      expect(p.steps.map((s) => s.command)).toEqual([
        `aws eks create-access-entry --cluster-name payments --principal-arn ${ARN} --kubernetes-groups deployers --region us-east-1 --profile eks-admin`,
        `aws eks associate-access-policy --cluster-name payments --principal-arn ${ARN} --policy-arn ${EDIT} --access-scope type=namespace,namespaces=default,payments --region us-east-1 --profile eks-admin`,
      ]);
    }],
    ['the policy is missing: only it is associated again', { ...before, policies: [] }, (p) => {
      expect(p.steps.map((s) => s.command)).toEqual([expect.stringContaining('associate-access-policy')]);
    }],
    ['the entry is as recorded: nothing to restore', before, (p) => {
      expect(p.steps).toEqual([]);
      expect(p.problems[0]).toContain('nothing to restore');
    }],
    ['the entry changed since (another policy): refused, with the commands by hand', { ...before, policies: [...before.policies, { policyArn: VIEW, accessScope: { type: 'cluster' } }] }, (p) => {
      expect(p.steps).toEqual([]);
      expect(p.problems[0]).toContain('now also holds AmazonEKSViewPolicy');
    }],
  ];
  it.each(cases)('%s', (_what, now, check) => {
    const p = planRecreateRestore(backup, now);
    expect(p.notes[0]).toContain('deleted earlier principal cannot come back');
    check(p);
  });
});

describe("EKS's own username of an entry given none", () => {
  it.each([
    [ARN, 'arn:aws:sts::111122223333:assumed-role/Deployer/{{SessionName}}'],
    ['arn:aws-cn:iam::111122223333:role/team/ci/Deployer', 'arn:aws-cn:sts::111122223333:assumed-role/Deployer/{{SessionName}}'],
    ['arn:aws:iam::111122223333:user/dev/alice', 'arn:aws:iam::111122223333:user/dev/alice'],
    ['not an arn', 'not an arn'],
  ])('%s → %s', (principal, username) => {
    expect(defaultUsernameOf(principal)).toBe(username);
  });
});
