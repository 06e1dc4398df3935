// Where a token's GetCallerIdentity is signed for, without building an STS client: the same URL the app's STS
// client resolves (profiles/aws-clients.ts: AWS_ENDPOINT_URL_STS, then AWS_ENDPOINT_URL, else the regional
// endpoint of the region's partition). `token` runs on every kubectl call, and loading the STS client and its
// endpoint rules cost more than everything else it does. test/token/sts-endpoint.test.ts holds it to the client.
import type { Env } from '../profiles/deps.js';

/** The partitions' DNS suffixes, in the SDK's partition order (regions of no known partition are `aws`'s). */
const PARTITION_SUFFIXES: [RegExp, string][] = [
  [/^cn-\w+-\d+$/, 'amazonaws.com.cn'],
  [/^eusc-(de)-\w+-\d+$/, 'amazonaws.eu'],
  [/^us-iso-\w+-\d+$/, 'c2s.ic.gov'],
  [/^us-isob-\w+-\d+$/, 'sc2s.sgov.gov'],
  [/^eu-isoe-\w+-\d+$/, 'cloud.adc-e.uk'],
  [/^us-isof-\w+-\d+$/, 'csp.hci.ic.gov'],
];

export function stsEndpoint(region: string, env: Env): URL {
  const configured = env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL;
  if (configured) return new URL(configured);
  const suffix = PARTITION_SUFFIXES.find(([pattern]) => pattern.test(region))?.[1] ?? 'amazonaws.com';
  return new URL(`https://sts.${region}.${suffix}/`);
}
