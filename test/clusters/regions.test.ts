// Which regions a scan searches: the profiles' own, a fallback, extra ones or all of EKS's; and what a region name is.
import { describe, expect, it } from 'vitest';
import { EKS_REGIONS, isRegionName, regionsToSearch } from '../../electron/clusters/regions.js';

describe('regions to search', () => {
  it('every profile region once, in order; the fallback only when no profile has one', () => {
    expect(regionsToSearch(['eu-west-1', null, 'us-east-1', 'eu-west-1'], 'us-east-1')).toEqual(['eu-west-1', 'us-east-1']);
    expect(regionsToSearch([null, undefined], 'ap-south-1')).toEqual(['ap-south-1']);
  });
  it('adds extra regions, or all EKS regions; `only` replaces the default', () => {
    expect(regionsToSearch(['eu-west-1'], 'us-east-1', { extra: ['us-west-2'] })).toEqual(['eu-west-1', 'us-west-2']);
    const all = regionsToSearch(['eu-west-1'], 'us-east-1', { all: true });
    expect(all[0]).toBe('eu-west-1');
    expect(all.length).toBe(EKS_REGIONS.length);
    expect(regionsToSearch(['eu-west-1'], 'us-east-1', { only: ['sa-east-1'] })).toEqual(['sa-east-1']);
  });
  it('knows a region name when it sees one', () => {
    expect(isRegionName('us-gov-west-1')).toBe(true);
    expect(isRegionName('moon-base-1')).toBe(false);
    expect(isRegionName('us-east-1; rm -rf /')).toBe(false);
  });
});
