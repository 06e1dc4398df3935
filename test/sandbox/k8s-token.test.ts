// aws-iam-authenticator Verify, step by step: each format rejection with its own reason, then the STS replay.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../sandbox/scenario/load.js';
import { World } from '../../sandbox/world/world.js';
import { makeEksToken, presignGetCallerIdentity, tokenFromUrl } from '../../sandbox/k8s/presign-token.js';
import { verifyToken } from '../../sandbox/k8s/token.js';
import { stsHostRefusal } from '../../sandbox/k8s/sts-hosts.js';

const SCENARIO = `
name: token
accounts:
  - id: "111122223333"
    users:
      - name: alice
        accessKeys: [{ id: AKIAALICE0000000001, secret: alice-secret }]
      - name: gone
        accessKeys: [{ id: AKIAGONE00000000001, secret: gone-secret, status: Deleted }]
    roles:
      - name: Admin
        trustedBy: [alice]
clusters:
  - { name: prod, account: "111122223333", region: us-east-1 }
`;

function world(): World {
  const w = new World(parseScenario(SCENARIO));
  w.awsEndpoint = 'https://127.0.0.1:4443';
  return w;
}

const HOST = '127.0.0.1:4443';
const alice = { accessKeyId: 'AKIAALICE0000000001', secretAccessKey: 'alice-secret' };

async function urlWith(edit: (u: URL) => void, opts: { signingDate?: Date } = {}): Promise<string> {
  const u = new URL(await presignGetCallerIdentity(alice, { clusterName: 'prod', host: HOST, ...opts }));
  edit(u);
  return tokenFromUrl(u.toString());
}

async function reject(token: string): Promise<string> {
  const r = await verifyToken(world(), 'prod', token);
  if (r.ok) throw new Error('token was accepted');
  return r.error;
}

