// Which scanned cluster a name (and region) means: the CLI turns `--cluster NAME [--region R]` into the cell's ARN
// with it, and the diagnosis picks its cluster with it, so the two must agree on every shape of same-named clusters.
import { describe, expect, it } from 'vitest';
import { scannedCluster } from '../../electron/diagnose/cell-scan.js';
import { profileRegionOf } from '../../electron/diagnose/profile-region.js';
import type { MatrixSnapshot, ScanCluster } from '../../electron/matrix/events.js';

const cluster = (region: string, account: string): ScanCluster => ({
  name: 'prod', region, account, arn: `arn:aws:eks:${region}:${account}:cluster/prod`, endpoint: `https://${region}.example`, describedBy: [],
});
const MINE = '111122223333';
const OTHER = '444455556666';
const matrix = (clusters: ScanCluster[]) => ({ clusters }) as unknown as MatrixSnapshot;

describe('scannedCluster', () => {
  it.each([
    ['the profile’s region before the profile’s account', [cluster('eu-west-1', MINE), cluster('us-east-1', OTHER)], { region: 'us-east-1', requestedRegion: false }, 'us-east-1', OTHER],
    ['then the profile’s account', [cluster('eu-west-1', OTHER), cluster('eu-west-1', MINE)], { region: 'us-east-1', requestedRegion: false }, 'eu-west-1', MINE],
    ['another region only when none was asked for', [cluster('eu-west-1', MINE)], { region: 'us-east-1', requestedRegion: false }, 'eu-west-1', MINE],
  ])('%s', (_what, clusters, where, region, account) => {
    expect(scannedCluster(matrix(clusters), { name: 'prod', account: MINE, ...where })).toMatchObject({ region, account });
  });

  it('a region asked for is kept: none there is none at all; another name is never meant', () => {
    expect(scannedCluster(matrix([cluster('eu-west-1', MINE)]), { name: 'prod', region: 'us-east-1', requestedRegion: true, account: MINE })).toBeUndefined();
    expect(scannedCluster(matrix([cluster('us-east-1', MINE)]), { name: 'staging', region: 'us-east-1', requestedRegion: false, account: MINE })).toBeUndefined();
  });

  it("the region a diagnosis starts from: the profile's, else AWS_REGION, AWS_DEFAULT_REGION, us-east-1", () => {
    expect(profileRegionOf('eu-west-1', { AWS_REGION: 'us-west-2' })).toBe('eu-west-1');
    expect(profileRegionOf(null, { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'ap-south-1' })).toBe('us-west-2');
    expect(profileRegionOf(null, { AWS_DEFAULT_REGION: 'ap-south-1' })).toBe('ap-south-1');
    expect(profileRegionOf(undefined, {})).toBe('us-east-1');
  });
});
