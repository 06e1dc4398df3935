// After a change, the matrix probes one cell again and this waits for that cell's new result (or gives up).
import type { KubeconfigApplyResult } from '../../shared/diagnosis-types.js';
import type { MatrixCell, MatrixEventPayload } from '../../shared/matrix-types.js';
import { firstLine } from '../common/first-line.js';
import type { MatrixService } from './service.js';

export interface ReprobeDeps {
  matrix: Pick<MatrixService, 'rerun'>;
  /** Subscribes to matrix events (the EventHub); returns the unsubscribe. */
  onMatrixEvent: (listener: (payload: MatrixEventPayload) => void) => () => void;
  timeoutMs?: number;
  redact: (text: string) => string;
}

export type ReprobeResult = KubeconfigApplyResult['reprobe'];

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
