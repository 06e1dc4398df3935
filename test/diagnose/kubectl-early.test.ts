// The diagnosis starts kubectl's exec plugin before the cluster is described (it runs alongside the scan), and
// keeps that early run only when it asked the context kubectl really uses for the described cluster.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startKubectlIdentity } from '../../electron/diagnose/kubectl-early.js';
import { cleanEnv } from '../helpers/run.js';

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/prod';
const OTHER_ACCOUNT_ARN = 'arn:aws:eks:us-east-1:444455556666:cluster/prod';
const EXEC = { apiVersion: 'client.authentication.k8s.io/v1beta1' };
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kubectl-early-'));
  // Each plugin appends its process id to a file named after it, then prints what is not an ExecCredential.
  for (const [name, body] of [['quick', 'echo not json'], ['slow', 'exec sleep 30']]) {
    writeFileSync(path.join(dir, `${name}.sh`), `#!/bin/sh\necho $$ >> "${path.join(dir, `${name}.ran`)}"\n${body}\n`);
    chmodSync(path.join(dir, `${name}.sh`), 0o755);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function kubeconfig(file: string, config: object): Record<string, string> {
  writeFileSync(path.join(dir, file), stringify({ apiVersion: 'v1', kind: 'Config', ...config }));
  return cleanEnv({ HOME: dir, KUBECONFIG: path.join(dir, file) });
}
const ran = (name: string) => (existsSync(path.join(dir, `${name}.ran`)) ? readFileSync(path.join(dir, `${name}.ran`), 'utf8').trim().split('\n').map(Number) : []);
async function until(check: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !check(); ) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('kubectl identity started before the cluster is described', () => {
  it('runs the plugin of the context named by the cluster ARN at once, and that run is the answer (the plugin runs once)', async () => {
    const env = kubeconfig('one', {
      clusters: [{ name: ARN, cluster: { server: 'https://127.0.0.1:1' } }],
      users: [{ name: 'u', user: { exec: { ...EXEC, command: path.join(dir, 'quick.sh') } } }],
      contexts: [{ name: ARN, context: { cluster: ARN, user: 'u' } }],
    });
    const early = startKubectlIdentity({ env, cluster: 'prod', region: 'us-east-1' });
    await until(() => ran('quick').length === 1); // before anyone asked for it
    const identity = await early.identityFor({ name: 'prod', arn: ARN, endpoint: 'https://127.0.0.1:1' });
    early.cancel();
    expect(identity.context).toMatchObject({ name: ARN, matchedBy: 'context-name' });
    expect(identity.failure?.kind).toBe('bad-output');
    expect(ran('quick')).toHaveLength(1);
  });

  it('answers for the context kubectl really uses when the guess was another one, and ends the guessed plugin', async () => {
    rmSync(path.join(dir, 'quick.ran'), { force: true });
    // The ARN-named context is another account's cluster of the same name; kubectl's current context reaches the
    // described cluster by its endpoint.
    const env = kubeconfig('two', {
      clusters: [
        { name: OTHER_ACCOUNT_ARN, cluster: { server: 'https://other.example' } },
        { name: 'prod.us-east-1.eksctl.io', cluster: { server: 'https://prod.example' } },
      ],
      users: [
        { name: 'other', user: { exec: { ...EXEC, command: path.join(dir, 'slow.sh') } } },
        { name: 'mine', user: { exec: { ...EXEC, command: path.join(dir, 'quick.sh') } } },
      ],
      contexts: [
        { name: OTHER_ACCOUNT_ARN, context: { cluster: OTHER_ACCOUNT_ARN, user: 'other' } },
        { name: 'me@prod', context: { cluster: 'prod.us-east-1.eksctl.io', user: 'mine' } },
      ],
      'current-context': 'me@prod',
    });
    const early = startKubectlIdentity({ env, cluster: 'prod', region: 'us-east-1' });
    await until(() => ran('slow').length === 1);
    const identity = await early.identityFor({ name: 'prod', arn: ARN, endpoint: 'https://prod.example' });
    expect(identity.context).toMatchObject({ name: 'me@prod', matchedBy: 'current-context' });
    expect(identity.failure?.kind).toBe('bad-output');
    expect(ran('quick')).toHaveLength(1);
    await until(() => !alive(ran('slow')[0]!), 5000);
  });
});
