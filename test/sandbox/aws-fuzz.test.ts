// Hundreds of malformed requests against the AWS endpoint over raw TLS: each must get an HTTP
// response with an AWS-shaped body (no stack traces), and the server must still serve a valid call.
import { connect } from 'node:tls';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAmzDate } from '../../sandbox/aws/sigv4-canonical.js';
import { startTestAwsEndpoint, type TestAwsEndpoint } from '../helpers/aws-cli.js';

const SCENARIO = `
name: fuzz
accounts:
  - id: "111122223333"
    users:
      - name: alice
        accessKeys: [{id: AKIAALICE00000000001, secret: alice-secret}]
profiles:
  - name: dev-sso
    sso: {startUrl: "https://example.awsapps.com/start", region: us-east-1, accountId: "111122223333", roleName: Developer}
`;

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

let ep: TestAwsEndpoint;
beforeAll(async () => {
  ep = await startTestAwsEndpoint(SCENARIO);
});
afterAll(async () => {
  await ep?.close();
});

/** Sends bytes on a fresh TLS connection and reads until the server closes it (bounded by a timeout). */
function rawExchange(payload: Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port: ep.server.port, ca: ep.caPem, servername: 'localhost' }, () => socket.write(payload));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no response within 10 s to ${payload.subarray(0, 80).toString('latin1')}`));
    }, 10_000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return reject(new Error(`no HTTP response to ${payload.subarray(0, 80).toString('latin1')}: ${JSON.stringify(text.slice(0, 200))}`));
      const [statusLine, ...headerLines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of headerLines) headers[l.slice(0, l.indexOf(':')).toLowerCase()] = l.slice(l.indexOf(':') + 1).trim();
      let body = text.slice(split + 4);
      if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
}

function dechunk(s: string): string {
  let out = '';
  let rest = s;
  for (let guard = 0; guard < 10_000; guard++) {
    const nl = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, nl), 16);
    if (!size) break;
    out += rest.slice(nl + 2, nl + 2 + size);
    rest = rest.slice(nl + 2 + size + 2);
  }
  return out;
}

function httpRequest(method: string, target: string, headers: Array<[string, string]>, body: Buffer | string = ''): Buffer {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const lines = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${ep.server.port}`, 'Connection: close', ...headers.map(([k, v]) => `${k}: ${v}`)];
  if (!headers.some(([k]) => k.toLowerCase() === 'content-length')) lines.push(`Content-Length: ${b.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), b]);
}

/** True for AWS error/success bodies in any of the protocols (the device page may answer HTML). */
function awsShaped(r: RawResponse, target: string): boolean {
  if (/\n\s+at [\w.<>]+ \(/.test(r.body) || r.body.includes('node_modules')) return false;
  if (/^\/device(\/|\?|$)/.test(target) && r.headers['content-type']?.startsWith('text/html')) return true;
  if (/^<\w+Response xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/.test(r.body)) return r.body.includes('<RequestId>');
  if (/^<ErrorResponse[\s\S]*<Code>\w+<\/Code>[\s\S]*<Message>/.test(r.body)) return true;
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.body);
  } catch {
    return false;
  }
  if (parsed === null || typeof parsed !== 'object') return false;
  const o = parsed as Record<string, unknown>;
  if (r.status < 300) return true;
  const code = r.headers['x-amzn-errortype'] ?? o.__type ?? (o.Error as Record<string, unknown> | undefined)?.Code;
  return typeof code === 'string' && code.length > 0 && (typeof o.message === 'string' || typeof o.Error === 'object');
}

/** Deterministic pseudo-random numbers so a failure reproduces. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function buildCorpus(): Array<{ target: string; payload: Buffer }> {
  const rand = prng(20261129);
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const junk = (n: number) => Array.from({ length: n }, () => String.fromCharCode(33 + Math.floor(rand() * 94))).join('');
  const now = formatAmzDate(Date.now());
  const day = now.slice(0, 8);
  const services = ['sts', 'eks', 'logs', 'cloudtrail', 'nope', ''];
  const corpus: Array<{ target: string; payload: Buffer }> = [];
  const add = (method: string, target: string, headers: Array<[string, string]>, body: Buffer | string = '') =>
    corpus.push({ target, payload: httpRequest(method, target, headers, body) });

  // Bad Authorization headers, for every service's route.
  const authVariants = () => [
    junk(30),
    'AWS4-HMAC-SHA256',
    'AWS4-HMAC-SHA256 ',
    `AWS4-HMAC-SHA256 Credential=AKIAALICE00000000001/${day}/us-east-1/${pick(services)}/aws4_request`,
    `AWS4-HMAC-SHA256 Credential=AKIAALICE00000000001/${day}/us-east-1/${pick(services)}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${junk(64)}`,
    `AWS4-HMAC-SHA256 Credential=${junk(12)}, SignedHeaders=, Signature=`,
    `AWS4-HMAC-SHA256 Credential=AKIANOBODY/${day}/us-east-1/${pick(services)}/aws4_request, SignedHeaders=host, Signature=00`,
    `AWS4-HMAC-SHA256 Credential=////, SignedHeaders=host, Signature=ab`,
    `AWS4-HMAC-SHA256 Credential=AKIAALICE00000000001/notadate/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=ab`,
    `Bearer ${junk(20)}`,
    `AWS AKIAALICE00000000001:${junk(28)}`,
  ];
  const routes: Array<[string, string, Array<[string, string]>, string]> = [
    ['POST', '/', [['Content-Type', 'application/x-www-form-urlencoded']], 'Action=GetCallerIdentity&Version=2011-06-15'],
    ['GET', '/clusters/prod', [], ''],
    ['POST', '/', [['X-Amz-Target', 'Logs_20140328.DescribeLogGroups'], ['Content-Type', 'application/x-amz-json-1.1']], '{}'],
    ['POST', '/', [['X-Amz-Target', 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents'], ['Content-Type', 'application/x-amz-json-1.1']], '{}'],
  ];
  for (const [method, target, headers, body] of routes) {
    for (const auth of authVariants()) add(method, target, [...headers, ['Authorization', auth], ['X-Amz-Date', pick([now, '20150830T123600Z', junk(8), ''])]], body);
  }
  // Unsigned calls to every signed service.
  for (const [method, target, headers, body] of routes) add(method, target, headers, body);

  // Truncated and garbled bodies: forms, JSON to the SSO APIs.
  const form = 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::111122223333:role/Admin&RoleSessionName=s';
  for (let i = 0; i < 20; i++) add('POST', '/', [['Content-Type', 'application/x-www-form-urlencoded']], form.slice(0, Math.floor(rand() * form.length)));
  const json = JSON.stringify({ clientId: 'x', clientSecret: 'y', grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: 'z', startUrl: 'https://e' });
  for (const path of ['/client/register', '/device_authorization', '/token']) {
    for (let i = 0; i < 10; i++) add('POST', path, [['Content-Type', 'application/json']], json.slice(0, Math.floor(rand() * json.length)));
    for (const body of ['', 'null', '[]', '"str"', '42', '{"clientName":{}}', '{"clientName":"a","clientType":"confidential"}', junk(50), '{'.repeat(5000)]) {
      add('POST', path, [['Content-Type', 'application/json']], body);
    }
  }
  // The SSO portal with no, bad and garbage bearer tokens and missing parameters.
  for (const path of ['/federation/credentials', '/assignment/accounts', '/assignment/roles', '/logout', '/federation/credentials?role_name=&account_id=', '/assignment/roles?account_id=%zz']) {
    add('GET', path, []);
    add('GET', path, [['x-amz-sso_bearer_token', junk(40)]]);
    add('POST', path, [['x-amz-sso_bearer_token', '']]);
  }

  // Huge headers (over Node's 16 KiB limit) and a body over the 1 MiB limit.
  for (let i = 0; i < 5; i++) add('GET', '/', [['X-Big', 'a'.repeat(20_000 + i * 1000)]]);
  add('POST', '/', [['Content-Type', 'application/x-www-form-urlencoded'], ['Content-Length', String(5 * 1024 * 1024)]], '');
  add('POST', '/', [['Content-Type', 'application/x-www-form-urlencoded']], Buffer.alloc(1024 * 1024 + 10, 0x61));

  // Wrong methods and random paths.
  for (const method of ['DELETE', 'PUT', 'PATCH', 'OPTIONS', 'HEAD_', 'GET', 'POST']) {
    for (const path of ['/', '/token', '/client/register', '/device/approve', '/federation/credentials', '/clusters', '/nope', '//', '/../../etc/passwd', `/${junk(10).replace(/[?#%\s]/g, 'x')}`]) {
      add(method, path, []);
    }
  }
  for (let i = 0; i < 30; i++) add(pick(['GET', 'POST']), `/${Array.from({ length: 1 + Math.floor(rand() * 5) }, () => encodeURIComponent(junk(1 + Math.floor(rand() * 12)))).join('/')}`, []);
  add('GET', `/${'a'.repeat(8000)}`, []);

  // Bad percent-encoding in paths and queries, including presigned-looking queries.
  for (const target of [
    '/%',
    '/%zz',
    '/%E0%A4%A',
    '/clusters/%/access-entries/%3',
    '/?Action=%E0%A4%A',
    '/?Action=GetCallerIdentity&X-Amz-Credential=%ZZ',
    '/?Action=GetCallerIdentity&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2Fb&X-Amz-Date=x&X-Amz-SignedHeaders=host&X-Amz-Signature=00',
    `/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAALICE00000000001%2F${day}%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=${now}&X-Amz-Expires=-5&X-Amz-SignedHeaders=host&X-Amz-Signature=00`,
    `/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAALICE00000000001%2F${day}%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=${now}&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=${junk(64)}`,
    '/device?user_code=%zz',
    '/device?user_code=NOPE-NOPE',
  ]) {
    add('GET', target, []);
    add('POST', target, [['Content-Type', 'application/x-www-form-urlencoded']], 'user_code=%');
  }
  return corpus;
}

/** Correctly signed STS calls with garbled parameters: they reach the STS handler itself. */
async function signedGarbage(): Promise<Array<{ target: string; payload: Buffer }>> {
  const rand = prng(7);
  const junk = (n: number) => Array.from({ length: n }, () => String.fromCharCode(32 + Math.floor(rand() * 95))).join('');
  const host = `127.0.0.1:${ep.server.port}`;
  const signer = new SignatureV4({ credentials: { accessKeyId: 'AKIAALICE00000000001', secretAccessKey: 'alice-secret' }, region: 'us-east-1', service: 'sts', sha256: Sha256 });
  const bodies = [
    'Action=AssumeRole',
    'Action=AssumeRole&RoleArn=x&RoleSessionName=a',
    `Action=AssumeRole&RoleArn=arn:aws:iam::111122223333:role/Nope&RoleSessionName=${'s'.repeat(100)}`,
    'Action=AssumeRole&RoleArn=arn:aws:iam::111122223333:role/Nope&RoleSessionName=ok&DurationSeconds=abc',
    'Action=AssumeRole&RoleArn=arn:aws:iam::111122223333:role/Nope&RoleSessionName=bad%20name',
    'Action=GetSessionToken&DurationSeconds=-1',
    'Action=GetSessionToken&DurationSeconds=99999999999999999999',
    'Action=GetSessionToken&SerialNumber=x',
    'Action=Nope&Version=2011-06-15',
    'Version=2011-06-15',
    '',
    '%%%%',
    'Action=%E0%A4%A',
    '&&&===&&&',
  ];
  for (let i = 0; i < 20; i++) bodies.push(encodeURIComponent(junk(1 + Math.floor(rand() * 60))).replace(/%3D/g, '=').replace(/%26/g, '&'));
  const out: Array<{ target: string; payload: Buffer }> = [];
  for (const body of bodies) {
    const signed = (await signer.sign(
      new HttpRequest({ method: 'POST', hostname: '127.0.0.1', path: '/', headers: { host, 'content-type': 'application/x-www-form-urlencoded' }, body }),
    )) as HttpRequest;
    out.push({ target: '/', payload: httpRequest('POST', '/', Object.entries(signed.headers).filter(([k]) => k !== 'host') as Array<[string, string]>, body) });
  }
  return out;
}

describe('malformed requests', () => {
  it('each gets an AWS-shaped HTTP response and the server keeps serving', async () => {
    const corpus = [...buildCorpus(), ...(await signedGarbage())];
    expect(corpus.length).toBeGreaterThan(300);
    // Not an HTTP request at all: Node's parser rejects it; the endpoint still answers.
    const garbage = [Buffer.from('GARBAGE\r\n\r\n'), Buffer.from('GET / HTTP/9.9\r\n\r\n'), Buffer.from('GET /\r\nHost: x\r\n\r\n'), Buffer.from(`POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n`)];
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let handledBySts = 0;
    const all = [...corpus, ...garbage.map((payload) => ({ target: '*', payload }))];
    const concurrency = 8;
    for (let i = 0; i < all.length; i += concurrency) {
      const batch = all.slice(i, i + concurrency);
      const results = await Promise.all(batch.map((c) => rawExchange(c.payload).then((r) => ({ c, r }), (e: Error) => ({ c, e }))));
      for (const res of results) {
        if ('e' in res) failures.push(res.e.message);
        else {
          statuses.set(res.r.status, (statuses.get(res.r.status) ?? 0) + 1);
          if (/<Code>(ValidationError|InvalidAction|MissingAction)<\/Code>/.test(res.r.body)) handledBySts++;
          const shaped = awsShaped(res.r, res.c.target);
          if (!(res.r.status >= 200 && res.r.status < 600) || !shaped) failures.push(`${res.c.payload.subarray(0, 100).toString('latin1')} → ${res.r.status} ${res.r.body.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(statuses.get(500) ?? 0).toBe(0);
    expect(handledBySts).toBeGreaterThanOrEqual(25);
    expect(statuses.get(431)).toBe(5);
    expect(statuses.get(413)).toBe(2);

    const host = `127.0.0.1:${ep.server.port}`;
    const signer = new SignatureV4({ credentials: { accessKeyId: 'AKIAALICE00000000001', secretAccessKey: 'alice-secret' }, region: 'us-east-1', service: 'sts', sha256: Sha256 });
    const signed = (await signer.sign(
      new HttpRequest({ method: 'POST', hostname: '127.0.0.1', path: '/', headers: { host, 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' }),
    )) as HttpRequest;
    const headers = Object.entries(signed.headers).filter(([k]) => k !== 'host') as Array<[string, string]>;
    const ok = await rawExchange(httpRequest('POST', '/', headers, signed.body as string));
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<Arn>arn:aws:iam::111122223333:user/alice</Arn>');
  }, 120_000);
});
