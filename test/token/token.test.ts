// The in-process EKS token against the real `aws eks get-token`, and against the sandbox's authenticator.
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { STSClient } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToken, TokenDecodeError } from '../../electron/token/decode.js';
import { execCredential } from '../../electron/token/exec-credential.js';
import { generateToken, generateTokenAs } from '../../electron/token/generate.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { cleanEnv, run } from '../helpers/run.js';

let sandbox: SandboxHandle;
let ca: string;
beforeAll(async () => {
  sandbox = await startSandbox('sandbox/scenarios/healthy.yaml');
  ca = readFileSync(sandbox.env.AWS_CA_BUNDLE, 'utf8');
});
afterAll(() => sandbox?.stop());

function stsFor(profile: string): STSClient {
  const clientConfig = { region: 'us-east-1', endpoint: sandbox.env.AWS_ENDPOINT_URL, requestHandler: { httpsAgent: new https.Agent({ ca }) } };
  return new STSClient({
    ...clientConfig,
    credentials: fromIni({ profile, filepath: sandbox.env.AWS_SHARED_CREDENTIALS_FILE, configFilepath: sandbox.env.AWS_CONFIG_FILE, clientConfig }),
  });
}

function getServices(token: string): Promise<{ status: number; body: string }> {
  const cluster = sandbox.world.clusters.find((c) => c.name === 'payments-prod')!;
  return new Promise((resolve, reject) => {
    https
      .get(`${cluster.endpoint}/api/v1/namespaces/default/services`, { ca, headers: { authorization: `Bearer ${token}` } }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('EKS token', () => {
  it('carries the same host, parameters, expiry and signed headers as the real aws eks get-token', async () => {
    const cli = await run('aws', ['eks', 'get-token', '--cluster-name', 'payments-prod', '--region', 'us-east-1', '--profile', 'default'], cleanEnv(sandbox.env));
    expect(cli.code, cli.stderr).toBe(0);
    const fromCli = JSON.parse(cli.stdout) as ReturnType<typeof execCredential>;
    const ours = await generateToken(stsFor('default'), 'payments-prod');
    const a = decodeToken(fromCli.status.token);
    const b = decodeToken(ours.token);
    expect(b).toEqual({ ...a, date: b.date });
    expect(Math.abs(Date.parse(a.date) - Date.parse(b.date))).toBeLessThan(120_000);
    expect(b).toMatchObject({ region: 'us-east-1', expiresSeconds: 60, signedHeaders: ['host', 'x-k8s-aws-id'], clusterIdSigned: true, action: 'GetCallerIdentity' });
    expect(b.host).toBe(new URL(sandbox.env.AWS_ENDPOINT_URL).host);

    const ec = execCredential(ours.token, ours.expiresAt);
    expect(Object.keys(ec)).toEqual(Object.keys(fromCli));
    expect(ec.status.expirationTimestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const cliExpiry = Date.parse(fromCli.status.expirationTimestamp);
    expect(Math.abs(ours.expiresAt.getTime() - cliExpiry)).toBeLessThan(120_000);
  });

  it('is accepted by the cluster it names and refused by the sandbox for another cluster', async () => {
    const ok = await getServices((await generateToken(stsFor('default'), 'payments-prod')).token);
    expect(ok.status).toBe(200);
    const other = await getServices((await generateToken(stsFor('default'), 'some-other-cluster')).token);
    expect(other.status).toBe(401);
    expect(JSON.parse(other.body)).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
  });

  it('works from assumed-role credentials and says the session token is there without showing it', async () => {
    const { token } = await generateToken(stsFor('developer'), 'payments-prod');
    const decoded = decodeToken(token);
    expect(decoded.accessKeyId).toMatch(/^ASIA/);
    expect(decoded.hasSessionToken).toBe(true);
    expect(JSON.stringify(decoded)).not.toMatch(/IQoJ/);
    expect((await getServices(token)).status).toBe(200);
  });

  it("is the very same for another identity signed through one region's client (as a scan makes them)", async () => {
    const developer = stsFor('developer');
    const credentials = await developer.config.credentials();
    const at = new Date();
    const own = await generateToken(developer, 'payments-prod', at);
    const endpointOnly = new STSClient({ region: 'us-east-1', endpoint: sandbox.env.AWS_ENDPOINT_URL, credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' } });
    const shared = await generateTokenAs(endpointOnly, credentials, 'payments-prod', at);
    expect(shared).toEqual(own);
    expect(decodeToken(shared.token).accessKeyId).toBe(credentials.accessKeyId);
    expect((await getServices(shared.token)).status).toBe(200);
    // The client's own credentials never sign it.
    expect(decodeToken((await generateTokenAs(endpointOnly, credentials, 'payments-prod')).token).accessKeyId).not.toBe('unused');
  });

  it('names what is wrong with a token that is not one', () => {
    expect(() => decodeToken('hello')).toThrow(new TokenDecodeError('the token does not start with "k8s-aws-v1."'));
    expect(() => decodeToken('k8s-aws-v1.$$$')).toThrow('the token is not base64url after its prefix');
    expect(() => decodeToken(`k8s-aws-v1.${Buffer.from('not a url').toString('base64url')}`)).toThrow('the token does not hold a URL');
    expect(() => decodeToken(`k8s-aws-v1.${Buffer.from('https://sts.amazonaws.com/?Action=GetCallerIdentity').toString('base64url')}`)).toThrow(
      'the URL has no X-Amz-Credential',
    );
  });
});
