// How the app runs an exec plugin, checked against the real kubectl running the same small plugins from the
// same kubeconfig: the environment the plugin gets, and kubectl's own words for each way the plugin fails.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { kubectlIdentity } from '../../electron/diagnose/kubectl-identity.js';
import { cleanEnv, run } from '../helpers/run.js';

let dir: string;
let kubeconfig: string;
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/';

const plugins: Record<string, string> = {
  // Records what it was given, then fails noisily (with a secret on stderr).
  'record.sh': `#!/bin/sh\nprintf '%s|%s|%s' "$KUBERNETES_EXEC_INFO" "$AWS_PROFILE" "$FROM_SHELL" > "$OUT"\necho "aws_secret_access_key = ${SECRET}" >&2\necho "token k8s-aws-v1.aHR0cHM6Ly9zdHMuYW1hem9uYXdzLmNvbS8_QWN0aW9u" >&2\nexit 3\n`,
  'wrong-version.sh': `#!/bin/sh\necho '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"x"}}'\n`,
  'not-json.sh': '#!/bin/sh\necho not json\n',
  'slow.sh': '#!/bin/sh\nexec sleep 10\n',
  'not-eks.sh': `#!/bin/sh\necho '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"abc.def"}}'\n`,
};

type UserFields = Record<string, unknown>;
const exec = (command: string, extra: Record<string, unknown> = {}): UserFields => ({
  exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command, ...extra },
});
const users: Record<string, UserFields> = {
  record: exec('./record.sh', { env: [{ name: 'AWS_PROFILE', value: 'from-exec-env' }] }),
  'wrong-version': exec('./wrong-version.sh'),
  'not-json': exec('./not-json.sh'),
  slow: exec('./slow.sh'),
  'not-eks': exec('./not-eks.sh'),
  missing: exec('aws-plugin-not-installed'),
  'v1-no-mode': { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: './not-json.sh' } },
  'bad-mode': exec('./not-json.sh', { interactiveMode: 'Sometimes' }),
  token: { token: 'static-bearer-token-value' },
  cert: { 'client-certificate-data': 'LS0t', 'client-key-data': 'LS0t' },
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'exec-plugins-'));
  for (const [name, text] of Object.entries(plugins)) {
    writeFileSync(path.join(dir, name), text);
    chmodSync(path.join(dir, name), 0o755);
  }
  const names = Object.keys(users);
  kubeconfig = path.join(dir, 'config');
  writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      // A closed port: kubectl asks the plugin for credentials before it dials.
      clusters: names.map((n) => ({ name: ARN + n, cluster: { server: 'https://127.0.0.1:1', 'insecure-skip-tls-verify': true } })),
      users: names.map((n) => ({ name: n, user: users[n] })),
      contexts: names.map((n) => ({ name: ARN + n, context: { cluster: ARN + n, user: n } })),
      'current-context': ARN + 'record',
    }),
  );
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function userEnv(extra: Record<string, string> = {}): Record<string, string> {
  return cleanEnv({ HOME: dir, KUBECONFIG: kubeconfig, AWS_PROFILE: 'from-shell', FROM_SHELL: 'yes', ...extra });
}

const identity = (name: string, env = userEnv(), timeoutMs?: number) =>
  kubectlIdentity({ env, cluster: { name, arn: ARN + name }, ...(timeoutMs ? { timeoutMs } : {}) });

/** kubectl's own message: what follows "getting credentials: " or "error: ". */
async function kubectlSays(name: string, env = userEnv()): Promise<string> {
  // Run from another folder: a relative plugin path must resolve against the kubeconfig, not the cwd.
  const r = await run('kubectl', ['--context', ARN + name, 'get', 'svc', '--request-timeout=5s'], env, 30_000);
  expect(r.code).not.toBe(0);
  const m = /getting credentials: (.*)$/m.exec(r.stderr.split('\n').reverse().join('\n')) ?? /^error: (.*)$/im.exec(r.stderr);
  expect(m, r.stderr).not.toBeNull();
  return m![1]!.trim();
}

