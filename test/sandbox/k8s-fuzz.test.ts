// Malformed input never crashes the cluster API server: bad tokens, bad bodies, odd paths and
// methods all get a Kubernetes Status, and the server still answers afterwards.
import { Agent, request } from 'node:https';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEksToken, tokenFromUrl } from '../../sandbox/k8s/presign-token.js';
import { startClusterServer, type ClusterServer } from '../../sandbox/k8s/server.js';
import { parseScenario } from '../../sandbox/scenario/load.js';
import { createCertificateAuthority } from '../../sandbox/tls.js';
import { World } from '../../sandbox/world/world.js';

const SCENARIO = `
name: k8s-fuzz
accounts:
  - id: "111122223333"
    users:
      - name: alice
        accessKeys: [{ id: AKIAALICE0000000001, secret: alice-secret }]
clusters:
  - { name: prod, account: "111122223333", region: us-east-1, creator: alice }
`;

let world: World;
let server: ClusterServer;
let caPem: string;
let agent: Agent;
let goodToken: string;

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function send(method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<{ status: number; text: string }> {
  if (body !== undefined) headers = { ...headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers, ca: caPem, agent, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

beforeAll(async () => {
  world = new World(parseScenario(SCENARIO));
  world.awsEndpoint = 'https://127.0.0.1:4443';
  const ca = await createCertificateAuthority();
  caPem = ca.certPem;
  server = await startClusterServer(world, world.clusters[0], await ca.issueServerCert());
  agent = new Agent({ keepAlive: true, maxSockets: 8 });
  goodToken = await makeEksToken({ accessKeyId: 'AKIAALICE0000000001', secretAccessKey: 'alice-secret' }, { clusterName: 'prod', host: '127.0.0.1:4443' });
});

afterAll(async () => {
  agent?.destroy();
  await server?.close();
});

function expectStatus(r: { status: number; text: string }, context: string): void {
  expect(r.status, context).toBeGreaterThanOrEqual(200);
  expect(r.status, context).toBeLessThan(500);
  if (r.status >= 400) {
    const body = JSON.parse(r.text);
    expect(body, context).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: r.status });
    expect(typeof body.message, context).toBe('string');
    expect(r.text, context).not.toMatch(/\bat \S+ \(|node:internal|\.ts:\d+/);
  }
}

describe('cluster API server under malformed input', () => {
  it('answers 200 bad tokens with 401 Status', async () => {
    const rand = rng(1);
    const pieces = ['k8s-aws-v1.', 'Bearer', ' ', '=', '%', '\u00e9', 'aHR0cHM6Ly9zdHMuYW1hem9uYXdzLmNvbS8', '_-', 'AAAA', '.'];
    for (let i = 0; i < 200; i++) {
      let tok = '';
      const n = 1 + Math.floor(rand() * 8);
      for (let j = 0; j < n; j++) tok += pieces[Math.floor(rand() * pieces.length)];
      if (i % 10 === 0) tok = tokenFromUrl(`https://127.0.0.1:4443/?Action=GetCallerIdentity&X-Amz-SignedHeaders=x-k8s-aws-id&X-Amz-Expires=${i}&X-Amz-Date=${'2'.repeat(i % 17)}`);
      if (i % 10 === 5) tok = goodToken.slice(0, 12 + Math.floor(rand() * (goodToken.length - 12)));
      if (i === 7) tok = `k8s-aws-v1.${'A'.repeat(5000)}`;
      const header = `Bearer ${tok}`.replace(/[^\t\x20-\x7e]/g, '');
      if (header.trim() === 'Bearer' || header.trim() === '') continue;
      const r = await send('GET', '/api/v1/namespaces/default/services', { authorization: header });
      expectStatus(r, `token #${i}: ${tok.slice(0, 80)}`);
      expect(r.status, `token #${i}`).toBe(401);
    }
  });

  it('answers bad bodies, odd paths and methods with a Status', async () => {
    const rand = rng(2);
    const paths = [
      '/api/v1/namespaces/default/configmaps',
      '/api/v1/namespaces/default/configmaps/x',
      '/api/v1/namespaces/kube-system/configmaps/aws-auth',
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      '/api/v1/namespaces/%zz/configmaps',
      '/api/v1/namespaces//configmaps',
      '/api/v1/namespaces/default/services/kubernetes/proxy',
      '/apis/nope.example.com/v9/things',
      '/api/v2',
      `/${'a/'.repeat(300)}`,
      '/api/v1/namespaces/default/configmaps?watch=true&limit=-1',
      '/openapi/v3/apis/unknown',
      '//double//slashes',
    ];
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND'];
    const types = ['application/json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/json-patch+json', 'application/yaml', 'text/plain', 'application/vnd.kubernetes.protobuf', ''];
    const bodies = [
      '',
      '{',
      'null',
      '[]',
      '"str"',
      '42',
      '{"metadata":null}',
      '{"metadata":{"name":5},"data":{"k":1}}',
      '{"metadata":{"name":"x","resourceVersion":"1"},"data":{"bad key":"v"}}',
      '{"kind":"Pod","metadata":{"name":"x"}}',
      '[{"op":"replace","path":"/data/missing","value":"v"}]',
      '[{"op":"bogus"}]',
      '[{"op":"add","path":"no-slash"}]',
      '{"data":{"mapRoles":"- rolearn: [unclosed"}}',
      '{"spec":{"resourceAttributes":"x"}}',
      '{"spec":{"resourceAttributes":{"verb":"get"},"nonResourceAttributes":{"path":"/"}}}',
      '- a: [',
      '\u0000\u0001\u0002',
    ];
    for (let i = 0; i < 300; i++) {
      const method = methods[Math.floor(rand() * methods.length)];
      const path = paths[Math.floor(rand() * paths.length)];
      const type = types[Math.floor(rand() * types.length)];
      const body = ['GET', 'HEAD', 'DELETE'].includes(method) ? undefined : bodies[Math.floor(rand() * bodies.length)];
      const headers: Record<string, string> = { authorization: `Bearer ${goodToken}` };
      if (type) headers['content-type'] = type;
      const context = `#${i} ${method} ${path} ${type} ${body ?? ''}`;
      const r = await send(method, path, headers, body).catch((err: Error) => {
        throw new Error(`${context}: ${err.message}`);
      });
      if (method === 'HEAD') {
        expect(r.status, context).toBeLessThan(500);
        continue;
      }
      expectStatus(r, context);
    }
    // aws-auth may have been edited by the fuzzing; the creator still gets in and the server still answers.
    const after = await send('GET', '/version', { authorization: `Bearer ${goodToken}` });
    expect(after.status).toBe(200);
    expect(JSON.parse(after.text).gitVersion).toMatch(/^v1\.31/);
  });

  it('answers unparseable HTTP with 400 and keeps serving', async () => {
    for (const garbage of ['GARBAGE\r\n\r\n', 'GET / HTTP/9.9\r\nHost\r\n\r\n', 'GET /version HTTP/1.1\r\ncontent-length: -1\r\n\r\n']) {
      const reply = await new Promise<string>((resolve, reject) => {
        const s = connect({ host: '127.0.0.1', port: server.port, ca: caPem, servername: 'localhost' }, () => s.end(garbage));
        const chunks: Buffer[] = [];
        s.on('data', (c) => chunks.push(c));
        s.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        s.on('error', reject);
        s.setTimeout(5000, () => s.destroy(new Error('timeout')));
      });
      expect(reply, JSON.stringify(garbage)).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(reply.slice(reply.indexOf('\r\n\r\n') + 4)).toBe('{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not parse the request","reason":"BadRequest","code":400}');
    }
    expect((await send('GET', '/version', {})).status).toBe(200);
  });

  it('survives bodies beyond the size limit', async () => {
    const r = await send('POST', '/api/v1/namespaces/default/configmaps', { authorization: `Bearer ${goodToken}`, 'content-type': 'application/json' }, Buffer.alloc(3 * 1024 * 1024 + 10, 0x7b));
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text).reason).toBe('RequestEntityTooLarge');
    expect((await send('GET', '/version', {})).status).toBe(200);
  });
});
