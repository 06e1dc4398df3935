// The rules where kubectl's own entry for the cluster is the trouble: its edge cases, and the ranking that puts
// kubectl's cause first when the profile itself works.
import { describe, expect, it } from 'vitest';
import { diagnoseEvidence } from '../../electron/diagnose/diagnose.js';
import { ACCOUNT, baseEvidence } from './evidence-fixture.js';
import { codes, primary, said } from './diagnosed.js';
import { fixJson, stepCommand } from '../../electron/diagnose/fix-command.js';

describe('kubectl edge cases', () => {
  it('a malformed kubeconfig: kubectl has no usable entry', () => {
    const e = baseEvidence();
    e.kubectl = { via: 'none', envOverrides: [], failure: { kind: 'kubeconfig-invalid', message: 'kubectl cannot load /home/u/.kube/config: line 3: bad indentation' } };
    delete e.server;
    expect(codes(e)).toEqual(['NO_KUBECONFIG_ENTRY', 'OK']);
    expect(said(e)).toContain('line 3: bad indentation');
  });

  it('a pasted bearer token instead of the exec plugin', () => {
    const e = baseEvidence();
    e.kubectl = { ...e.kubectl!, exec: undefined, arn: undefined, canonicalArn: undefined, via: 'token', failure: { kind: 'not-exec', message: 'context shop authenticates with a fixed bearer token, not with the aws exec plugin' } };
    expect(codes(e)[0]).toBe('EXEC_PLUGIN_BROKEN');
  });

  it('the entry names this profile but adds --role-arn: kubectl presents the role, not the profile', () => {
    const e = baseEvidence();
    const role = `arn:aws:sts::${ACCOUNT}:assumed-role/Other/EKSGetTokenAuth`;
    e.kubectl = { ...e.kubectl!, arn: role, canonicalArn: `arn:aws:iam::${ACCOUNT}:role/Other`, exec: { ...e.kubectl!.exec!, args: [...e.kubectl!.exec!.args, '--role-arn', `arn:aws:iam::${ACCOUNT}:role/Other`] } };
    expect(codes(e)).toEqual(['KUBECONFIG_IDENTITY_MISMATCH', 'OK']);
    expect(primary(e).detail).toContain('the exec args add --role-arn');
  });

  it("the entry uses another profile whose token STS rejects, while this one works", () => {
    const e = baseEvidence();
    e.kubectl = { ...e.kubectl!, arn: undefined, canonicalArn: undefined, exec: { ...e.kubectl!.exec!, env: [{ name: 'AWS_PROFILE', value: 'old' }] }, failure: { kind: 'sts-rejected', code: 'InvalidClientTokenId', message: 'STS rejected the token: InvalidClientTokenId' } };
    const d = diagnoseEvidence(e);
    expect(d.causes.map((c) => c.code)).toEqual(['KUBECONFIG_IDENTITY_MISMATCH', 'OK']);
    expect(stepCommand(d.fixes[0]!.steps[0]!)).toBe('aws eks update-kubeconfig --name shop --region us-east-1 --profile dev');
  });
});

describe('ranking: the profile works, kubectl\'s entry for the cluster does not → kubectl\'s cause first, never OK', () => {
  it('the entry presents another identity (default chain, another profile)', () => {
    const e = baseEvidence();
    const other = `arn:aws:iam::${ACCOUNT}:user/boss`;
    e.kubectl = { ...e.kubectl!, arn: other, canonicalArn: other, exec: { ...e.kubectl!.exec!, env: [{ name: 'AWS_PROFILE', value: 'admin' }] } };
    const d = diagnoseEvidence(e);
    expect(d.causes.map((c) => c.code)).toEqual(['KUBECONFIG_IDENTITY_MISMATCH', 'OK']);
    expect(fixJson(d.fixes[0]!)).toMatchObject({ id: 'use-working-profile', steps: [{ command: 'aws eks update-kubeconfig --name shop --region us-east-1 --profile dev' }, { command: 'kubectl get svc' }] });
  });

  it('the entry asks for a profile that does not exist', () => {
    const e = baseEvidence();
    e.kubectl = { ...e.kubectl!, arn: undefined, canonicalArn: undefined, exec: { ...e.kubectl!.exec!, env: [{ name: 'AWS_PROFILE', value: 'gone' }] }, failure: { kind: 'exec-failed', message: 'exit status 255', stderr: 'The config profile (gone) could not be found' } };
    const d = diagnoseEvidence(e);
    expect(d.causes.map((c) => c.code)).toEqual(['KUBECONFIG_IDENTITY_MISMATCH', 'OK']);
    expect(primary(e).detail).toContain('asks for profile gone, which your AWS config does not define');
    expect(stepCommand(d.fixes[0]!.steps[0]!)).toBe('aws eks update-kubeconfig --name shop --region us-east-1 --profile dev');
  });

  it('the entry shares a user entry written for another cluster', () => {
    const e = baseEvidence();
    const args = e.kubectl!.exec!.args.map((a) => (a === 'shop' ? 'warehouse' : a));
    e.kubectl = { ...e.kubectl!, context: { ...e.kubectl!.context!, user: 'warehouse-user' }, exec: { ...e.kubectl!.exec!, args } };
    expect(codes(e)).toEqual(['KUBECONFIG_STALE', 'OK']);
    expect(primary(e).detail).toContain('its tokens name warehouse');
    expect(diagnoseEvidence(e).fixes[0]!.id).toBe('update-kubeconfig');
  });

  it('a stale entry and no entry', () => {
    const stale = baseEvidence();
    stale.server = { ...stale.server!, caMatches: false };
    expect(codes(stale)[0]).toBe('KUBECONFIG_STALE');
    const none = baseEvidence();
    none.kubectl = { via: 'none', envOverrides: [], failure: { kind: 'no-context', message: 'no context talks to the cluster' } };
    none.kubeconfigProfiles = [];
    delete none.server;
    expect(codes(none)[0]).toBe('NO_KUBECONFIG_ENTRY');
  });

  it('a failure no rule names is still kubectl\'s, not OK', () => {
    const e = baseEvidence();
    e.kubectl = { ...e.kubectl!, arn: undefined, canonicalArn: undefined, failure: { kind: 'sts-rejected', message: 'the token does not sign x-k8s-aws-id, which the authenticator requires' } };
    expect(codes(e)).toEqual(['EXEC_PLUGIN_BROKEN', 'OK']);
  });

  it('OK stays first when both the profile and the entry work', () => {
    expect(codes(baseEvidence())).toEqual(['OK']);
  });
});
