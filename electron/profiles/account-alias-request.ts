// IAM ListAccountAliases as one signed POST, the way the SDK's IAM client sends it: the app reads nothing else from
// IAM, and the IAM client (~18 MB loaded) would weigh on every `profiles` run for one call. The signer is the one
// the STS client loads anyway.
import { request as httpRequest, type Agent as HttpAgent } from 'node:http';
import { request as httpsRequest, type Agent as HttpsAgent } from 'node:https';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';

/** IAM's global endpoint of each partition and the region it signs for (as the SDK's IAM endpoint rules resolve). */
const IAM_ENDPOINTS: [RegExp, string, string][] = [
  [/^cn-\w+-\d+$/, 'https://iam.cn-north-1.amazonaws.com.cn/', 'cn-north-1'],
  [/^us-gov-\w+-\d+$/, 'https://iam.us-gov.amazonaws.com/', 'us-gov-west-1'],
  [/^eusc-(de)-\w+-\d+$/, 'https://iam.eusc-de-east-1.amazonaws.eu/', 'eusc-de-east-1'],
  [/^us-iso-\w+-\d+$/, 'https://iam.us-iso-east-1.c2s.ic.gov/', 'us-iso-east-1'],
  [/^us-isob-\w+-\d+$/, 'https://iam.us-isob-east-1.sc2s.sgov.gov/', 'us-isob-east-1'],
  [/^eu-isoe-\w+-\d+$/, 'https://iam.eu-isoe-west-1.cloud.adc-e.uk/', 'eu-isoe-west-1'],
  [/^us-isof-\w+-\d+$/, 'https://iam.us-isof-south-1.csp.hci.ic.gov/', 'us-isof-south-1'],
];

/** Where ListAccountAliases goes for a profile in `region`: a configured endpoint is signed for the profile's region, as the SDK does. */
export function iamTarget(region: string, configuredEndpoint: string | undefined): { url: URL; signingRegion: string } {
  if (configuredEndpoint) return { url: new URL(configuredEndpoint), signingRegion: region };
  const found = IAM_ENDPOINTS.find(([pattern]) => pattern.test(region));
  return found ? { url: new URL(found[1]), signingRegion: found[2] } : { url: new URL('https://iam.amazonaws.com/'), signingRegion: 'us-east-1' };
}

export type AliasAnswer =
  | { ok: true; aliases: string[] }
  /** IAM refused (AccessDenied for most profiles) or the call failed; `code` is IAM's error code when it answered. */
  | { ok: false; code: string; message: string };

export interface AliasRequest {
  region: string;
  credentials: AwsCredentialIdentity;
  endpoint?: string;
  agent?: HttpsAgent | HttpAgent;
  signal: AbortSignal;
}

const BODY = 'Action=ListAccountAliases&Version=2010-05-08';
const MAX_ANSWER_BYTES = 64 * 1024;

export async function listAccountAliases(req: AliasRequest): Promise<AliasAnswer> {
  const { url, signingRegion } = iamTarget(req.region, req.endpoint);
  const signer = new SignatureV4({ credentials: req.credentials, region: signingRegion, service: 'iam', sha256: Sha256, uriEscapePath: true });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname || '/',
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'content-length': String(Buffer.byteLength(BODY)) },
      body: BODY,
    }),
  );
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const r = send(
      url,
      { method: 'POST', headers: signed.headers, signal: req.signal, ...(req.agent ? { agent: req.agent } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(BODY);
  });
  if (status === 200) {
    const list = /<AccountAliases>([\s\S]*?)<\/AccountAliases>/.exec(body)?.[1] ?? '';
    return { ok: true, aliases: [...list.matchAll(/<member>([^<]*)<\/member>/g)].map((m) => m[1]!) };
  }
  return { ok: false, code: xmlTag(body, 'Code') ?? `HTTP ${status}`, message: xmlTag(body, 'Message') ?? `IAM answered HTTP ${status}` };
}

function xmlTag(body: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(body)?.[1];
}
