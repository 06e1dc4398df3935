// update-kubeconfig --assume-role-arn: DescribeCluster runs as the role (update_kubeconfig.py: sts.assume_role with
// RoleSessionName EKSDescribeClusterSession), so a profile the role does not trust is refused before any write.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUpdateKubeconfig } from '../../electron/cli/update-kubeconfig.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { cleanEnv } from '../helpers/run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const ROLE = 'arn:aws:iam::111122223333:role/Developer';
let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox('sandbox/scenarios/healthy.yaml');
});
afterAll(async () => {
  await sandbox?.stop();
});

describe('update-kubeconfig --assume-role-arn', () => {
  it('describes the cluster as the role: a trusted profile writes, another is refused by STS', async () => {
    const env = cleanEnv(sandbox.env);
    const file = path.join(sandbox.stateDir, 'assume-kubeconfig');
    const backupDir = path.join(sandbox.stateDir, 'backups');
    const refused = await runUpdateKubeconfig(['--profile', 'default', '--cluster', 'payments-prod', '--assume-role-arn', ROLE, '--kubeconfig', file], { env, backupDir });
    expect(refused).toMatchObject({ exitCode: 1, stdout: '' });
    expect(refused.stderr).toBe(`error: AccessDenied: User: arn:aws:iam::111122223333:user/alice is not authorized to perform: sts:AssumeRole on resource: ${ROLE}\n`);
    const written = await runUpdateKubeconfig(['--profile', 'bob', '--cluster', 'payments-prod', '--assume-role-arn', ROLE, '--kubeconfig', file], { env, backupDir });
    expect(written.exitCode, written.stderr).toBe(0);
    expect(written.stdout).toMatch(/^Added new context arn:aws:eks:us-east-1:111122223333:cluster\/payments-prod to /);
  });
});
