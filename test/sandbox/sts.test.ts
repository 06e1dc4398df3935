// STS against the real aws CLI (static keys, assume-role profiles, chaining, MFA, bad and expired
// credentials, clock skew), the EKS path double-encoding through the CLI, and the authenticator's
// replay of `aws eks get-token` tokens.
import { request as httpsRequest } from 'node:https';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonResponse } from '../../sandbox/aws/errors.js';
import { replayGetCallerIdentity } from '../../sandbox/aws/sts-verify.js';
import type { SignedServiceHandler } from '../../sandbox/aws/types.js';
import { runAws, startTestAwsEndpoint, type TestAwsEndpoint } from '../helpers/aws-cli.js';

const ACCOUNT = '111122223333';
const SCENARIO = `
name: sts
accounts:
  - id: "${ACCOUNT}"
    users:
      - name: alice
        accessKeys: [{id: AKIAALICE00000000001, secret: alice-secret}]
      - name: bob
        accessKeys: [{id: AKIABOB0000000000001, secret: bob-secret}]
        allow: ["eks:*"]
      - name: gone
        accessKeys: [{id: AKIAGONE000000000001, secret: gone-secret, status: Deleted}]
    roles:
      - name: Admin
        trustedBy: [alice, bob]
      - name: Second
        trustedBy: ["arn:aws:iam::${ACCOUNT}:role/Admin"]
      - name: Guarded
        trustedBy: ["${ACCOUNT}"]
        mfaRequired: true
`;

const CREDENTIALS = `[default]
aws_access_key_id = AKIAALICE00000000001
aws_secret_access_key = alice-secret
[bob]
aws_access_key_id = AKIABOB0000000000001
aws_secret_access_key = bob-secret
[gone]
aws_access_key_id = AKIAGONE000000000001
aws_secret_access_key = gone-secret
[wrong]
aws_access_key_id = AKIAALICE00000000001
aws_secret_access_key = not-alice-secret
`;

const CONFIG = `[default]
region = us-east-1
[profile bob]
region = us-east-1
[profile gone]
region = us-east-1
[profile wrong]
region = us-east-1
[profile admin]
role_arn = arn:aws:iam::${ACCOUNT}:role/Admin
source_profile = default
region = us-east-1
[profile chained]
role_arn = arn:aws:iam::${ACCOUNT}:role/Second
source_profile = admin
region = us-east-1
[profile bob-admin]
role_arn = arn:aws:iam::${ACCOUNT}:role/Admin
source_profile = bob
region = us-east-1
`;

/** An EKS stand-in that echoes the decoded ARN of the path, so the test depends only on the endpoint's routing and SigV4. */
const echoEks: SignedServiceHandler = (req, ctx) => {
  const m = /^\/clusters\/([^/]+)\/access-entries\/([^/]+)$/.exec(req.rawPath);
  return jsonResponse({ accessEntry: { clusterName: m?.[1], principalArn: m ? decodeURIComponent(m[2]) : 'no match', username: ctx.caller.arn } }, 200, 'application/json', ctx.requestId);
};

let ep: TestAwsEndpoint;
const aws = (args: string[], env: Record<string, string> = {}, configText = CONFIG) =>
  runAws(args, { endpoint: ep.url, caFile: ep.caFile, configText, credentialsText: CREDENTIALS, env });

beforeAll(async () => {
  ep = await startTestAwsEndpoint(SCENARIO, { eks: echoEks });
});
afterAll(async () => {
  await ep?.close();
});

