// npm run bench:sandbox — requests per second the sandbox serves on loopback (GetCallerIdentity, and an
// authenticated `GET /api/v1/namespaces/default/services`), and how long a 50-profile × 100-cluster scenario takes to load.
// The sandbox runs as its own process (as `npm run sandbox` does), so client and server each get a core.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { stringify } from 'yaml';
import { generateScenarioInput } from './gen-scenario.js';
import { startSandbox } from '../sandbox/index.js';

const DURATION_MS = 5_000;

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Node's native SHA-256 for the signer, so the client's signing cost does not cap what the server shows. */
class NodeSha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret ? createHmac('sha256', toBytes(secret)) : createHash('sha256');
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.h.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.h.digest();
  }
}
const CONCURRENCY = 32;

function parseEnvFile(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^export ([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2].replace(/^'(.*)'$/, '$1');
  }
  return env;
}

function credentialsOf(credentialsFile: string, profile: string): { accessKeyId: string; secretAccessKey: string } {
  const text = readFileSync(credentialsFile, 'utf8');
  const section = text.split(/^\[/m).find((s) => s.startsWith(`${profile}]`))!;
  return {
    accessKeyId: /aws_access_key_id\s*=\s*(\S+)/.exec(section)![1],
    secretAccessKey: /aws_secret_access_key\s*=\s*(\S+)/.exec(section)![1],
  };
}

async function startSandboxProcess(scenarioFile: string, stateDir: string): Promise<{ env: Record<string, string>; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--scenario', scenarioFile, '--state-dir', stateDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => (String(d).includes('sandbox ready:') ? resolve() : undefined));
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { env: parseEnvFile(path.join(stateDir, 'env')), stop: () => child.kill('SIGTERM') };
}

/** Sends requests from CONCURRENCY loops for DURATION_MS; returns completed requests per second. */
async function measure(name: string, send: () => Promise<number>, expectStatus: number): Promise<number> {
  const deadline = Date.now() + DURATION_MS;
  let done = 0;
  let wrong = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        const status = await send();
        if (status === expectStatus) done++;
        else wrong++;
      }
    }),
  );
  const rate = done / ((Date.now() - started) / 1000);
  console.log(`${name}: ${rate.toFixed(0)} requests/s (${done} answered ${expectStatus}, ${wrong} other; concurrency ${CONCURRENCY}, ${DURATION_MS / 1000} s)`);
  return rate;
}

function request(agent: https.Agent, url: URL, opts: { method: string; headers: Record<string, string>; body?: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: opts.method, headers: opts.headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'bench-sandbox-'));
  try {
    const scenarioFile = path.join(work, 'scenario.yaml');
    writeFileSync(scenarioFile, readFileSync('sandbox/scenarios/healthy.yaml'));
    const sandbox = await startSandboxProcess(scenarioFile, path.join(work, 'state'));
    try {
      const ca = readFileSync(sandbox.env.AWS_CA_BUNDLE);
      const agent = new https.Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca });
      const endpoint = new URL(sandbox.env.AWS_ENDPOINT_URL);
      const creds = credentialsOf(sandbox.env.AWS_SHARED_CREDENTIALS_FILE, 'default');
      const signer = new SignatureV4({ credentials: creds, region: 'us-east-1', service: 'sts', sha256: NodeSha256 });
      const body = 'Action=GetCallerIdentity&Version=2011-06-15';
      await measure('STS GetCallerIdentity (SigV4-signed per request)', async () => {
        const signed = await signer.sign(
          new HttpRequest({
            method: 'POST',
            protocol: 'https:',
            hostname: endpoint.hostname,
            port: Number(endpoint.port),
            path: '/',
            headers: { host: endpoint.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
            body,
          }),
        );
        return request(agent, endpoint, { method: 'POST', headers: signed.headers, body });
      }, 200);

      const kubeconfig = readFileSync(sandbox.env.KUBECONFIG, 'utf8');
      const server = /server: (\S+)/.exec(kubeconfig)![1];
      const clusterName = /--cluster-name\n\s*- (\S+)/.exec(kubeconfig)?.[1] ?? 'prod';
      const presigned = await signer.presign(
        new HttpRequest({
          method: 'GET',
          protocol: 'https:',
          hostname: endpoint.hostname,
          port: Number(endpoint.port),
          path: '/',
          query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
          headers: { host: endpoint.host, 'x-k8s-aws-id': clusterName },
        }),
        { expiresIn: 60 },
      );
      const qs = Object.entries(presigned.query ?? {}).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
      const token = `k8s-aws-v1.${Buffer.from(`https://${endpoint.host}/?${qs}`).toString('base64url')}`;
      const svcUrl = new URL('/api/v1/namespaces/default/services', server);
      await measure(`Kubernetes GET services, bearer token verified (${clusterName})`, () =>
        request(agent, svcUrl, { method: 'GET', headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }), 200);
      agent.destroy();
    } finally {
      sandbox.stop();
    }

    const bigFile = path.join(work, 'big.yaml');
    writeFileSync(bigFile, stringify(generateScenarioInput({ profiles: 50, clusters: 100, regions: 4 })));
    for (let run = 1; run <= 3; run++) {
      const t0 = performance.now();
      const handle = await startSandbox(bigFile);
      const loadMs = performance.now() - t0;
      await handle.stop();
      console.log(
        `load a 50-profile × 100-cluster scenario file (parse, validate, world, CAs, ${handle.world.clusters.length} API servers, state dir), run ${run}: ${loadMs.toFixed(0)} ms`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
