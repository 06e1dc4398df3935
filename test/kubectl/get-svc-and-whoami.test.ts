// The kubectl runner with the real kubectl against the sandbox, through a kubeconfig holding pasted tokens (no aws
// CLI in the way): `get svc` and `auth whoami` where the token is let in, kubectl's 401 line where it is not, a
// kubectl that is not installed, and a kubectl that never answers, stopped at its deadline.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlGetSvc } from '../../electron/kubectl/get-svc.js';
import { kubectlWhoami, sameIdentity } from '../../electron/kubectl/whoami.js';
import { parseScenario, startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { hangingHelper } from '../helpers/hanging-helper.js';
import { cleanEnv } from '../helpers/run.js';

const ALICE = 'arn:aws:iam::111122223333:user/alice';
const WEB = 'arn:aws:eks:us-east-1:111122223333:cluster/web';
const API = 'arn:aws:eks:us-east-1:111122223333:cluster/api';

// Alice's pasted token for web (she created it); Bob's for api, where nothing maps him.
const SCENARIO = parseScenario(`
name: kubectl-runner
accounts:
  - id: "111122223333"
    users: [{ name: alice }, { name: bob }]
profiles:
  - { name: alice, user: alice, region: us-east-1 }
  - { name: bob, user: bob, region: us-east-1 }
clusters:
  - { name: web, account: "111122223333", region: us-east-1, creator: alice, namespaces: { default: [kubernetes, shop] } }
  - { name: api, account: "111122223333", region: us-east-1, creator: alice }
kubeconfig:
  - { cluster: web, profile: alice, style: token }
  - { cluster: api, profile: bob, style: token }
`);

describe('kubectl get svc / auth whoami, the real kubectl', () => {
  let sandbox: SandboxHandle;
  let env: Record<string, string>;

  beforeAll(async () => {
    sandbox = await startSandbox(SCENARIO);
    env = cleanEnv(sandbox.env);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('where the token is let in: the services, and the IAM identity the cluster saw', async () => {
    const [svc, who] = await Promise.all([kubectlGetSvc({ env, context: WEB }), kubectlWhoami({ env, context: WEB })]);
    expect(svc).toMatchObject({ exitCode: 0, command: `kubectl get svc --context ${WEB} --request-timeout=40s` });
    expect(svc!.stdout).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP/);
    expect(svc!.stdout).toMatch(/^shop\s/m);
    expect(who).toMatchObject({ username: 'kubernetes-admin', arn: ALICE });
    expect(who!.error).toBeUndefined();
    expect(sameIdentity(who!, ALICE)).toBe(true);
    expect(sameIdentity(who!, 'arn:aws:iam::111122223333:user/bob')).toBe(false);
  });

  it("where it is not: kubectl's 401 line, and no identity", async () => {
    const [svc, who] = await Promise.all([kubectlGetSvc({ env, context: API }), kubectlWhoami({ env, context: API })]);
    expect(svc!.exitCode).not.toBe(0);
    // A pasted token refused: kubectl's words for a 401 (get svc passes through discovery first).
    expect(svc!.stderr).toMatch(/^error: You must be logged in to the server \(the server has asked for the client to provide credentials\)$/m);
    expect(who).toEqual({ command: `kubectl auth whoami --context ${API} -o json --request-timeout=40s`, error: 'error: You must be logged in to the server (Unauthorized)' });
    expect(sameIdentity(who!, ALICE)).toBeUndefined();
  });

  it('no kubectl: undefined, not an error; a kubectl that never answers is stopped at its deadline and says so', async () => {
    expect(await kubectlGetSvc({ env, context: WEB, kubectl: '/nonexistent/kubectl' })).toBeUndefined();
    expect(await kubectlWhoami({ env, context: WEB, kubectl: '/nonexistent/kubectl' })).toBeUndefined();
    const stuck = hangingHelper('kubectl');
    const t0 = Date.now();
    const svc = await kubectlGetSvc({ env, context: WEB, kubectl: stuck.script, timeoutMs: 1000 });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(svc).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('(kubectl did not finish within 1 s and was stopped)') });
    rmSync(stuck.dir, { recursive: true, force: true });
  });
});