describe('aws sts get-caller-identity', () => {
  it('works with static keys', async () => {
    const r = await aws(['sts', 'get-caller-identity']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ UserId: ep.world.findPrincipal('alice')!.uniqueId, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/alice` });
  });

  it('works through an assume-role profile (source_profile)', async () => {
    const r = await aws(['sts', 'get-caller-identity', '--profile', 'admin']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.Arn).toMatch(new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/Admin/botocore-session-\\d+$`));
    expect(out.UserId).toMatch(/^AROA[A-Z0-9]{17}:botocore-session-\d+$/);
  });

  it('works through role chaining', async () => {
    const r = await aws(['sts', 'get-caller-identity', '--profile', 'chained']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).Arn).toMatch(/:assumed-role\/Second\/botocore-session-\d+$/);
  });

  it('refuses a chained session longer than one hour', async () => {
    const r = await aws(['sts', 'assume-role', '--profile', 'admin', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/Second`, '--role-session-name', 'long', '--duration-seconds', '7200']);
    expect(r.code).toBe(255);
    expect(r.stderr.trim()).toBe(
      'An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  });

  it('refuses a role whose trust policy does not name the caller', async () => {
    const r = await aws(['sts', 'assume-role', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/Second`, '--role-session-name', 'nope']);
    expect(r.code).toBe(255);
    expect(r.stderr.trim()).toBe(
      `An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/Second`,
    );
  });

  it('refuses AssumeRole when the caller has no sts:AssumeRole permission', async () => {
    const r = await aws(['sts', 'get-caller-identity', '--profile', 'bob-admin']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`User: arn:aws:iam::${ACCOUNT}:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/Admin`);
  });

  it('a deleted key gives InvalidClientTokenId', async () => {
    const r = await aws(['sts', 'get-caller-identity', '--profile', 'gone']);
    expect(r.code).toBe(255);
    expect(r.stderr.trim()).toBe('An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.');
  });

  it('a wrong secret gives SignatureDoesNotMatch', async () => {
    const r = await aws(['sts', 'get-caller-identity', '--profile', 'wrong']);
    expect(r.code).toBe(255);
    expect(r.stderr.trim()).toBe(
      'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  });

  it('an expired session gives ExpiredToken', async () => {
    const role = ep.world.findPrincipal(`arn:aws:iam::${ACCOUNT}:role/Admin`)!;
    const s = ep.world.issueSession(role, { sessionName: 'stale', durationSeconds: 900 });
    const env = { AWS_ACCESS_KEY_ID: s.accessKeyId, AWS_SECRET_ACCESS_KEY: s.secret, AWS_SESSION_TOKEN: s.sessionToken, AWS_DEFAULT_REGION: 'us-east-1' };
    const before = await aws(['sts', 'get-caller-identity'], env);
    expect(JSON.parse(before.stdout).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Admin/stale`);
    ep.world.expireSession(s.accessKeyId);
    const r = await aws(['sts', 'get-caller-identity'], env);
    expect(r.code).toBe(255);
    expect(r.stderr.trim()).toBe('An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired');
  });

  it('GetSessionToken gives user session credentials', async () => {
    const r = await aws(['sts', 'get-session-token', '--duration-seconds', '900']);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout).Credentials;
    expect(c.AccessKeyId).toMatch(/^ASIA/);
    const who = await aws(['sts', 'get-caller-identity'], { AWS_ACCESS_KEY_ID: c.AccessKeyId, AWS_SECRET_ACCESS_KEY: c.SecretAccessKey, AWS_SESSION_TOKEN: c.SessionToken });
    expect(JSON.parse(who.stdout).Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
  });
});

describe('MFA', () => {
  const guarded = `arn:aws:iam::${ACCOUNT}:role/Guarded`;
  const serial = `arn:aws:iam::${ACCOUNT}:mfa/alice`;

  it('assumes the role with the right code', async () => {
    const r = await aws(['sts', 'assume-role', '--role-arn', guarded, '--role-session-name', 'mfa-ok', '--serial-number', serial, '--token-code', '123456']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Guarded/mfa-ok`);
    expect(out.AssumedRoleUser.AssumedRoleId).toBe(`${ep.world.findPrincipal(guarded)!.uniqueId}:mfa-ok`);
    expect(Date.parse(out.Credentials.Expiration)).toBeGreaterThan(Date.now());
  });

  it('refuses a wrong code', async () => {
    const r = await aws(['sts', 'assume-role', '--role-arn', guarded, '--role-session-name', 'mfa-bad', '--serial-number', serial, '--token-code', '654321']);
    expect(r.code).toBe(255);
    expect(r.stderr.trim()).toBe('An error occurred (AccessDenied) when calling the AssumeRole operation: MultiFactorAuthentication failed with invalid MFA one time pass code.');
  });

  it('refuses a missing code as not authorized', async () => {
    const r = await aws(['sts', 'assume-role', '--role-arn', guarded, '--role-session-name', 'mfa-none']);
    expect(r.code).toBe(255);
    expect(r.stderr).toContain(`is not authorized to perform: sts:AssumeRole on resource: ${guarded}`);
  });
});

describe('clock skew', () => {
  let skewed: TestAwsEndpoint;
  beforeAll(async () => {
    skewed = await startTestAwsEndpoint(`${SCENARIO}\nfaults: {clockSkewSeconds: 900}\n`);
  });
  afterAll(async () => {
    await skewed?.close();
  });

  it('botocore gets SignatureDoesNotMatch "Signature expired" when the sandbox clock runs 15 minutes ahead', async () => {
    const r = await runAws(['sts', 'get-caller-identity'], { endpoint: skewed.url, caFile: skewed.caFile, configText: CONFIG, credentialsText: CREDENTIALS });
    expect(r.code).toBe(255);
    expect(r.stderr.trim()).toMatch(
      /^An error occurred \(SignatureDoesNotMatch\) when calling the GetCallerIdentity operation: Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/,
    );
  });
});

describe('EKS routing through the real CLI', () => {
  it('verifies a path carrying a percent-encoded ARN (canonical URI encoded twice)', async () => {
    const principal = `arn:aws:iam::${ACCOUNT}:role/team/Admin`;
    const r = await aws(['eks', 'describe-access-entry', '--cluster-name', 'prod', '--principal-arn', principal]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).accessEntry).toEqual({ clusterName: 'prod', principalArn: principal, username: `arn:aws:iam::${ACCOUNT}:user/alice` });
  });

  it('maps auth failures to rest-json codes', async () => {
    const args = ['eks', 'describe-access-entry', '--cluster-name', 'prod', '--principal-arn', `arn:aws:iam::${ACCOUNT}:role/Admin`];
    const gone = await aws([...args, '--profile', 'gone']);
    expect(gone.stderr.trim()).toBe('An error occurred (UnrecognizedClientException) when calling the DescribeAccessEntry operation: The security token included in the request is invalid.');
    const wrong = await aws([...args, '--profile', 'wrong']);
    expect(wrong.stderr.trim()).toMatch(/^An error occurred \(InvalidSignatureException\) when calling the DescribeAccessEntry operation: The request signature we calculated does not match/);
  });
});

