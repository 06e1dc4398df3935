// SigV4 verification: the AWS test-suite vector, round trips with @smithy/signature-v4 (directly and
// over HTTPS), and one negative case per failure class.
import { request as httpsRequest } from 'node:https';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySigV4, type SigV4Request } from '../../sandbox/aws/sigv4.js';
import { canonicalRequest, canonicalUri, sha256Hex, stringToSign } from '../../sandbox/aws/sigv4-canonical.js';
import { parseScenario } from '../../sandbox/scenario/load.js';
import type { IamUser } from '../../sandbox/world/types.js';
import { World } from '../../sandbox/world/world.js';
import { startTestAwsEndpoint, type TestAwsEndpoint } from '../helpers/aws-cli.js';

const SCENARIO = `
name: sigv4
accounts:
  - id: "111122223333"
    users:
      - name: alice
        accessKeys:
          - {id: AKIAALICE00000000001, secret: alice-secret}
          - {id: AKIAALICE00000000002, secret: old-secret, status: Inactive}
          - {id: AKIAALICE00000000003, secret: gone-secret, status: Deleted}
    roles:
      - name: Admin
        trustedBy: [alice]
`;

function worldAt(epochMs: number): World {
  const skew = Math.round((epochMs - Date.now()) / 1000);
  return new World(parseScenario(`${SCENARIO}\nfaults: {clockSkewSeconds: ${skew}}\n`));
}