describe('token format checks (steps 1–11)', () => {
  it('1: rejects a token longer than 4096 bytes', async () => {
    expect(await reject(`k8s-aws-v1.${'a'.repeat(4100)}`)).toBe('input token was not properly formatted: token is too large');
  });

  it('2: rejects a token without the k8s-aws-v1. prefix', async () => {
    expect(await reject('k8s-aws-v2.abc')).toBe('input token was not properly formatted: token is missing expected "k8s-aws-v1." prefix');
  });

  it('3: rejects bad base64url', async () => {
    expect(await reject('k8s-aws-v1.ab+c')).toBe('input token was not properly formatted: illegal base64 data at input byte 2');
  });

  it('4: rejects a non-https URL', async () => {
    const t = tokenFromUrl((await presignGetCallerIdentity(alice, { clusterName: 'prod', host: HOST })).replace('https:', 'http:'));
    expect(await reject(t)).toBe('input token was not properly formatted: unexpected scheme "http" in pre-signed URL');
  });

  it('5: rejects a host that is not STS nor the sandbox endpoint', async () => {
    const t = await makeEksToken(alice, { clusterName: 'prod', host: 'evil.example.com' });
    expect(await reject(t)).toBe('input token was not properly formatted: unexpected hostname "evil.example.com" in pre-signed URL');
    expect(await reject(await makeEksToken(alice, { clusterName: 'prod', host: 'localhost' }))).toBe(
      'input token was not properly formatted: could not parse region for pre-signed URL localhost, invalid host format: localhost',
    );
    // Every STS host of the cluster's partition is accepted: global, regional, FIPS, dual-stack.
    for (const host of ['sts.amazonaws.com', 'sts.eu-west-1.amazonaws.com', 'sts-fips.us-east-1.amazonaws.com', 'sts.us-west-2.api.aws']) {
      const r = await verifyToken(world(), 'prod', await makeEksToken(alice, { clusterName: 'prod', host }));
      expect(r.ok && r.identity.arn).toBe('arn:aws:iam::111122223333:user/alice');
    }
  });

  // aws-iam-authenticator pkg/token/token_test.go TestSTSEndpoints and TestSTSEndpointResolution: {partition, host, valid, region}.
  const UPSTREAM_HOSTS: Array<[string, string, boolean, string]> = [
    ['aws', 'sts.amazonaws.com', true, ''],
    ['aws-cn', 'sts.amazonaws.com', false, ''],
    ['aws-us-gov', 'sts.amazonaws.com', false, ''],
    ['aws-not-a-partition', 'sts.amazonaws.com', false, ''],
    ['aws-cn', 'sts.cn-northwest-1.amazonaws.com.cn', true, ''],
    ['aws-cn', 'sts.cn-north-1.amazonaws.com.cn', true, ''],
    ['aws-cn', 'sts.us-iso-east-1.c2s.ic.gov', false, ''],
    ['aws-cn', 'sts.not-a-region1.amazonaws.com.cn', false, ''],
    ['aws-cn', 'sts.not-a-region2.amazonaws.com.cn', true, 'not-a-region2'],
    ['aws', 'sts-fips.us-west-2.amazonaws.com', true, ''],
    ['aws', 'sts-fips.us-east-1.amazonaws.com', true, ''],
    ['aws', 'sts.us-east-1.amazonaws.com', true, ''],
    ['aws', 'sts.eu-north-1.amazonaws.com', true, ''],
    ['aws', 'sts.amazonaws.com.cn', false, ''],
    ['aws', 'website.amazonaws.com', false, ''],
    ['aws', 'sts.default-region.amazonaws.com', true, 'default-region'],
    ['aws-iso', 'sts.us-iso-east-1.c2s.ic.gov', true, ''],
    ['aws-iso', 'sts.cn-north-1.amazonaws.com.cn', false, ''],
    ['aws-iso-b', 'sts.cn-north-1.amazonaws.com.cn', false, ''],
    ['aws-us-gov', 'sts.us-gov-east-1.amazonaws.com', true, ''],
    ['aws-cn', 'sts-fips.us-east-1.amazonaws.com', false, ''],
    ['aws-cn', 'sts.us-isob-east-1.amazonaws.com.cn', false, ''],
    ['aws-cn', 'sts.us-isob-east-1.amazonaws.com.cn', true, 'us-isob-east-1'],
    ['aws-iso-b', 'sts.us-isob-east-1.amazonaws.com.cn', false, ''],
    ['aws-iso-b', 'sts.us-isob-east-1.amazonaws.com.cn', false, 'us-isob-east-1'],
    ['aws', 'sts.us-west-2.api.aws', true, ''],
    ['aws-cn', 'sts.cn-north-1.api.amazonwebservices.com.cn', true, ''],
    ['aws', 'sts.cn-north-1.api.amazonwebservices.com.cn', false, ''],
    ['aws', 'sts.not-a-region.amazonaws.com', true, ''],
    ['aws', 'sts.not-a-region.amazonaws.com', true, 'us-west-2'],
    ['aws-cn', 'sts.not-a-region3.amazonaws.com.cn', false, ''],
    ['aws-cn', 'sts.not-a-region4.amazonaws.com.cn', true, 'not-a-region4'],
    ['aws-cn', 'sts.not-a-region5.amazonaws.com.cn', false, 'us-west-2'],
    ['aws-cn', 'sts.us-west-2.amazonaws.com.cn', false, ''],
    ['aws', 'sts.us-west-2.amazonaws.com.cn', false, 'us-west-2'],
    ['aws-cn', 'sts.not-a-region.amazonaws.com', false, 'not-a-region'],
  ];
  it.each(UPSTREAM_HOSTS)('5: partition %s, host %s: accepted %s (region %s)', (partition, host, valid, region) => {
    expect(stsHostRefusal(host, partition, region) === undefined).toBe(valid);
  });

  it('5: words a refused host as the authenticator does', () => {
    expect(stsHostRefusal('sts.amazonaws.com', 'aws-cn', 'cn-north-1')).toBe('global endpoint unsupported in partition aws-cn');
    expect(stsHostRefusal('sts.us-east-1.amazonaws.com', 'aws-cn', 'cn-north-1')).toBe('partition {aws-cn} does not support hostname sts.us-east-1.amazonaws.com');
    expect(stsHostRefusal('sts.cn-north-1.amazonaws.com', 'aws-cn', 'cn-north-1')).toBe('unexpected hostname "sts.cn-north-1.amazonaws.com" in pre-signed URL');
    expect(stsHostRefusal('google.com', 'aws', 'us-east-1')).toBe('could not parse region for pre-signed URL google.com, invalid host format: google.com');
    expect(stsHostRefusal('sts.us_east_1.amazonaws.com', 'aws', 'us-east-1')).toBe('invalid region identifier format provided: us_east_1');
  });

  it('6: rejects a path other than /', async () => {
    expect(await reject(await urlWith((u) => (u.pathname = '/x')))).toBe('input token was not properly formatted: unexpected path in pre-signed URL');
  });

  it('7: rejects unknown and repeated query parameters', async () => {
    expect(await reject(await urlWith((u) => u.searchParams.append('Foo', '1')))).toBe(
      'input token was not properly formatted: non-whitelisted query parameter "Foo"',
    );
    expect(await reject(await urlWith((u) => u.searchParams.append('Version', '2011-06-15')))).toBe(
      'input token was not properly formatted: query parameter with multiple values not supported',
    );
    // The same parameter in another case (token_test.go: `x-amz-credential=eve` after X-Amz-Credential).
    expect(await reject(await urlWith((u) => u.searchParams.append('x-amz-credential', 'eve')))).toBe(
      'input token was not properly formatted: duplicate query parameter found: "x-amz-credential"',
    );
  });

  it('8: rejects an action other than GetCallerIdentity', async () => {
    expect(await reject(await urlWith((u) => u.searchParams.set('Action', 'AssumeRole')))).toBe(
      'input token was not properly formatted: unexpected action parameter in pre-signed URL',
    );
  });

  it('9: rejects a URL that does not sign x-k8s-aws-id', async () => {
    expect(await reject(await urlWith((u) => u.searchParams.set('X-Amz-SignedHeaders', 'host')))).toBe(
      'input token was not properly formatted: client did not sign the x-k8s-aws-id header in the pre-signed URL',
    );
  });

  it('10: rejects X-Amz-Expires outside 0..900', async () => {
    expect(await reject(await urlWith((u) => u.searchParams.set('X-Amz-Expires', '901')))).toBe(
      'input token was not properly formatted: invalid X-Amz-Expires parameter in pre-signed URL: 901',
    );
  });

  it('11: rejects a missing, unparseable or 15-minute-old X-Amz-Date', async () => {
    expect(await reject(await urlWith((u) => u.searchParams.delete('X-Amz-Date')))).toBe(
      'input token was not properly formatted: X-Amz-Date parameter must be present in pre-signed URL',
    );
    expect(await reject(await urlWith((u) => u.searchParams.set('X-Amz-Date', 'yesterday')))).toMatch(
      /^input token was not properly formatted: error parsing X-Amz-Date parameter yesterday into format 20060102T150405Z/,
    );
    const old = new Date(Date.now() - 16 * 60_000);
    const expected = `${old.toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`;
    expect(await reject(await urlWith(() => {}, { signingDate: old }))).toBe(
      `input token was not properly formatted: X-Amz-Date parameter is expired (15 minute expiration) ${expected}`,
    );
  });

  it('11: uses the sandbox clock, including its skew', async () => {
    const skewed = new World(parseScenario(`${SCENARIO}\nfaults: { clockSkewSeconds: 1200 }\n`));
    skewed.awsEndpoint = 'https://127.0.0.1:4443';
    const r = await verifyToken(skewed, 'prod', await makeEksToken(alice, { clusterName: 'prod', host: HOST }));
    expect(r.ok ? '' : r.error).toMatch(/X-Amz-Date parameter is expired \(15 minute expiration\)/);
  });
});

