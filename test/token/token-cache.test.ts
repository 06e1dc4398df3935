// The token cache and --use-app-token as a user meets them: kubectl calls the app's token command on every
// request, the second call is served from the user's cache, and nothing stale or foreign is ever served.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { createHash } from 'node:crypto';
import { readCachedToken, tokenCacheDir, tokenCacheFile, writeCachedToken } from '../../electron/token/cache.js';
import { classifyGetSvc, cleanEnv, run } from '../helpers/run.js';

const BIN = path.resolve(__dirname, '../../bin/eks-access-doctor.cjs');
const TOKEN_HELPER = path.resolve(__dirname, '../../bin/token-helper.cjs');
let sandbox: SandboxHandle;
let work: string;
beforeAll(async () => {
  sandbox = await startSandbox('sandbox/scenarios/healthy.yaml');
  work = mkdtempSync(path.join(tmpdir(), 'token-cache-'));
});
afterAll(async () => {
  await sandbox?.stop();
  rmSync(work, { recursive: true, force: true });
});

const tokenOf = (stdout: string): string => JSON.parse(stdout).status.token;

describe('token cache', () => {
  it('serves the second call from a 0600 file in the user cache dir, and --no-cache signs anew', async () => {
    const env = cleanEnv({ ...sandbox.env, XDG_CACHE_HOME: path.join(work, 'cache-a') });
    const first = await run(BIN, ['token', '--profile', 'default', '--cluster', 'payments-prod'], env);
    expect(first.code, first.stderr).toBe(0);
    await new Promise((r) => setTimeout(r, 1100)); // a new signature would carry a later X-Amz-Date
    const second = await run(BIN, ['token', '--profile', 'default', '--cluster', 'payments-prod'], env);
    expect(tokenOf(second.stdout)).toBe(tokenOf(first.stdout));
    const bypass = await run(BIN, ['token', '--profile', 'default', '--cluster', 'payments-prod', '--no-cache'], env);
    expect(tokenOf(bypass.stdout)).not.toBe(tokenOf(first.stdout));

    const dir = tokenCacheDir(env);
    expect(dir).toBe(path.join(work, 'cache-a', 'eks-access-doctor', 'tokens'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(statSync(path.join(dir, files[0]!)).mode & 0o777).toBe(0o600);
  });

  it('misses when what decides the identity changes: another profile, cluster, or edited credentials file', async () => {
    const state = mkdtempSync(path.join(work, 'home-'));
    const credentials = path.join(state, 'credentials');
    writeFileSync(credentials, readFileSync(sandbox.env.AWS_SHARED_CREDENTIALS_FILE!, 'utf8'));
    const env = cleanEnv({ ...sandbox.env, AWS_SHARED_CREDENTIALS_FILE: credentials, XDG_CACHE_HOME: path.join(work, 'cache-b') });
    const base = await run(BIN, ['token', '--profile', 'default', '--cluster', 'payments-prod'], env);
    const other = await run(BIN, ['token', '--profile', 'developer', '--cluster', 'payments-prod'], env);
    const otherCluster = await run(BIN, ['token', '--profile', 'default', '--cluster', 'data-platform'], env);
    expect(new Set([base, other, otherCluster].map((r) => tokenOf(r.stdout))).size).toBe(3);
    writeFileSync(credentials, `${readFileSync(credentials, 'utf8')}\n# edited\n`);
    await new Promise((r) => setTimeout(r, 1100));
    const edited = await run(BIN, ['token', '--profile', 'default', '--cluster', 'payments-prod'], env);
    expect(tokenOf(edited.stdout)).not.toBe(tokenOf(base.stdout));
  });

  it('never serves an entry within a minute of its expiry or past the credentials own expiry', async () => {
    const file = path.join(work, 'cache-c', 'entry.json');
    const now = new Date('2026-12-07T10:00:00Z');
    await writeCachedToken(file, { token: 't', expiresAt: new Date(now.getTime() + 14 * 60_000), credentialsExpireAt: new Date(now.getTime() + 5 * 60_000) });
    expect(await readCachedToken(file, now)).toMatchObject({ token: 't' });
    expect(await readCachedToken(file, new Date(now.getTime() + 5 * 60_000))).toBeUndefined();
    await writeCachedToken(file, { token: 't', expiresAt: new Date(now.getTime() + 14 * 60_000) });
    expect(await readCachedToken(file, new Date(now.getTime() + 12 * 60_000))).toMatchObject({ token: 't' });
    expect(await readCachedToken(file, new Date(now.getTime() + 13 * 60_000 + 1))).toBeUndefined();
    writeFileSync(file, 'not json');
    expect(await readCachedToken(file, now)).toBeUndefined();
  });

  it("names an entry by the SHA-256 of the key and the fingerprint (the JavaScript hash is node:crypto's)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'token-key-'));
    try {
      const env = { HOME: dir, XDG_CACHE_HOME: dir, AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), AWS_REGION: 'eu-west-1' };
      writeFileSync(env.AWS_CONFIG_FILE, '[profile é]\nregion = eu-west-1\n' + 'x'.repeat(100));
      const key = { profile: 'é', cluster: 'prod', region: '' };
      const hash = createHash('sha256').update(JSON.stringify(['é', '', 'prod', '']));
      hash.update(`\0${env.AWS_CONFIG_FILE}\0${readFileSync(env.AWS_CONFIG_FILE, 'utf8')}`).update(`\0${env.AWS_SHARED_CREDENTIALS_FILE}\0`);
      for (const name of ['AWS_CONFIG_FILE', 'AWS_REGION', 'AWS_SHARED_CREDENTIALS_FILE']) hash.update(`\0${name}=${env[name as keyof typeof env]}`);
      expect(path.basename(tokenCacheFile(env, key))).toBe(`${hash.digest('hex').slice(0, 40)}.json`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the profile from AWS_PROFILE when --profile is not given, as aws eks get-token does', async () => {
    const env = cleanEnv({ ...sandbox.env, AWS_PROFILE: 'bob', XDG_CACHE_HOME: path.join(work, 'cache-d') });
    const keyOf = (profile: string) => new RegExp(`\\[${profile}\\][^[]*?aws_access_key_id\\s*=\\s*(\\S+)`).exec(readFileSync(sandbox.env.AWS_SHARED_CREDENTIALS_FILE!, 'utf8'))?.[1];
    const signedBy = async (args: string[]) => {
      const token = await run(BIN, ['token', '--cluster', 'payments-prod', '--no-cache', ...args], env);
      expect(token.code, token.stderr).toBe(0);
      return JSON.parse((await run(BIN, ['decode-token', tokenOf(token.stdout), '--json'], env)).stdout).accessKeyId;
    };
    expect(keyOf('bob')).toMatch(/^AKIA/);
    expect(await signedBy([])).toBe(keyOf('bob'));
    expect(await signedBy(['--profile', 'default'])).toBe(keyOf('default'));
  });
});

describe('update-kubeconfig --use-app-token', () => {
  it('writes an exec entry that runs the app by absolute path (node and the command); kubectl works with no aws CLI on the PATH', async () => {
    const home = mkdtempSync(path.join(work, 'kube-'));
    const kubeconfig = path.join(home, 'config');
    const env = cleanEnv({ ...sandbox.env, KUBECONFIG: kubeconfig, XDG_CACHE_HOME: path.join(work, 'cache-e') });
    const written = await run(BIN, ['update-kubeconfig', '--profile', 'default', '--cluster', 'payments-prod', '--use-app-token'], env);
    expect(written.code, written.stderr).toBe(0);
    const text = readFileSync(kubeconfig, 'utf8');
    expect(text).toContain(`command: ${process.execPath}`);
    expect(text).toContain(`args:\n      - ${TOKEN_HELPER}\n      - token\n      - --region\n      - us-east-1\n      - --cluster\n      - payments-prod\n`);
    expect(text).toMatch(/env:\n\s+- name: AWS_PROFILE\n\s+value: default/);

    // A PATH with node and kubectl only: the entry must not need `aws`.
    const bin = mkdtempSync(path.join(work, 'path-'));
    for (const tool of ['node', 'kubectl']) {
      const found = (await run('which', [tool], cleanEnv())).stdout.trim();
      symlinkSync(found, path.join(bin, tool));
    }
    chmodSync(bin, 0o755);
    const noAws = { ...env, PATH: bin };
    expect((await run('/bin/sh', ['-c', 'command -v aws || echo none'], noAws)).stdout.trim()).toBe('none');
    const getSvc = await run(path.join(bin, 'kubectl'), ['get', 'svc'], noAws, 90_000);
    expect(classifyGetSvc(getSvc), getSvc.stderr).toBe('ok');
    const again = await run(path.join(bin, 'kubectl'), ['get', 'svc'], noAws, 90_000);
    expect(classifyGetSvc(again), again.stderr).toBe('ok');
    expect(readdirSync(tokenCacheDir(env))).toHaveLength(1);
  });
});

describe('the bundled CLI', () => {
  it('runs on its own: copied away from the repository (no node_modules, no tsx), --help and token work', async () => {
    const away = mkdtempSync(path.join(tmpdir(), 'cli-bundle-'));
    try {
      const dist = path.resolve(__dirname, '../../dist/cli');
      mkdirSync(path.join(away, 'cli'));
      for (const f of readdirSync(dist)) writeFileSync(path.join(away, 'cli', f), readFileSync(path.join(dist, f)));
      writeFileSync(path.join(away, 'package.json'), '{"type":"module"}');
      const env = cleanEnv({ ...sandbox.env, XDG_CACHE_HOME: path.join(work, 'cache-f'), NODE_OPTIONS: '' });
      const help = await run('node', [path.join(away, 'cli', 'cli.js'), '--help'], env);
      expect(help.code).toBe(0);
      expect(help.stderr + help.stdout).toMatch(/token/);
      const token = await run('node', [path.join(away, 'cli', 'cli.js'), 'token', '--profile', 'default', '--cluster', 'payments-prod'], env);
      expect(token.code, token.stderr).toBe(0);
      expect(tokenOf(token.stdout)).toMatch(/^k8s-aws-v1\./);
    } finally {
      rmSync(away, { recursive: true, force: true });
    }
  });

  it('serves a cache hit from its first stage alone: with the rest of the bundle refused, the hit still prints the token', async () => {
    // Refuses to run any file of dist/cli but the cache stage, through require() or import.
    const refuse = path.join(work, 'no-bundle.cjs');
    writeFileSync(
      refuse,
      [
        "const Module = require('node:module');",
        'const load = Module._load;',
        "Module._load = function (request, ...rest) { if (request.includes('/dist/cli/') && !request.endsWith('/cached-token.cjs')) throw new Error('bundle loaded: ' + request); return load.call(this, request, ...rest); };",
        "Module.register('data:text/javascript,' + encodeURIComponent(\"export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes('/dist/cli/')) throw new Error('bundle loaded: ' + r.url); return r; }\"));",
      ].join('\n'),
    );
    const env = cleanEnv({ ...sandbox.env, XDG_CACHE_HOME: path.join(work, 'cache-g') });
    const args = ['token', '--profile', 'default', '--cluster', 'payments-prod'];
    const miss = await run(BIN, args, { ...env, NODE_OPTIONS: `--require ${refuse}` });
    expect(miss.stderr).toMatch(/bundle loaded: .*\/dist\/cli\/token-command\.cjs/);
    const first = await run(BIN, args, env);
    expect(first.code, first.stderr).toBe(0);
    const hit = await run(BIN, args, { ...env, NODE_OPTIONS: `--require ${refuse}` });
    expect(hit.code, hit.stderr).toBe(0);
    expect(tokenOf(hit.stdout)).toBe(tokenOf(first.stdout));
  });

  it('is what the installed command runs: no TypeScript loader is loaded', async () => {
    // A module hook that refuses tsx: the installed command must still start (it runs the bundle).
    const hook = path.join(work, 'no-tsx.mjs');
    const refuse = `export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes('/node_modules/tsx/')) throw new Error('tsx loaded: ' + r.url); return r; }`;
    writeFileSync(hook, `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(${JSON.stringify(refuse)}));\n`);
    const env = cleanEnv({ ...sandbox.env, NODE_OPTIONS: `--import ${hook}` });
    const control = await run('node', ['--input-type=module', '-e', "await import('tsx/esm/api')"], { ...env, PWD: process.cwd() });
    expect(control.code).not.toBe(0);
    expect(control.stderr).toMatch(/tsx loaded/);
    const help = await run(BIN, ['--help'], env);
    expect(help.code, help.stderr).toBe(0);
    const token = await run(BIN, ['token', '--profile', 'default', '--cluster', 'payments-prod', '--no-cache'], env);
    expect(token.code, token.stderr).toBe(0);
  });
});
