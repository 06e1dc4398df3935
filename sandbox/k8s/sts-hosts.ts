// Which hosts a token's presigned URL may point at: aws-iam-authenticator's verifyHost for the partition of the
// cluster (pkg/token/token.go verifySTSHostnameFormat), with the STS endpoint rules of the AWS SDK for Go v2.

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov' | 'aws-iso' | 'aws-iso-b' | 'aws-iso-e' | 'aws-iso-f';

interface PartitionInfo {
  id: Partition;
  regionRegex: RegExp;
  dnsSuffix: string;
  /** Dual-stack suffix, when the partition has dual-stack endpoints. */
  dualStackSuffix?: string;
  fips: boolean;
}

// The SDK's partitions.json, in its order of matching (the commercial partition is the fallback for any region).
const PARTITIONS: PartitionInfo[] = [
  { id: 'aws-cn', regionRegex: /^cn-\w+-\d+$/, dnsSuffix: 'amazonaws.com.cn', dualStackSuffix: 'api.amazonwebservices.com.cn', fips: false },
  { id: 'aws-us-gov', regionRegex: /^us-gov-\w+-\d+$/, dnsSuffix: 'amazonaws.com', dualStackSuffix: 'api.aws', fips: true },
  { id: 'aws-iso', regionRegex: /^us-iso-\w+-\d+$/, dnsSuffix: 'c2s.ic.gov', fips: true },
  { id: 'aws-iso-b', regionRegex: /^us-isob-\w+-\d+$/, dnsSuffix: 'sc2s.sgov.gov', fips: true },
  { id: 'aws-iso-e', regionRegex: /^eu-isoe-\w+-\d+$/, dnsSuffix: 'cloud.adc-e.uk', fips: true },
  { id: 'aws-iso-f', regionRegex: /^us-isof-\w+-\d+$/, dnsSuffix: 'csp.hci.ic.gov', fips: true },
];
const COMMERCIAL: PartitionInfo = { id: 'aws', regionRegex: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/, dnsSuffix: 'amazonaws.com', dualStackSuffix: 'api.aws', fips: true };

function partitionInfo(region: string): PartitionInfo {
  return PARTITIONS.find((p) => p.regionRegex.test(region)) ?? COMMERCIAL;
}

/** The partition a region belongs to: cn-north-1 → aws-cn, us-gov-west-1 → aws-us-gov, anything else → aws. */
export function partitionOfRegion(region: string): Partition {
  return partitionInfo(region).id;
}

/** STS's hosts for a region, as the SDK's endpoint resolver names them with and without FIPS and dual-stack. */
export function stsHostsForRegion(region: string): string[] {
  const p = partitionInfo(region);
  const hosts: string[] = [];
  for (const fips of [true, false]) {
    for (const dualStack of [true, false]) {
      if (fips && !p.fips) continue;
      if (dualStack && !p.dualStackSuffix) continue;
      const suffix = dualStack ? p.dualStackSuffix : p.dnsSuffix;
      // GovCloud's FIPS endpoint is its plain regional one.
      const service = fips && !(p.id === 'aws-us-gov' && !dualStack) ? 'sts-fips' : 'sts';
      hosts.push(`${service}.${region}.${suffix}`);
    }
  }
  return hosts;
}

const REGION_FORMAT = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/;

function stsRegionOf(host: string): { region: string } | { error: string } {
  if (host === '') return { error: 'host is empty' };
  const parts = host.split('.');
  if (parts.length < 3) return { error: `invalid host format: ${host}` };
  if (host === 'sts.amazonaws.com') return { region: 'global' };
  return { region: parts[1] };
}

/** The region label the authenticator names an STS host by (`global` for sts.amazonaws.com). */
export function stsRegionLabel(host: string): string {
  const r = stsRegionOf(host);
  return 'region' in r ? r.region : '';
}

/**
 * Undefined when the authenticator of a cluster in `partitionId` / `region` accepts `host`; else its refusal (the
 * text after "input token was not properly formatted: ").
 */
export function stsHostRefusal(host: string, partitionId: string, region: string): string | undefined {
  const partition = [...PARTITIONS, COMMERCIAL].find((p) => p.id === partitionId);
  const parsed = stsRegionOf(host);
  if ('error' in parsed) return `could not parse region for pre-signed URL ${host}, ${parsed.error}`;
  const hostRegion = parsed.region;
  if (hostRegion === 'global') return partitionId === 'aws' ? undefined : `global endpoint unsupported in partition ${partitionId}`;
  if (!REGION_FORMAT.test(hostRegion)) return `invalid region identifier format provided: ${hostRegion}`;
  const unexpected = `unexpected hostname ${JSON.stringify(host)} in pre-signed URL`;
  if (!partition) return unexpected;
  if (!stsHostsForRegion(hostRegion).includes(host)) {
    // A region the SDK does not know yet: the hosts the cluster's own region has in its partition.
    if (!REGION_FORMAT.test(region)) return unexpected;
    const own = [`sts.${region}.${partition.dnsSuffix}`];
    if (partition.dualStackSuffix) own.push(`sts.${region}.${partition.dualStackSuffix}`);
    return own.includes(host) ? undefined : unexpected;
  }
  const domain = host.split('.').slice(2).join('.');
  if (domain !== partition.dnsSuffix && domain !== partition.dualStackSuffix) {
    return `partition {${partitionId}} does not support hostname ${host}`;
  }
  return undefined;
}
