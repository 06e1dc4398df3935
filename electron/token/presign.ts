// Presigns STS GetCallerIdentity the way `aws eks get-token` does, through an STSClient's own pipeline so the
// endpoint is the one the SDK resolves (AWS_ENDPOINT_URL, FIPS, regional STS) and the credentials are the client's.
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
/** X-Amz-Expires the aws CLI signs with; EKS accepts tokens for 15 minutes from X-Amz-Date regardless. */
export const PRESIGN_EXPIRES_SECONDS = 60;

class Presigned {
  constructor(readonly url: string) {}
}

/** RFC 3986 encoding, as SigV4 canonicalises query values. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export async function presignGetCallerIdentity(sts: STSClient, clusterName: string, signingDate?: Date): Promise<string> {
  const command = new GetCallerIdentityCommand({});
  command.middlewareStack.add(
    () => async (args) => {
      const built = args.request as HttpRequest;
      const region = await sts.config.region();
      const credentials = await sts.config.credentials();
      const host = built.port ? `${built.hostname}:${built.port}` : built.hostname;
      const signer = new SignatureV4({ credentials, region, service: 'sts', sha256: Sha256, uriEscapePath: true });
      const presigned = await signer.presign(
        new HttpRequest({
          method: 'GET',
          protocol: built.protocol,
          hostname: built.hostname,
          port: built.port,
          path: built.path || '/',
          query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
          headers: { host, [CLUSTER_ID_HEADER]: clusterName },
        }),
        { expiresIn: PRESIGN_EXPIRES_SECONDS, signingDate },
      );
      const query = Object.entries(presigned.query ?? {})
        .map(([k, v]) => `${encode(k)}=${encode(String(v))}`)
        .join('&');
      throw new Presigned(`${built.protocol}//${host}${built.path || '/'}?${query}`);
    },
    { step: 'build', priority: 'low', name: 'eksTokenPresign' },
  );
  try {
    await sts.send(command);
  } catch (err) {
    if (err instanceof Presigned) return err.url;
    throw err;
  }
  throw new Error('the STS client sent GetCallerIdentity instead of presigning it');
}
