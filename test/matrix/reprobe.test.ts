// The one re-probe after a change: the matrix's answer when it gives one, else the direct probe, each failure in one line.
import { describe, expect, it } from 'vitest';
import type { ClusterTarget } from '../../electron/authmap/types.js';
import { reprobeAfterChange, type ReprobeDeps } from '../../electron/matrix/reprobe.js';

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/shop';
const noMatrix: ReprobeDeps = { matrix: { rerun: async () => { throw new Error('no scan has run yet\nstack'); } }, onMatrixEvent: () => () => {}, redact: (t) => t };
const cluster: ClusterTarget = { name: 'shop', region: 'us-east-1', arn: ARN, endpoint: 'https://127.0.0.1:1', caData: '', authenticationMode: 'API' };

describe('reprobeAfterChange', () => {
  it('the matrix alone: its own failure, in one line', async () => {
    expect(await reprobeAfterChange({ matrix: noMatrix }, 'dev', ARN)).toEqual({ message: 'The cell was not probed again: no scan has run yet' });
  });

  it('the matrix does not answer: the direct probe is tried, and says why it could not run', async () => {
    const profiles = { credentials: async () => { throw new Error('profile "dev" has expired credentials'); } };
    expect(await reprobeAfterChange({ matrix: noMatrix, direct: { cluster: async () => undefined, profiles, env: {} } }, 'dev', ARN)).toEqual({ message: 'the cluster could not be described, so it was not probed' });
    expect(await reprobeAfterChange({ direct: { cluster: async () => cluster, profiles, env: {} } }, 'dev', ARN)).toEqual({ message: 'the cell could not be probed: profile "dev" has expired credentials' });
  });
});
