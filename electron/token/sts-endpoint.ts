// Where a token's GetCallerIdentity is signed for, without building an STS client: the same URL the app's STS
// client resolves (profiles/aws-clients.ts: AWS_ENDPOINT_URL_STS, then AWS_ENDPOINT_URL, else the regional
// endpoint of the region's partition). `token` runs on every kubectl call, and loading the STS client and its
// endpoint rules cost more than everything else it does. test/token/sts-endpoint.test.ts holds it to the client.
import type { Env } from '../profiles/deps.js';

/** The partitions and their DNS suffixes, in the SDK's partition order (regions of no known partition are `aws`'s). */
const PARTITIONS: [RegExp, string, string][] = [
  [/^cn-\w+-\d+$/, 'aws-cn', 'amazonaws.com.cn'],
  [/^us-gov-\w+-\d+$/, 'aws-us-gov', 'amazonaws.com'],
  [/^eusc-(de)-\w+-\d+$/, 'aws-eusc', 'amazonaws.eu'],
  [/^us-iso-\w+-\d+$/, 'aws-iso', 'c2s.ic.gov'],
  [/^us-isob-\w+-\d+$/, 'aws-iso-b', 'sc2s.sgov.gov'],
  [/^eu-isoe-\w+-\d+$/, 'aws-iso-e', 'cloud.adc-e.uk'],
  [/^us-isof-\w+-\d+$/, 'aws-iso-f', 'csp.hci.ic.gov'],
];

/** The partition of a region (cn-north-1 → aws-cn, us-gov-west-1 → aws-us-gov); a key works only in its own. */
export function partitionOfRegion(region: string): string {
  return PARTITIONS.find(([pattern]) => pattern.test(region))?.[1] ?? 'aws';
}

export function stsEndpoint(region: string, env: Env): URL {
  const configured = env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL;
  if (configured) return new URL(configured);
  const suffix = PARTITIONS.find(([pattern]) => pattern.test(region))?.[2] ?? 'amazonaws.com';
  return new URL(`https://sts.${region}.${suffix}/`);
}

/** The regions botocore sends to the global endpoint with AWS_STS_REGIONAL_ENDPOINTS=legacy (its legacy list). */
const LEGACY_GLOBAL_REGIONS = new Set([
  'ap-northeast-1', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'aws-global', 'ca-central-1', 'eu-central-1', 'eu-north-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
]);

/**
 * Where `aws eks get-token` signs: as stsEndpoint, except that AWS_STS_REGIONAL_ENDPOINTS=legacy sends the legacy
 * regions to https://sts.amazonaws.com, signed for us-east-1 (a configured endpoint URL still wins). The SDK for
 * JavaScript ignores that variable; the aws CLI, whose token the cluster expects, does not.
 */
export function stsSigningTarget(region: string, env: Env): { endpoint: URL; signingRegion: string } {
  const configured = env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL;
  if (!configured && env.AWS_STS_REGIONAL_ENDPOINTS?.toLowerCase() === 'legacy' && LEGACY_GLOBAL_REGIONS.has(region)) {
    return { endpoint: new URL('https://sts.amazonaws.com/'), signingRegion: 'us-east-1' };
  }
  return { endpoint: stsEndpoint(region, env), signingRegion: region };
}
