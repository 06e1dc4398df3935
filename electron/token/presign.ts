// Presigns STS GetCallerIdentity the way `aws eks get-token` does. The endpoint is the one the STSClient's own
// pipeline resolves (AWS_ENDPOINT_URL, FIPS, regional STS) and the credentials are the client's. The endpoint is
// resolved once per client and one signer (with its signing-key cache) is kept per client: a scan presigns a
// token for every profile × cluster, and running the whole SDK pipeline for each cost ~0.6 ms of CPU.
import { createHash, createHmac } from 'node:crypto';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';
import { presignAt, type SigningHashes } from './presign-local.js';
import { presignWith, type PresignTarget } from './presign-url.js';

/** Where the client would send GetCallerIdentity, and a signer with the client's credentials and region. */
interface Presigner extends PresignTarget {
  signer: SignatureV4;
  region: string;
}

class Resolved {
  constructor(readonly request: HttpRequest) {}
}

const presigners = new WeakMap<STSClient, Promise<Presigner>>();

/** Runs the client's pipeline up to the built request (endpoint resolved, nothing sent) and keeps its target. */
async function resolvePresigner(sts: STSClient): Promise<Presigner> {
  const command = new GetCallerIdentityCommand({});
  command.middlewareStack.add(
    () => async (args) => {
      throw new Resolved(args.request as HttpRequest);
    },
    { step: 'build', priority: 'low', name: 'eksTokenResolveEndpoint' },
  );
  let built: HttpRequest | undefined;
  try {
    await sts.send(command);
  } catch (err) {
    if (!(err instanceof Resolved)) throw err;
    built = err.request;
  }
  if (!built) throw new Error('the STS client sent GetCallerIdentity instead of presigning it');
  const region = await sts.config.region();
  const sha256 = sts.config.sha256;
  return {
    protocol: built.protocol,
    hostname: built.hostname,
    ...(built.port ? { port: built.port } : {}),
    path: built.path || '/',
    host: built.port ? `${built.hostname}:${built.port}` : built.hostname,
    // The client's credential provider (asked on each presign, so refreshed credentials are used) and its hash.
    signer: new SignatureV4({ credentials: sts.config.credentials, region, service: 'sts', sha256, uriEscapePath: true }),
    region,
  };
}

function presignerFor(sts: STSClient): Promise<Presigner> {
  let p = presigners.get(sts);
  if (!p) {
    presigners.set(sts, (p = resolvePresigner(sts)));
    // A failed resolution (e.g. no region) is not remembered: the next call tries again.
    p.catch(() => presigners.delete(sts));
  }
  return p;
}

export async function presignGetCallerIdentity(sts: STSClient, clusterName: string, signingDate?: Date): Promise<string> {
  const t = await presignerFor(sts);
  return presignWith(t, t.signer, clusterName, signingDate);
}

/** node:crypto's hashes: a scan has them loaded already, and they are several times faster than sha256.ts. */
const nodeHashes: SigningHashes = {
  sha256: (data) => createHash('sha256').update(data).digest(),
  hmacSha256: (key, data) => createHmac('sha256', key).update(data).digest(),
};

/** The signing keys derived for each set of credentials (by day and region), as the SDK's signer caches them. */
const signingKeys = new WeakMap<AwsCredentialIdentity, Map<string, Uint8Array>>();

/**
 * The same URL for another identity: the endpoint and region `sts` resolves (its own credentials unused), signed
 * with `credentials`. A scan presigns for every profile in every cluster region: one STS client per region
 * instead of one per profile and region (making a client and resolving its endpoint costs ~1.3 ms of CPU). The
 * URL is signed by presign-local.ts, byte for byte the SDK signer's, without its per-call overhead (a signer's
 * presign cost ~0.2 ms of CPU, and a scan makes one per cell).
 */
export async function presignGetCallerIdentityAs(sts: STSClient, credentials: AwsCredentialIdentity, clusterName: string, signingDate?: Date): Promise<string> {
  const t = await presignerFor(sts);
  // As the SDK's signer checks them.
  if (typeof credentials?.accessKeyId !== 'string' || typeof credentials.secretAccessKey !== 'string') throw new Error('Resolved credential object is not valid');
  let keys = signingKeys.get(credentials);
  if (!keys) signingKeys.set(credentials, (keys = new Map()));
  return presignAt({ protocol: t.protocol, host: t.host, pathname: t.path }, t.region, credentials, clusterName, signingDate, { hashes: nodeHashes, signingKeys: keys });
}
