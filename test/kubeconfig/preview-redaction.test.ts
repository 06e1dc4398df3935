// Short secrets in a kubeconfig's exec block (env values, args after a secret flag) never show in a preview: not in
// `update-kubeconfig --dry-run` (text and --json) and not in the app's kubeconfig preview — run against the sandbox.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/app-context.js';
import { runCli } from '../../electron/cli.js';
import { dispatch } from '../../electron/dispatch.js';
import type { KubeconfigPlanResult } from '../../shared/diagnosis-types.js';
import { MASK } from '../../shared/redact.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { sandboxEnv } from '../app/support.js';

let sandbox: SandboxHandle;
let arn: string;
let file: string;

const SHORT_SECRETS = { AWS_SECRET_ACCESS_KEY: 'sk-short1', AWS_SESSION_TOKEN: 'st-short2', VAULT_TOKEN: 's.vt3', DB_PASSWORD: 'pw-4', SIGNING_KEY: 'k5' };
const ARG_SECRETS = ['tok-arg6', 'sec-arg7'];

/** A kubeconfig whose entry for web-prod is an old one: its exec block carries short secrets the update replaces. */
function kubeconfigWithSecrets(server: string, ca: string): string {
  const env = Object.entries(SHORT_SECRETS).map(([name, value]) => `      - name: ${name}\n        value: ${value}\n`).join('');
  return [
    'apiVersion: v1', 'kind: Config', 'preferences: {}', `current-context: ${arn}`,
    'clusters:', '- cluster:', `    server: ${server}`, `    certificate-authority-data: ${ca}`, `  name: ${arn}`,
    'contexts:', '- context:', `    cluster: ${arn}`, `    user: ${arn}`, `  name: ${arn}`,
    'users:', `- name: ${arn}`, '  user:', '    exec:', '      apiVersion: client.authentication.k8s.io/v1alpha1', '      command: vault-aws-helper',
    '      args:', '      - --token', `      - ${ARG_SECRETS[0]}`, `      - --client-secret=${ARG_SECRETS[1]}`, '      - --region', '      - us-east-1',
    '      env:', '      - name: AWS_PROFILE', '        value: julia',
  ].join('\n') + `\n${env}`;
}

function expectMasked(out: string): void {
  for (const secret of [...Object.values(SHORT_SECRETS), ...ARG_SECRETS]) expect(out, secret).not.toContain(secret);
  expect(out).toMatch(new RegExp(`^-\\s+value: \\*{4}$`, 'm'));
  expect(out).toContain(`- --client-secret=${MASK}`);
  expect(out).toMatch(/^-\s+- --token\n-\s+- \*{4}$/m);
  // Names and harmless values still show, so the user can read what changes.
  expect(out).toMatch(/^-\s+- name: VAULT_TOKEN$/m);
  expect(out).toMatch(/^[- ]\s+value: julia$/m);
}

beforeAll(async () => {
  sandbox = await startSandbox('sandbox/scenarios/no-kubeconfig-entry.yaml');
  const c = sandbox.world.clusters.find((x) => x.name === 'web-prod')!;
  arn = c.arn;
  file = path.join(sandbox.env.HOME!, '.kube', 'config');
  writeFileSync(file, kubeconfigWithSecrets(c.endpoint, c.caData));
});

afterAll(async () => {
  await sandbox?.stop();
});

describe('kubeconfig previews', () => {
  const cli = async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { env: sandboxEnv({ ...sandbox.env, KUBECONFIG: file }), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  };

  it('update-kubeconfig --dry-run masks short exec env values and args, and writes nothing', async () => {
    const before = readFileSync(file, 'utf8');
    const r = await cli(['update-kubeconfig', '--profile', 'julia', '--cluster', 'web-prod', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`(dry run: would print "Updated context ${arn} in ${file}")`);
    expectMasked(r.stdout);
    const json = await cli(['update-kubeconfig', '--profile', 'julia', '--cluster', 'web-prod', '--dry-run', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expectMasked(JSON.parse(json.stdout).diff);
    expect(readFileSync(file, 'utf8')).toBe(before);
  }, 60_000);

  it("the app's kubeconfig preview masks them too", async () => {
    const app = createAppContext({ env: sandboxEnv({ ...sandbox.env, KUBECONFIG: file }), mode: 'cli' });
    try {
      const r = await dispatch(app.handlers, 'kubeconfig.plan', { profile: 'julia', clusterArn: arn });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      const view = (r as { result: KubeconfigPlanResult }).result.view;
      expect(view.updatingExisting).toBe(true);
      expectMasked(view.diff);
      expectMasked(JSON.stringify(r).replace(/\\n/g, '\n'));
    } finally {
      app.close();
    }
  }, 60_000);
});
