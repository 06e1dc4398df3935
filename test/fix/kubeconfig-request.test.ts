// The kubeconfig.plan request of a kubeconfig fix, made once for the app's fix window and for `fix`: the fix's
// own target for the cell's cluster ARN, the window's boxes overriding its pin and current context.
import { describe, expect, it } from 'vitest';
import { pointEntryAtProfileFix } from '../../electron/diagnose/fixes.js';
import { kubeconfigTargetOf } from '../../electron/diagnose/view.js';
import { channels } from '../../shared/contract.js';
import { kubeconfigFixRequest } from '../../shared/kubeconfig-fix-request.js';

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/events';
const requestOf = (command: string, choices = {}) => kubeconfigFixRequest(kubeconfigTargetOf({ steps: [{ title: 't', argv: command.split(' ') }] })!, ARN, choices);

describe('a kubeconfig fix as the kubeconfig.plan request', () => {
  it('carries the fix own profile, pin, token command, role and alias, for the cluster ARN, and the contract takes it', () => {
    const cases = [
      [requestOf('aws eks update-kubeconfig --name events --region us-east-1 --profile ivan'), { profile: 'ivan', clusterArn: ARN, pinProfile: false }],
      [requestOf('eks-access-doctor update-kubeconfig --profile admin --cluster events --region us-east-1 --pin-profile'), { profile: 'admin', clusterArn: ARN, pinProfile: true }],
      [requestOf('eks-access-doctor update-kubeconfig --profile default --cluster events --region us-east-1 --use-app-token'), { profile: 'default', clusterArn: ARN, pinProfile: false, appTokenHelper: true }],
      [kubeconfigFixRequest(kubeconfigTargetOf(pointEntryAtProfileFix({ cluster: 'events', region: 'us-east-1' }, 'cluster-admin', 'dev'))!, ARN), { profile: 'cluster-admin', clusterArn: ARN, pinProfile: false, alias: 'dev' }],
      [requestOf('aws eks update-kubeconfig --name events --profile dev --role-arn arn:aws:iam::111122223333:role/Admin'), { profile: 'dev', clusterArn: ARN, pinProfile: false, roleArn: 'arn:aws:iam::111122223333:role/Admin' }],
    ] as const;
    for (const [request, expected] of cases) {
      expect(request).toEqual(expected);
      expect(channels['kubeconfig.plan'].request.safeParse(request).success).toBe(true);
    }
  });

  it('the window\'s boxes: pinned when ticked (or unticked against the fix), the current context kept when asked', () => {
    expect(requestOf('aws eks update-kubeconfig --name events --profile ivan', { pinProfile: true, keepCurrentContext: true })).toEqual({ profile: 'ivan', clusterArn: ARN, pinProfile: true, keepCurrentContext: true });
    expect(requestOf('eks-access-doctor update-kubeconfig --profile admin --cluster events --pin-profile', { pinProfile: false, keepCurrentContext: false })).toEqual({ profile: 'admin', clusterArn: ARN, pinProfile: false });
  });
});
