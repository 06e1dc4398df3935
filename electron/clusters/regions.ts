// Which regions discovery searches: each profile's own region plus every other profile's region,
// plus extra regions a setting adds, or every commercial region where EKS runs.
import { regionName } from '../../shared/contract.js';

/** Commercial-partition regions where EKS is offered. */
export const EKS_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'af-south-1', 'ap-east-1', 'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4',
  'ap-southeast-5', 'ap-southeast-7', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2',
  'eu-north-1', 'il-central-1', 'me-south-1', 'me-central-1', 'mx-central-1', 'sa-east-1',
] as const;

export function isRegionName(value: string): boolean {
  return regionName.safeParse(value).success;
}

export interface RegionSearch {
  /** Regions added to the profiles' own regions. */
  extra?: string[];
  /** Search every region in EKS_REGIONS as well. */
  all?: boolean;
  /** Search exactly these regions (replaces the default). */
  only?: string[];
}

/** The regions to search, in a stable order: the profiles' regions first (as they appear), then the rest. */
export function regionsToSearch(profileRegions: (string | null | undefined)[], fallbackRegion: string, search: RegionSearch = {}): string[] {
  if (search.only?.length) return [...new Set(search.only)];
  const ordered = new Set<string>();
  for (const r of profileRegions) if (r) ordered.add(r);
  if (!ordered.size) ordered.add(fallbackRegion);
  for (const r of search.extra ?? []) ordered.add(r);
  if (search.all) for (const r of EKS_REGIONS) ordered.add(r);
  return [...ordered];
}
