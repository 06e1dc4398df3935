// The token command signs without an STS client; its URL must be the one the app's STS client would sign,
// byte for byte, in every partition and with configured endpoints.
import { describe, expect, it } from 'vitest';
import { createAwsClientFactory } from '../../electron/profiles/aws-clients.js';
import { presignGetCallerIdentity, presignGetCallerIdentityAs } from '../../electron/token/presign.js';
import { presignAt } from '../../electron/token/presign-local.js';
import { stsEndpoint } from '../../electron/token/sts-endpoint.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'session' };
const date = new Date('2026-12-07T10:00:00Z');
const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-7', 'mx-central-1', 'cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-iso-east-1', 'us-isob-east-1', 'eu-isoe-west-1', 'us-isof-south-1', 'eusc-de-east-1'];
const envs: Record<string, string>[] = [{}, { AWS_ENDPOINT_URL: 'https://127.0.0.1:4566' }, { AWS_ENDPOINT_URL: 'https://127.0.0.1:4566', AWS_ENDPOINT_URL_STS: 'https://sts.example.test:8443/prefix/' }];

describe('stsEndpoint', () => {
  for (const env of envs) {
    it(`signs the same URL as the STS client for ${Object.keys(env).join(' + ') || 'the default endpoints'}`, async () => {
      for (const region of regions) {
        const client = createAwsClientFactory(env).sts(region, credentials);
        const viaClient = await presignGetCallerIdentity(client, 'prod', date);
        const lean = presignAt(stsEndpoint(region, env), region, credentials, 'prod', date);
        expect(lean, region).toBe(viaClient);
      }
    });
  }
});

describe('presignGetCallerIdentityAs', () => {
  it("signs, through another client's endpoint, the URL the SDK signer makes for these credentials, on any day", async () => {
    const nextDay = new Date('2026-12-08T00:00:01Z');
    for (const env of envs) {
      for (const region of regions) {
        const own = createAwsClientFactory(env).sts(region, credentials);
        const endpointOnly = createAwsClientFactory(env).sts(region, { accessKeyId: 'unused', secretAccessKey: 'unused' });
        // The second day's signing key is derived anew, not the first day's reused.
        for (const at of [date, nextDay, date]) expect(await presignGetCallerIdentityAs(endpointOnly, credentials, 'prod', at), region).toBe(await presignGetCallerIdentity(own, 'prod', at));
      }
    }
    await expect(presignGetCallerIdentityAs(createAwsClientFactory({}).sts('us-east-1', credentials), { accessKeyId: 'x' } as never, 'prod')).rejects.toThrow('Resolved credential object is not valid');
  });
});
