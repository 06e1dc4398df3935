// After a fix: the cell probed again as the diagnosed profile (the one re-probe, electron/matrix/reprobe.ts; the CLI
// has no matrix, so directly), and (kubeconfig fixes) the real `kubectl get svc` with the user's kubeconfig and environment.
import type { ClusterTarget } from '../authmap/types.js';
import { kubectlGetSvc, type KubectlRun } from '../kubectl/get-svc.js';
import { reprobeAfterChange, type Reprobed } from '../matrix/reprobe.js';
import type { MatrixOutcome } from '../../shared/matrix-types.js';
import type { Env } from '../profiles/deps.js';
import type { ProfilesService } from '../profiles/service.js';

export interface Reprobe {
  cell?: Reprobed & { outcome: MatrixOutcome };
  /** Why the cell could not be probed. */
  error?: string;
  kubectl?: KubectlRun;
}

export async function reprobe(cluster: ClusterTarget | undefined, profile: string, profiles: ProfilesService, env: Env, context?: string): Promise<Reprobe> {
  const out: Reprobe = {};
  const probed = await reprobeAfterChange({ direct: { cluster: async () => cluster, profiles, env } }, profile, cluster?.arn ?? '');
  if (probed.outcome) out.cell = { ...probed, outcome: probed.outcome };
  else out.error = probed.message;
  if (context) {
    const run = await kubectlGetSvc({ env, context });
    if (run) out.kubectl = run;
  }
  return out;
}

export { cellWorks as reached } from '../../shared/matrix-types.js';
