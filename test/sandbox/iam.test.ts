// IAM ListAccountAliases on the sandbox, asked by the real aws CLI: the alias when the policy allows it,
// IAM's AccessDenied when it does not.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { parseScenario } from '../../sandbox/scenario/load.js';

const exec = promisify(execFile);

const SCENARIO = `
name: iam-aliases
accounts:
  - id: "111122223333"
    alias: acme-prod
    users:
      - name: alice
      - name: auditor
        allow: ["sts:GetCallerIdentity"]
profiles:
  - name: default
    user: alice
    region: eu-west-1
  - name: auditor
    user: auditor
    region: eu-west-1
clusters: []
`;

describe('IAM ListAccountAliases (aws CLI against the sandbox)', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox(parseScenario(SCENARIO));
  });
  afterAll(() => sandbox?.stop());

  const aws = (profile: string) =>
    exec('aws', ['iam', 'list-account-aliases', '--profile', profile, '--output', 'json'], { env: { PATH: process.env.PATH, ...sandbox.env } as NodeJS.ProcessEnv, timeout: 30_000 });

  it('answers the account alias to a caller the policy allows, and AccessDenied to one it does not', async () => {
    const [allowed, denied] = await Promise.allSettled([aws('default'), aws('auditor')]);
    expect(allowed.status === 'fulfilled' && JSON.parse(allowed.value.stdout)).toEqual({ AccountAliases: ['acme-prod'] });
    expect(denied.status).toBe('rejected');
    expect((denied as PromiseRejectedResult).reason.stderr).toContain(
      'An error occurred (AccessDenied) when calling the ListAccountAliases operation: User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: iam:ListAccountAliases on resource: *',
    );
  });
});
