// The RoleBinding the rbac-binding fix creates is read from the diagnosis' own command, so what the user was
// shown is what gets created.
import { describe, expect, it } from 'vitest';
import { roleBindingOf } from '../../electron/fix/rbac-fixes.js';

describe('roleBindingOf', () => {
  it('a group subject', () => {
    expect(roleBindingOf('kubectl create rolebinding minjun-view --clusterrole=view --group=developers --namespace default')).toEqual({
      name: 'minjun-view',
      namespace: 'default',
      clusterRole: 'view',
      subject: { kind: 'Group', name: 'developers' },
    });
  });

  it('a quoted user subject and another namespace', () => {
    expect(roleBindingOf("kubectl create rolebinding 'arn-view' --clusterrole=edit --user='arn:aws:sts::1:assumed-role/R/s x' --namespace dev")).toEqual({
      name: 'arn-view',
      namespace: 'dev',
      clusterRole: 'edit',
      subject: { kind: 'User', name: 'arn:aws:sts::1:assumed-role/R/s x' },
    });
  });

  it('no subject or not a rolebinding command → undefined', () => {
    expect(roleBindingOf('kubectl create rolebinding x --clusterrole=view --namespace default')).toBeUndefined();
    expect(roleBindingOf('kubectl get svc')).toBeUndefined();
  });
});
