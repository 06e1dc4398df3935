// The kubeconfig fix for an IAM Identity Center identity that has no profile yet: the entry's exec names the profile,
// so the plan says it must be saved first, the write is refused until it is, and after the save (into the app's
// block of the AWS config) the same preview is written and the real kubectl signs in as that identity.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/app-context.js';
import { BEGIN_LINE, END_LINE } from '../../electron/identity-center/config-section.js';
import { dispatch } from '../../electron/dispatch.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import type { KubeconfigApplyResult, KubeconfigPlanResult } from '../../shared/diagnosis-types.js';
import { sandboxEnv } from '../app/support.js';
import { ACCOUNTS, identityCenterScenario, SESSION } from './scenario.js';

const NAME = 'acme-dev-EKSDeveloper';
const ARN = `arn:aws:eks:us-east-1:${ACCOUNTS.dev}:cluster/dev`;

let sandbox: SandboxHandle;
let app: AppContext;
beforeAll(async () => {
  sandbox = await startSandbox(identityCenterScenario());
  app = createAppContext({ env: sandboxEnv(sandbox.env), mode: 'cli' });
});
afterAll(async () => {
  app?.close();
  await sandbox?.stop();
});

const call = async <T,>(name: string, req: unknown): Promise<T> => {
  const r = await dispatch(app.handlers, name, req);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.result as T;
};

describe('a kubeconfig fix for an identity without a profile', () => {
  it('asks to save the profile first, refuses the write until then, and writes the same preview after the save', async () => {
    const configBefore = readFileSync(sandbox.env.AWS_CONFIG_FILE!, 'utf8');
    const kubeconfigBefore = readFileSync(sandbox.env.KUBECONFIG!, 'utf8');
    expect(configBefore).not.toContain(`[profile ${NAME}]`);

    const plan = await call<KubeconfigPlanResult>('kubeconfig.plan', { profile: NAME, clusterArn: ARN });
    expect(plan.needsSavedProfile).toEqual({ session: SESSION, identity: `${ACCOUNTS.dev}/EKSDeveloper`, name: NAME });
    expect(plan.view.changed).toBe(true);
    expect(plan.view.diff).toContain(`value: ${NAME}`);

    await expect(call('kubeconfig.apply', { planId: plan.planId })).rejects.toMatchObject({
      code: 'PROFILE_NOT_SAVED',
      message: `Save ${NAME} as a profile first: the kubeconfig entry runs aws with profile ${NAME}, which your AWS config does not have yet. Nothing was written.`,
    });
    expect(readFileSync(sandbox.env.KUBECONFIG!, 'utf8')).toBe(kubeconfigBefore);

    await call('identityCenter.save', { session: SESSION, identities: [plan.needsSavedProfile!.identity] });
    const config = readFileSync(sandbox.env.AWS_CONFIG_FILE!, 'utf8');
    expect(config.startsWith(configBefore)).toBe(true);
    const block = config.slice(config.indexOf(BEGIN_LINE), config.indexOf(END_LINE));
    expect(block).toContain(`[profile ${NAME}]\nsso_session = ${SESSION}\nsso_account_id = ${ACCOUNTS.dev}\nsso_role_name = EKSDeveloper\n`);

    // A saved profile is an ordinary one: its plan asks nothing more.
    expect((await call<KubeconfigPlanResult>('kubeconfig.plan', { profile: NAME, clusterArn: ARN })).needsSavedProfile).toBeUndefined();

    const applied = await call<KubeconfigApplyResult>('kubeconfig.apply', { planId: plan.planId });
    expect(readFileSync(sandbox.env.KUBECONFIG!, 'utf8')).toContain(`value: ${NAME}`);
    expect(applied.kubectl?.exitCode, applied.kubectl?.stderr).toBe(0);
    expect(applied.kubectl?.stdout).toContain('kubernetes');
  }, 60_000);
});