/** The SigV4 test suite's credentials, added as a user (their key ID does not fit the scenario schema). */
function addExampleUser(world: World): void {
  const arn = 'arn:aws:iam::111122223333:user/example';
  const user: IamUser = {
    kind: 'user',
    account: '111122223333',
    name: 'example',
    path: '/',
    arn,
    uniqueId: 'AIDAEXAMPLEEXAMPLE1',
    allow: ['*'],
    accessKeys: [{ id: 'AKIDEXAMPLE', secret: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', status: 'Active' }],
    mfaSerial: '',
  };
  world.addPrincipal(user);
}

function toSigV4Request(r: HttpRequest): SigV4Request {
  const rawHeaders: string[] = [];
  for (const [k, v] of Object.entries(r.headers)) rawHeaders.push(k, v);
  const rawQuery = Object.entries(r.query ?? {})
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(String(x))}`))
    .join('&');
  return { method: r.method, rawPath: r.path, rawQuery, rawHeaders, body: Buffer.from((r.body as string | undefined) ?? '') };
}

function signer(accessKeyId: string, secretAccessKey: string, service: string, sessionToken?: string): SignatureV4 {
  return new SignatureV4({ credentials: { accessKeyId, secretAccessKey, sessionToken }, region: 'us-east-1', service, sha256: Sha256 });
}

function stsPost(host: string, body = 'Action=GetCallerIdentity&Version=2011-06-15'): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    protocol: 'https:',
    hostname: host.split(':')[0],
    port: Number(host.split(':')[1] ?? 443),
    path: '/',
    headers: { host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
}

describe('SigV4 test-suite vector get-vanilla', () => {
  const date = Date.UTC(2015, 7, 30, 12, 36, 0);
  const vanilla: SigV4Request = {
    method: 'GET',
    rawPath: '/',
    rawQuery: '',
    rawHeaders: [
      'Host',
      'example.amazonaws.com',
      'X-Amz-Date',
      '20150830T123600Z',
      'Authorization',
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    ],
    body: Buffer.alloc(0),
  };

  it('builds the canonical request and string to sign of the suite', () => {
    const cr = canonicalRequest({
      method: 'GET',
      uri: canonicalUri('/'),
      query: '',
      headers: 'host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n',
      signedHeaders: 'host;x-amz-date',
      payloadHash: sha256Hex(''),
    });
    expect(cr).toBe('GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(stringToSign('20150830T123600Z', '20150830/us-east-1/service/aws4_request', cr)).toBe(
      'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63',
    );
  });

  it('accepts the suite signature on a clock set to the request time', () => {
    const world = worldAt(date);
    addExampleUser(world);
    const r = verifySigV4(world, vanilla);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.caller.arn).toBe('arn:aws:iam::111122223333:user/example');
  });

  it('rejects the same request with one signature digit changed', () => {
    const world = worldAt(date);
    addExampleUser(world);
    const tampered = { ...vanilla, rawHeaders: vanilla.rawHeaders.map((h) => h.replace('Signature=5fa', 'Signature=5fb')) };
    expect(verifySigV4(world, tampered)).toMatchObject({ ok: false, kind: 'signature' });
  });

  it('says the signature expired when the sandbox clock is 10 minutes later', () => {
    const world = worldAt(date + 600_000);
    addExampleUser(world);
    const r = verifySigV4(world, vanilla);
    expect(r).toMatchObject({ ok: false, kind: 'clock-skew' });
    if (!r.ok) expect(r.message).toMatch(/^Signature expired: 20150830T123600Z is now earlier than 20150830T12(40[5-9]\d|4100|4101)Z \(20150830T12(45[5-9]\d|4600|4601)Z - 5 min\.\)$/);
  });

  it('says the signature is not yet current when the sandbox clock is 10 minutes earlier', () => {
    const world = worldAt(date - 600_000);
    addExampleUser(world);
    const r = verifySigV4(world, vanilla);
    expect(r).toMatchObject({ ok: false, kind: 'clock-skew' });
    if (!r.ok) expect(r.message).toMatch(/^Signature not yet current: 20150830T123600Z is still later than 20150830T12(30[5-9]\d|3100|3101)Z \(20150830T12(25[5-9]\d|2600|2601)Z \+ 5 min\.\)$/);
  });
});

describe('round trips with @smithy/signature-v4', () => {
  const world = new World(parseScenario(SCENARIO));
  const host = '127.0.0.1:4443';

  it('verifies a header-signed POST and names the caller', async () => {
    const signed = await signer('AKIAALICE00000000001', 'alice-secret', 'sts').sign(stsPost(host));
    const r = verifySigV4(world, toSigV4Request(signed as HttpRequest));
    expect(r).toMatchObject({ ok: true, service: 'sts', region: 'us-east-1', presigned: false });
    if (r.ok) expect(r.caller.arn).toBe('arn:aws:iam::111122223333:user/alice');
  });

  it('verifies a path carrying an encoded ARN (double-encoded canonical URI) with a query', async () => {
    const req = new HttpRequest({
      method: 'GET',
      hostname: '127.0.0.1',
      path: '/clusters/prod/access-entries/arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FAdmin',
      query: { maxResults: '10', nextToken: 'a b/c' },
      headers: { host },
    });
    const signed = (await signer('AKIAALICE00000000001', 'alice-secret', 'eks').sign(req)) as HttpRequest;
    expect(verifySigV4(world, toSigV4Request(signed))).toMatchObject({ ok: true, service: 'eks' });
    // The same signature for the path decoded once is a different canonical request.
    const decoded = { ...toSigV4Request(signed), rawPath: '/clusters/prod/access-entries/arn:aws:iam::111122223333:role/Admin' };
    expect(verifySigV4(world, decoded)).toMatchObject({ ok: false, kind: 'signature' });
  });

  it('verifies a presigned GET with a signed x-k8s-aws-id header, and only for that header value', async () => {
    const req = new HttpRequest({
      method: 'GET',
      hostname: '127.0.0.1',
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host, 'x-k8s-aws-id': 'prod' },
    });
    const presigned = (await signer('AKIAALICE00000000001', 'alice-secret', 'sts').presign(req, { expiresIn: 60 })) as HttpRequest;
    const r = toSigV4Request(presigned);
    expect(r.rawQuery).toContain('X-Amz-Signature=');
    expect(verifySigV4(world, r)).toMatchObject({ ok: true, presigned: true });
    const other = { ...r, rawHeaders: ['host', host, 'x-k8s-aws-id', 'staging'] };
    expect(verifySigV4(world, other)).toMatchObject({ ok: false, kind: 'signature' });
  });

  it('verifies session credentials with their token and classifies a missing or wrong token', async () => {
    const role = world.findPrincipal('arn:aws:iam::111122223333:role/Admin')!;
    const s = world.issueSession(role, { sessionName: 'test', durationSeconds: 900 });
    const good = (await signer(s.accessKeyId, s.secret, 'sts', s.sessionToken).sign(stsPost(host))) as HttpRequest;
    const ok = verifySigV4(world, toSigV4Request(good));
    expect(ok).toMatchObject({ ok: true });
    if (ok.ok) expect(ok.caller.arn).toBe('arn:aws:sts::111122223333:assumed-role/Admin/test');
    const noToken = (await signer(s.accessKeyId, s.secret, 'sts').sign(stsPost(host))) as HttpRequest;
    expect(verifySigV4(world, toSigV4Request(noToken))).toMatchObject({ ok: false, kind: 'invalid-token', message: 'The security token included in the request is invalid.' });
    const wrongToken = (await signer(s.accessKeyId, s.secret, 'sts', `${s.sessionToken}x`).sign(stsPost(host))) as HttpRequest;
    expect(verifySigV4(world, toSigV4Request(wrongToken))).toMatchObject({ ok: false, kind: 'invalid-token' });
    world.expireSession(s.accessKeyId);
    expect(verifySigV4(world, toSigV4Request(good))).toMatchObject({ ok: false, kind: 'expired-token', message: 'The security token included in the request is expired' });
  });
});

describe('failure classes', () => {
  const world = new World(parseScenario(SCENARIO));
  const host = '127.0.0.1:4443';
  const signedBy = async (akid: string, secret: string) => toSigV4Request((await signer(akid, secret, 'sts').sign(stsPost(host))) as HttpRequest);

  it('unknown key → invalid-token', async () => {
    expect(verifySigV4(world, await signedBy('AKIANOBODY0000000001', 'x'))).toMatchObject({ ok: false, kind: 'invalid-token' });
  });
  it('deleted key → invalid-token', async () => {
    expect(verifySigV4(world, await signedBy('AKIAALICE00000000003', 'gone-secret'))).toMatchObject({ ok: false, kind: 'invalid-token' });
  });
  it('inactive key → invalid-token', async () => {
    expect(verifySigV4(world, await signedBy('AKIAALICE00000000002', 'old-secret'))).toMatchObject({ ok: false, kind: 'invalid-token' });
  });
  it('wrong secret → signature, with the AWS message', async () => {
    const r = verifySigV4(world, await signedBy('AKIAALICE00000000001', 'not-the-secret'));
    expect(r).toMatchObject({ ok: false, kind: 'signature' });
    if (!r.ok) expect(r.message).toMatch(/^The request signature we calculated does not match the signature you provided\. Check your AWS Secret Access Key/);
  });
  it('a body changed after signing → signature', async () => {
    const r = await signedBy('AKIAALICE00000000001', 'alice-secret');
    expect(verifySigV4(world, { ...r, body: Buffer.from('Action=AssumeRole&Version=2011-06-15') })).toMatchObject({ ok: false, kind: 'signature' });
  });
  it('no signature at all → missing', () => {
    expect(verifySigV4(world, { method: 'POST', rawPath: '/', rawQuery: '', rawHeaders: ['host', host], body: Buffer.alloc(0) })).toMatchObject({ ok: false, kind: 'missing' });
  });
  it('a garbled Authorization header → incomplete', () => {
    const r = verifySigV4(world, { method: 'POST', rawPath: '/', rawQuery: '', rawHeaders: ['authorization', 'AWS4-HMAC-SHA256 Credential=AKIA/x', 'host', host], body: Buffer.alloc(0) });
    expect(r).toMatchObject({ ok: false, kind: 'incomplete' });
  });
  it('a presigned URL past its expiry → presign-expired', async () => {
    const req = new HttpRequest({ method: 'GET', hostname: '127.0.0.1', path: '/', query: { Action: 'GetCallerIdentity', Version: '2011-06-15' }, headers: { host } });
    const old = new Date(world.now() - 120_000);
    const presigned = (await signer('AKIAALICE00000000001', 'alice-secret', 'sts').presign(req, { expiresIn: 60, signingDate: old })) as HttpRequest;
    const r = verifySigV4(world, toSigV4Request(presigned));
    expect(r).toMatchObject({ ok: false, kind: 'presign-expired' });
    if (!r.ok) expect(r.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 1 min\.\)$/);
  });
});

describe('over HTTPS against the AWS endpoint', () => {
  let ep: TestAwsEndpoint;
  beforeAll(async () => {
    // A stand-in service that fails with a plain Error: the endpoint must hide it behind a 500.
    ep = await startTestAwsEndpoint(SCENARIO, {
      eks: () => {
        throw new Error('boom: secret internals');
      },
    });
  });
  afterAll(async () => {
    await ep?.close();
  });

  function send(r: HttpRequest): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        { host: '127.0.0.1', port: ep.server.port, method: r.method, path: r.path, headers: r.headers, ca: ep.caPem, timeout: 10_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.end(r.body);
    });
  }

  it('answers a smithy-signed GetCallerIdentity with the caller', async () => {
    const host = `127.0.0.1:${ep.server.port}`;
    const signed = (await signer('AKIAALICE00000000001', 'alice-secret', 'sts').sign(stsPost(host))) as HttpRequest;
    const res = await send(signed);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<Arn>arn:aws:iam::111122223333:user/alice</Arn>');
  });

  it('answers SignatureDoesNotMatch in STS XML for a wrong secret', async () => {
    const host = `127.0.0.1:${ep.server.port}`;
    const signed = (await signer('AKIAALICE00000000001', 'wrong', 'sts').sign(stsPost(host))) as HttpRequest;
    const res = await send(signed);
    expect(res.status).toBe(403);
    expect(res.body).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('answers unsigned requests with each protocol\'s missing-authentication error', async () => {
    const host = `127.0.0.1:${ep.server.port}`;
    const sts = await send(stsPost(host));
    expect(sts.status).toBe(403);
    expect(sts.body).toContain('<Code>MissingAuthenticationToken</Code>');
    const eks = await send(new HttpRequest({ method: 'GET', hostname: '127.0.0.1', path: '/clusters', headers: { host } }));
    expect(eks.status).toBe(403);
    expect(eks.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
    const logs = await send(new HttpRequest({ method: 'POST', hostname: '127.0.0.1', path: '/', headers: { host, 'x-amz-target': 'Logs_20140328.DescribeLogGroups' }, body: '{}' }));
    expect(logs.status).toBe(403);
    expect(JSON.parse(logs.body).__type).toBe('MissingAuthenticationTokenException');
  });

  it('turns a handler crash into a 500 InternalFailure without internals', async () => {
    const host = `127.0.0.1:${ep.server.port}`;
    const req = new HttpRequest({ method: 'GET', hostname: '127.0.0.1', path: '/clusters', headers: { host } });
    const signed = (await signer('AKIAALICE00000000001', 'alice-secret', 'eks').sign(req)) as HttpRequest;
    const res = await send(signed);
    expect(res.status).toBe(500);
    expect(res.headers['x-amzn-errortype']).toBe('InternalFailure');
    expect(res.body).not.toContain('boom');
  });
});
