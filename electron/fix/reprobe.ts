// After a fix: the cell probed again as the diagnosed profile, and (kubeconfig fixes) the real `kubectl get svc`
// with the user's kubeconfig and environment.
import { verifyGrant } from '../authmap/verify.js';
import type { ClusterTarget } from '../authmap/types.js';
import { kubectlGetSvc, type KubectlRun } from '../kubectl/get-svc.js';
import type { CellResult } from '../probe/types.js';
import type { Env } from '../profiles/deps.js';
import type { ProfilesService } from '../profiles/service.js';

export interface Reprobe {
  cell?: CellResult;
  /** Why the cell could not be probed. */
  error?: string;
  kubectl?: KubectlRun;
}

export async function reprobe(cluster: ClusterTarget | undefined, profile: string, profiles: ProfilesService, env: Env, context?: string): Promise<Reprobe> {
  const out: Reprobe = {};
  if (cluster) {
    try {
      out.cell = await verifyGrant(cluster, { profile, credentials: await profiles.credentials(profile) }, env);
    } catch (err) {
      out.error = String((err as Error)?.message ?? err).split('\n')[0];
    }
  } else out.error = 'the cluster could not be described';
  if (context) {
    const run = await kubectlGetSvc({ env, context });
    if (run) out.kubectl = run;
  }
  return out;
}

export { cellWorks as reached } from '../../shared/matrix-types.js';
