// The re-probe after a change, in one place: the matrix probes the cell again (so the matrix shows it too) and this
// waits for that cell's new result; without a matrix answer, the cell is probed directly with the profile's
// credentials, as the matrix would. The kubeconfig apply, the grant wizard's verify and `fix --yes` all use it.
import type { KubeconfigApplyResult } from '../../shared/diagnosis-types.js';
import type { MatrixCell, MatrixEventPayload, MatrixOutcome } from '../../shared/matrix-types.js';
import type { ClusterTarget } from '../authmap/types.js';
import { verifyGrant } from '../authmap/verify.js';
import { firstLine } from '../common/first-line.js';
import type { Env } from '../profiles/deps.js';
import type { ProfilesService } from '../profiles/service.js';
import type { MatrixService } from './service.js';

export interface ReprobeDeps {
  matrix: Pick<MatrixService, 'rerun'>;
  /** Subscribes to matrix events (the EventHub); returns the unsubscribe. */
  onMatrixEvent: (listener: (payload: MatrixEventPayload) => void) => () => void;
  timeoutMs?: number;
  redact: (text: string) => string;
}

/** Probing the cell without the matrix: the cluster (described lazily) and the profile's credentials. */
export interface DirectProbe {
  cluster: () => Promise<ClusterTarget | undefined>;
  profiles: Pick<ProfilesService, 'credentials'>;
  env: Env;
}

export type ReprobeResult = KubeconfigApplyResult['reprobe'];

/** The cell's new outcome; without one, `message` says why it could not be probed. */
export interface Reprobed {
  outcome?: MatrixOutcome;
  username?: string;
  groups?: string[];
  message?: string;
}

/** The cell probed again after a change: in the matrix when there is one, else (or when it did not answer) directly. */
export async function reprobeAfterChange(ways: { matrix?: ReprobeDeps; direct?: DirectProbe }, profile: string, clusterArn: string): Promise<Reprobed> {
  const viaMatrix = ways.matrix ? await reprobeCell(ways.matrix, profile, clusterArn) : undefined;
  if (viaMatrix?.outcome || !ways.direct) return viaMatrix ?? { message: 'no matrix to probe the cell in' };
  try {
    const cluster = await ways.direct.cluster();
    if (!cluster) return { message: 'the cluster could not be described, so it was not probed' };
    const cell = await verifyGrant(cluster, { profile, credentials: await ways.direct.profiles.credentials(profile) }, ways.direct.env);
    return { outcome: cell.outcome, ...(cell.username ? { username: cell.username } : {}), ...(cell.groups ? { groups: cell.groups } : {}), ...(cell.message ? { message: cell.message } : {}) };
  } catch (err) {
    return { message: `the cell could not be probed: ${firstLine(err)}` };
  }
}

/** Re-runs the matrix cell and waits for its new result. */
export async function reprobeCell(deps: ReprobeDeps, profile: string, clusterArn: string): Promise<ReprobeResult> {
  const timeoutMs = deps.timeoutMs ?? 60_000;
  let unsubscribe = () => {};
  const cell = new Promise<MatrixCell | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    unsubscribe = deps.onMatrixEvent(({ event }) => {
      if (event.type === 'cell' && event.cell.profile === profile && event.cell.clusterArn === clusterArn) {
        clearTimeout(timer);
        resolve(event.cell);
      } else if (event.type === 'failed') {
        clearTimeout(timer);
        resolve(undefined);
      }
    });
  });
  try {
    await deps.matrix.rerun({ profile, clusterArn });
  } catch (err) {
    unsubscribe();
    return { message: `The cell was not probed again: ${firstLine(err)}` };
  }
  const result = await cell;
  unsubscribe();
  if (!result) return { message: `The cell's new probe did not finish within ${Math.round(timeoutMs / 1000)} s` };
  return { outcome: result.outcome, ...(result.username !== undefined ? { username: result.username } : {}), ...(result.message ? { message: deps.redact(result.message) } : {}) };
}