describe('running the exec plugin as kubectl does', () => {
  it('gives the plugin the same environment and KUBERNETES_EXEC_INFO, byte for byte', async () => {
    const ours = await identity('record', userEnv({ OUT: path.join(dir, 'ours.txt') }));
    await kubectlSays('record', userEnv({ OUT: path.join(dir, 'kubectl.txt') }));
    const kubectlSaw = readFileSync(path.join(dir, 'kubectl.txt'), 'utf8');
    expect(readFileSync(path.join(dir, 'ours.txt'), 'utf8')).toBe(kubectlSaw);
    expect(kubectlSaw).toContain('|from-exec-env|yes');
    expect(ours.exec?.env).toEqual([{ name: 'AWS_PROFILE', value: 'from-exec-env' }]);
  });

  it('a failing plugin: exec-failed in kubectl words, stderr kept with secrets redacted', async () => {
    const ours = await identity('record', userEnv({ OUT: path.join(dir, 'x.txt') }));
    expect(ours.failure?.kind).toBe('exec-failed');
    expect(ours.failure?.message).toBe(await kubectlSays('record', userEnv({ OUT: path.join(dir, 'y.txt') })));
    expect(ours.failure?.stderr).toContain('aws_secret_access_key = ****');
    expect(JSON.stringify(ours)).not.toContain(SECRET);
    expect(JSON.stringify(ours)).not.toContain('aHR0cHM6Ly9zdHMu');
  });

  it('output with another apiVersion: bad-output in kubectl words', async () => {
    const ours = await identity('wrong-version');
    expect(ours.failure?.kind).toBe('bad-output');
    expect(ours.failure?.message).toBe(await kubectlSays('wrong-version'));
  });

  it('output that is not JSON, or a token that is not an EKS token: bad-output', async () => {
    expect((await identity('not-json')).failure?.kind).toBe('bad-output');
    await kubectlSays('not-json');
    const notEks = await identity('not-eks');
    expect(notEks.failure).toMatchObject({ kind: 'bad-output', message: expect.stringContaining('not an EKS IAM token') });
  });

  it('a plugin that is not installed: exec-missing, starting with kubectl words', async () => {
    const ours = await identity('missing');
    expect(ours.failure?.kind).toBe('exec-missing');
    expect(ours.failure?.message.startsWith(await kubectlSays('missing'))).toBe(true);
  });

  it('a plugin that hangs is stopped at the timeout', async () => {
    const started = Date.now();
    const ours = await identity('slow', userEnv(), 500);
    expect(ours.failure?.kind).toBe('exec-failed');
    expect(ours.failure?.message).toMatch(/did not finish within/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('exec blocks kubectl rejects before running them: invalid-exec-config in kubectl words', async () => {
    for (const name of ['v1-no-mode', 'bad-mode']) {
      const ours = await identity(name);
      expect(ours.failure?.kind).toBe('invalid-exec-config');
      expect(ours.failure?.message).toBe(await kubectlSays(name));
    }
  });

  it('a static token or a client certificate is reported as not-exec, without the token', async () => {
    const token = await identity('token');
    expect(token).toMatchObject({ via: 'token', failure: { kind: 'not-exec' } });
    expect(JSON.stringify(token)).not.toContain('static-bearer-token-value');
    expect(await identity('cert')).toMatchObject({ via: 'client-certificate', failure: { kind: 'not-exec' } });
  });

  it('a malformed kubeconfig: kubeconfig-invalid naming file and line', async () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'apiVersion: v1\nusers:\n- name: x\n\tuser: {}\n');
    const ours = await kubectlIdentity({ env: userEnv({ KUBECONFIG: `${kubeconfig}:${bad}` }), cluster: { name: 'record', arn: ARN + 'record' } });
    expect(ours.failure?.kind).toBe('kubeconfig-invalid');
    expect(ours.failure?.message).toContain(`${bad}:4: malformed YAML`);
  });
});