describe('STS replay (step 12)', () => {
  it('accepts a good token and returns the caller', async () => {
    const r = await verifyToken(world(), 'prod', await makeEksToken(alice, { clusterName: 'prod', host: HOST }));
    expect(r).toEqual({
      ok: true,
      identity: expect.objectContaining({
        arn: 'arn:aws:iam::111122223333:user/alice',
        canonicalArn: 'arn:aws:iam::111122223333:user/alice',
        accountId: '111122223333',
        accessKeyId: 'AKIAALICE0000000001',
        sessionName: '',
      }),
    });
    if (r.ok) expect(r.identity.userId).toMatch(/^AIDA/);
  });

  it('returns the role ID and session of an assumed role, canonicalised', async () => {
    const w = world();
    const role = w.findPrincipal('Admin', '111122223333')!;
    const s = w.issueSession(role, { sessionName: 'bob@example.com', durationSeconds: 900 });
    const t = await makeEksToken({ accessKeyId: s.accessKeyId, secretAccessKey: s.secret, sessionToken: s.sessionToken }, { clusterName: 'prod', host: HOST });
    const r = await verifyToken(w, 'prod', t);
    expect(r.ok && r.identity).toMatchObject({
      arn: 'arn:aws:sts::111122223333:assumed-role/Admin/bob@example.com',
      canonicalArn: 'arn:aws:iam::111122223333:role/Admin',
      userId: role.uniqueId,
      principalId: role.uniqueId,
      sessionName: 'bob@example.com',
    });
  });

  it('fails a token made for another cluster with SignatureDoesNotMatch', async () => {
    const r = await verifyToken(world(), 'prod', await makeEksToken(alice, { clusterName: 'staging', host: HOST }));
    expect(r.ok ? '' : r.error).toMatch(/^sts getCallerIdentity failed: error from AWS \(expected 200, got 403\) on us-east-1 endpoint\. Body: \{.*SignatureDoesNotMatch/);
  });

  it('fails a deleted key with InvalidClientTokenId', async () => {
    const t = await makeEksToken({ accessKeyId: 'AKIAGONE00000000001', secretAccessKey: 'gone-secret' }, { clusterName: 'prod', host: HOST });
    const r = await verifyToken(world(), 'prod', t);
    expect(r.ok ? '' : r.error).toMatch(/^sts getCallerIdentity failed: error from AWS \(expected 200, got 403\) on us-east-1 endpoint\. Body: \{.*InvalidClientTokenId/);
  });
});
