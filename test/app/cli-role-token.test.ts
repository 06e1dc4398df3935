// The installed command (the bundle in dist/cli) assumes roles: the modules it loads on demand for a role must
// give it the STS client's commands as the source does. One sandbox; each command runs the bin as a user would.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { cleanEnv, run } from '../helpers/run.js';

const BIN = path.resolve(__dirname, '../../bin/eks-access-doctor.cjs');
const DEVELOPER = 'arn:aws:iam::111122223333:role/Developer';

let sandbox: SandboxHandle;
let work: string;
let env: Record<string, string>;
beforeAll(async () => {
  sandbox = await startSandbox(path.resolve(__dirname, '../../sandbox/scenarios/healthy.yaml'));
  work = mkdtempSync(path.join(tmpdir(), 'cli-role-'));
  env = cleanEnv({ ...sandbox.env, XDG_CACHE_HOME: path.join(work, 'cache'), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
});
afterAll(async () => {
  await sandbox?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** The presigned URL inside an EKS token. */
function urlOf(token: string): URL {
  return new URL(Buffer.from(token.replace(/^k8s-aws-v1\./, ''), 'base64url').toString('utf8'));
}

describe('the bundled CLI with roles', () => {
  it('token --role-arn signs with the assumed role\'s session', async () => {
    const r = await run(BIN, ['token', '--profile', 'bob', '--cluster', 'payments-prod', '--role-arn', DEVELOPER, '--no-cache'], env);
    expect(r.code, r.stderr).toBe(0);
    const url = urlOf(JSON.parse(r.stdout).status.token);
    // A role session's keys come with a session token; bob's own keys do not.
    expect(url.searchParams.get('X-Amz-Security-Token')).toBeTruthy();
  });

  it('token for a profile with role_arn and source_profile', async () => {
    const r = await run(BIN, ['token', '--profile', 'developer', '--cluster', 'payments-prod', '--no-cache'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(urlOf(JSON.parse(r.stdout).status.token).searchParams.get('X-Amz-Security-Token')).toBeTruthy();
  });

  it('update-kubeconfig --assume-role-arn describes the cluster as the role', async () => {
    const kubeconfig = path.join(work, 'kubeconfig');
    const r = await run(BIN, ['update-kubeconfig', '--profile', 'bob', '--cluster', 'payments-prod', '--assume-role-arn', DEVELOPER, '--role-arn', DEVELOPER, '--kubeconfig', kubeconfig], env);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(kubeconfig, 'utf8')).toContain(DEVELOPER);
  });
});
