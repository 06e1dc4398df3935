// A kubeconfig fix as the kubeconfig.plan request: the fix's target (its profile, role, alias, pinned or the app's
// token command) for the cell's cluster, with the fix window's two choices. The app's fix window and `fix` both
// make the request here, so one fix writes the same entries from either.
import type { RequestOf } from './contract.js';
import type { KubeconfigFixTarget } from './diagnosis-types.js';

export interface KubeconfigFixChoices {
  /** The window's "pin the profile" box (it may tick it for the user); without a choice, the fix's own. */
  pinProfile?: boolean;
  keepCurrentContext?: boolean;
}

export function kubeconfigFixRequest(target: KubeconfigFixTarget, clusterArn: string, choices: KubeconfigFixChoices = {}): RequestOf<'kubeconfig.plan'> {
  return {
    profile: target.profile,
    clusterArn,
    pinProfile: choices.pinProfile ?? target.pinProfile,
    ...(choices.keepCurrentContext ? { keepCurrentContext: true } : {}),
    ...(target.appTokenHelper ? { appTokenHelper: true } : {}),
    ...(target.roleArn ? { roleArn: target.roleArn } : {}),
    ...(target.alias ? { alias: target.alias } : {}),
  };
}
