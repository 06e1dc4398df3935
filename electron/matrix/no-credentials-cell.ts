// The cell of a profile whose credentials could not be had: NO_CREDENTIALS, unless AWS only throttled the calls
// that fetch them — then the profile may be fine, and the cell is an ERROR worth trying again.
import { isThrottled } from '../clusters/errors.js';
import type { CellResult } from '../probe/types.js';

export function noCredentialsCell(
  profile: string,
  clusterArn: string,
  failure: { status: string; code: string; message: string },
  ms: number,
): CellResult {
  const { status, code, message } = failure;
  const evidence = { credentials: { status, code, message }, steps: [] };
  if (isThrottled({ code, message })) {
    const said = `AWS throttled the calls for this profile's credentials (${code}: ${message}); try again in a moment`;
    return { profile, clusterArn, outcome: 'ERROR', message: said, ms, retryable: true, evidence };
  }
  return { profile, clusterArn, outcome: 'NO_CREDENTIALS', message, ms, evidence };
}
