// The installed command loads only what a command uses: a new token needs no AWS SDK, and `profiles` no
// Kubernetes client. Each run records the files the process loads (a module hook for import, require's cache at
// exit) and reads them for a marker of each package: the bundle's chunks are named by hash, not by package.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, run } from '../helpers/run.js';

const BIN = path.resolve(__dirname, '../../bin/eks-access-doctor.cjs');
const TOKEN_HELPER = path.resolve(__dirname, '../../bin/token-helper.cjs');
/** A string of the AWS SDK (its user agent), of the SDK's SigV4 signer, and of client-node's generated Core API. */
const AWS_SDK = 'aws-sdk-js';
const SDK_SIGNER = 'AWS4-ECDSA-P256-SHA256';
const KUBERNETES_CLIENT = '/api/v1/namespaces/{namespace}/configmaps';

let work: string;
let env: Record<string, string>;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'cli-loads-'));
  const home = path.join(work, 'home');
  mkdirSync(path.join(home, '.aws'), { recursive: true });
  // Keys only: a token is signed locally, and nothing here reaches the network.
  writeFileSync(path.join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
  writeFileSync(path.join(home, '.aws', 'config'), '[default]\nregion = us-east-1\n');
  const hook = path.join(work, 'record.mjs');
  const record = `export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.startsWith('file:')) process.stderr.write('LOADED ' + r.url + '\\n'); return r; }`;
  writeFileSync(hook, `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(${JSON.stringify(record)}));\n`);
  const required = path.join(work, 'required.cjs');
  writeFileSync(required, "process.on('exit', () => { for (const f of Object.keys(require.cache)) require('node:fs').writeSync(2, 'LOADED ' + require('node:url').pathToFileURL(f).href + '\\n'); });\n");
  env = cleanEnv({ HOME: home, XDG_CACHE_HOME: path.join(work, 'cache'), AWS_EC2_METADATA_DISABLED: 'true',
    // A closed local port: the profile's check fails at once instead of reaching AWS.
    AWS_ENDPOINT_URL: 'https://127.0.0.1:9',
    NODE_OPTIONS: `--import ${hook} --require ${required}` });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The text of every file the command loaded. */
async function loaded(args: string[]): Promise<{ code: number; stdout: string; text: string }> {
  const r = await run(BIN, args, env);
  const files = [...new Set([...r.stderr.matchAll(/^LOADED (\S+)$/gm)].map((m) => m[1]!))];
  expect(files.length).toBeGreaterThan(1);
  return { code: r.code, stdout: r.stdout, text: files.map((f) => readFileSync(fileURLToPath(f), 'utf8')).join('\n') };
}

describe('the installed command loads only what a command uses', () => {
  it('a new token (no cache) is signed without the AWS SDK', async () => {
    const r = await loaded(['token', '--cluster', 'prod', '--no-cache']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).status.token).toMatch(/^k8s-aws-v1\./);
    expect(r.text).not.toContain(AWS_SDK);
    expect(r.text).not.toContain(SDK_SIGNER);
    expect(r.text).not.toContain(KUBERNETES_CLIENT);
  });

  it('profiles loads the AWS SDK it calls STS with, but not the Kubernetes client', async () => {
    const r = await loaded(['profiles', '--json']);
    expect(JSON.parse(r.stdout).profiles.map((p: { name: string }) => p.name)).toEqual(['default']);
    expect(r.text).toContain(AWS_SDK);
    expect(r.text).not.toContain(KUBERNETES_CLIENT);
  });

  it('a token, as kubectl runs the --use-app-token entry, is served in CommonJS: no ES module loader, no node:crypto', async () => {
    // At exit: Node's internal modules that ran, and the files require() loaded.
    const report = path.join(work, 'report.cjs');
    writeFileSync(report, "process.on('exit', () => require('node:fs').writeSync(2, 'REPORT ' + JSON.stringify({ internals: process.moduleLoadList, files: Object.keys(require.cache) }) + '\\n'));\n");
    const hitEnv = { ...env, NODE_OPTIONS: `--require ${report}` };
    const args = [TOKEN_HELPER, 'token', '--cluster', 'prod'];
    const seen = (stderr: string) => JSON.parse(stderr.match(/^REPORT (.*)$/m)![1]!) as { internals: string[]; files: string[] };
    const miss = await run(process.execPath, args, hitEnv);
    expect(miss.code, miss.stderr).toBe(0);
    const hit = await run(process.execPath, args, hitEnv);
    expect(hit.stdout).toBe(miss.stdout);
    for (const [r, files] of [
      [miss, ['report.cjs', 'token-helper.cjs', 'eks-access-doctor.cjs', 'cached-token.cjs', 'token-command.cjs']],
      [hit, ['report.cjs', 'token-helper.cjs', 'eks-access-doctor.cjs', 'cached-token.cjs']],
    ] as const) {
      const { internals, files: loadedFiles } = seen(r.stderr);
      expect(loadedFiles.map((f) => path.basename(f))).toEqual(files);
      expect(internals).not.toContain('NativeModule internal/modules/esm/loader');
      // Loading node:crypto (and the streams it pulls in) or fs/promises cost more than all the token's own work.
      expect(internals).not.toContain('NativeModule crypto');
      expect(internals).not.toContain('NativeModule internal/fs/promises');
    }
  });
});