describe('STS JSON answers', () => {
  it('answers GetCallerIdentity as JSON when asked with Accept: application/json', async () => {
    const host = `127.0.0.1:${ep.server.port}`;
    const signer = new SignatureV4({ credentials: { accessKeyId: 'AKIAALICE00000000001', secretAccessKey: 'alice-secret' }, region: 'us-east-1', service: 'sts', sha256: Sha256 });
    const signed = (await signer.sign(
      new HttpRequest({
        method: 'POST',
        hostname: '127.0.0.1',
        path: '/',
        headers: { host, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      }),
    )) as HttpRequest;
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port: ep.server.port, method: 'POST', path: '/', headers: signed.headers, ca: ep.caPem, timeout: 10_000 }, (r) => {
        let body = '';
        r.on('data', (c) => (body += c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end(signed.body);
    });
    expect(res.status).toBe(200);
    const out = JSON.parse(res.body);
    expect(out.GetCallerIdentityResponse.GetCallerIdentityResult).toEqual({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/alice`, UserId: ep.world.findPrincipal('alice')!.uniqueId });
    expect(out.GetCallerIdentityResponse.ResponseMetadata.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('replayGetCallerIdentity (the authenticator’s STS call)', () => {
  function decodeToken(token: string): URL {
    expect(token.startsWith('k8s-aws-v1.')).toBe(true);
    return new URL(Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString('utf8'));
  }

  it('verifies a token from the real `aws eks get-token` for its cluster only', async () => {
    const r = await aws(['eks', 'get-token', '--cluster-name', 'prod', '--output', 'json']);
    expect(r.code).toBe(0);
    const url = decodeToken(JSON.parse(r.stdout).status.token);
    expect(url.host).toBe(`127.0.0.1:${ep.server.port}`);
    const ok = replayGetCallerIdentity(ep.world, url, 'prod');
    expect(ok.status).toBe(200);
    expect(ok.caller?.arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
    expect(JSON.parse(ok.body).GetCallerIdentityResponse.GetCallerIdentityResult.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
    const other = replayGetCallerIdentity(ep.world, url, 'staging');
    expect(other.status).toBe(403);
    expect(JSON.parse(other.body).Error).toMatchObject({ Code: 'SignatureDoesNotMatch', Type: 'Sender' });
  });

  it('verifies a role token from `aws eks get-token --role-arn` (session EKSGetTokenAuth)', async () => {
    const r = await aws(['eks', 'get-token', '--cluster-name', 'prod', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/Admin`, '--output', 'json']);
    expect(r.code).toBe(0);
    const ok = replayGetCallerIdentity(ep.world, decodeToken(JSON.parse(r.stdout).status.token), 'prod');
    expect(ok.status).toBe(200);
    expect(ok.caller?.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Admin/EKSGetTokenAuth`);
  });

  it('answers InvalidClientTokenId for a deleted key and accepts an sts.amazonaws.com host', async () => {
    const presign = async (akid: string, secret: string, signingDate?: Date) => {
      const signer = new SignatureV4({ credentials: { accessKeyId: akid, secretAccessKey: secret }, region: 'us-east-1', service: 'sts', sha256: Sha256 });
      const req = new HttpRequest({
        method: 'GET',
        protocol: 'https:',
        hostname: 'sts.us-east-1.amazonaws.com',
        path: '/',
        query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
        headers: { host: 'sts.us-east-1.amazonaws.com', 'x-k8s-aws-id': 'prod' },
      });
      const p = (await signer.presign(req, { expiresIn: 60, signingDate })) as HttpRequest;
      const q = new URLSearchParams(p.query as Record<string, string>).toString();
      return new URL(`https://sts.us-east-1.amazonaws.com/?${q}`);
    };
    const gone = replayGetCallerIdentity(ep.world, await presign('AKIAGONE000000000001', 'gone-secret'), 'prod');
    expect(gone.status).toBe(403);
    expect(JSON.parse(gone.body).Error).toMatchObject({ Code: 'InvalidClientTokenId', Message: 'The security token included in the request is invalid.' });
    // STS honours these URLs for 15 minutes after X-Amz-Date, not for X-Amz-Expires (60 s).
    const tenMinutes = replayGetCallerIdentity(ep.world, await presign('AKIAALICE00000000001', 'alice-secret', new Date(Date.now() - 600_000)), 'prod');
    expect(tenMinutes.status).toBe(200);
    const old = replayGetCallerIdentity(ep.world, await presign('AKIAALICE00000000001', 'alice-secret', new Date(Date.now() - 1_000_000)), 'prod');
    expect(old.status).toBe(403);
    expect(JSON.parse(old.body).Error.Message).toMatch(/^Signature expired: .* - 15 min\.\)$/);
  });
});

