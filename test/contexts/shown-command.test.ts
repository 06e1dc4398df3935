// The card's "How kubectl gets its credentials" command, run as shown in a terminal (a POSIX shell with the demo's
// environment, as after `. <env file>`), makes a token for the same identity kubectl's own run of it does: the exec
// block's AWS_PROFILE comes with it. Checked with the real aws CLI and kubectl against the demo sandbox.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listContexts } from '../../electron/contexts/service.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { sandboxEnv } from '../app/support.js';

const run = promisify(execFile);
const CHECKOUT = 'arn:aws:eks:eu-west-1:111122223333:cluster/checkout-prod';

describe('the credential command a context card shows', () => {
  let sandbox: SandboxHandle;
  let env: Record<string, string>;

  beforeAll(async () => {
    sandbox = await startSandbox(join(process.cwd(), 'sandbox', 'scenarios', 'demo.yaml'));
    env = sandboxEnv(sandbox.env) as Record<string, string>;
  }, 60_000);
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('run as shown, signs in as the profile kubectl runs it with (bob), not as the terminal’s default', async () => {
    expect.hasAssertions();
    const list = await listContexts({ env, diagnose: () => Promise.reject(new Error('not asked')) }, { check: false });
    const card = list.contexts.find((c) => c.name === CHECKOUT)!;
    expect(card.credential.profile).toBe('bob');
    expect(card.credential.command).toBe('AWS_PROFILE=bob aws --region eu-west-1 eks get-token --cluster-name checkout-prod --output json');
    // As the user would paste it into a shell (a test, not the app: the app never runs a shell).
    const { stdout } = await run('sh', ['-c', card.credential.command!], { env, timeout: 60_000 });
    const token = (JSON.parse(stdout) as { status: { token: string } }).status.token;
    const whoami = await run('kubectl', ['auth', 'whoami', '--context', CHECKOUT, '--token', token], { env, timeout: 60_000 });
    expect(whoami.stdout).toContain('arn:aws:iam::111122223333:user/bob');
  }, 120_000);
});