describe('faults', () => {
  const run = (e: TestAwsEndpoint, args: string[]) =>
    runAws(args, { endpoint: e.url, caFile: e.caFile, configText: CONFIG, credentialsText: CREDENTIALS, env: { AWS_MAX_ATTEMPTS: '1' } });

  it('throttlePercent 100: STS answers Throttling "Rate exceeded", EKS ThrottlingException', async () => {
    const e = await startTestAwsEndpoint(`${SCENARIO}\nfaults: {throttlePercent: 100}\n`, { eks: echoEks });
    try {
      const sts = await run(e, ['sts', 'get-caller-identity']);
      expect(sts.code).toBe(255);
      expect(sts.stderr).toMatch(/An error occurred \(Throttling\) when calling the GetCallerIdentity operation.*: Rate exceeded/);
      const eks = await run(e, ['eks', 'describe-access-entry', '--cluster-name', 'prod', '--principal-arn', `arn:aws:iam::${ACCOUNT}:role/Admin`]);
      expect(eks.stderr).toMatch(/An error occurred \(ThrottlingException\) when calling the DescribeAccessEntry operation.*: Rate exceeded/);
    } finally {
      await e.close();
    }
  });

  it('throttleServices [sts]: STS is throttled, EKS is not', async () => {
    const e = await startTestAwsEndpoint(`${SCENARIO}\nfaults: {throttlePercent: 100, throttleServices: [sts]}\n`, { eks: echoEks });
    try {
      const sts = await run(e, ['sts', 'get-caller-identity']);
      expect(sts.stderr).toMatch(/\(Throttling\) when calling the GetCallerIdentity operation.*: Rate exceeded/);
      const eks = await run(e, ['eks', 'describe-access-entry', '--cluster-name', 'prod', '--principal-arn', `arn:aws:iam::${ACCOUNT}:role/Admin`]);
      expect(eks.code).toBe(0);
      expect(JSON.parse(eks.stdout).accessEntry.principalArn).toBe(`arn:aws:iam::${ACCOUNT}:role/Admin`);
    } finally {
      await e.close();
    }
  });

  it('serverErrorPercent 100: STS answers InternalFailure; bad credentials are still reported as such', async () => {
    const e = await startTestAwsEndpoint(`${SCENARIO}\nfaults: {serverErrorPercent: 100}\n`);
    try {
      const sts = await run(e, ['sts', 'get-caller-identity']);
      expect(sts.stderr).toMatch(/An error occurred \(InternalFailure\) when calling the GetCallerIdentity operation/);
      const gone = await run(e, ['sts', 'get-caller-identity', '--profile', 'gone']);
      expect(gone.stderr).toContain('(InvalidClientTokenId)');
    } finally {
      await e.close();
    }
  });

  it('latencyMs delays AWS answers but not the SSO verification page', async () => {
    const e = await startTestAwsEndpoint(`${SCENARIO}\nfaults: {latencyMs: 400}\n`);
    const timed = (path: string) =>
      new Promise<{ ms: number; status: number }>((resolve, reject) => {
        const t0 = performance.now();
        const req = httpsRequest({ host: '127.0.0.1', port: e.server.port, method: 'GET', path, ca: e.caPem, timeout: 10_000 }, (res) => {
          res.resume();
          res.on('end', () => resolve({ ms: performance.now() - t0, status: res.statusCode ?? 0 }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      const sts = await timed('/?Action=GetCallerIdentity&Version=2011-06-15');
      expect(sts.status).toBe(403);
      expect(sts.ms).toBeGreaterThanOrEqual(390);
      const devicePage = await timed('/device');
      expect(devicePage.status).toBe(200);
      expect(devicePage.ms).toBeLessThan(390);
    } finally {
      await e.close();
    }
  });
});
