// The diagnosis channels through the contract (dispatch: validation, handler, envelope) on the stale-kubeconfig
// sandbox: the view model, the plan kept in the main process, the refusal after a concurrent edit, apply with
// re-probe and the real kubectl, undo to the exact bytes, the report — and nothing secret in any answer.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/app-context.js';
import { UnknownProfileError } from '../../electron/common/unknown-profile.js';
import { diagnose } from '../../electron/diagnose/diagnose.js';
import { dispatch } from '../../electron/dispatch.js';
import type { RestorePreview } from '../../shared/backup-types.js';
import type { DiagnosisView, KubeconfigApplyResult, KubeconfigPlanResult, ReportExportResult } from '../../shared/diagnosis-types.js';
import { loadScenarioFile, startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { sandboxEnv, tempAwsHome } from '../app/support.js';

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/events';

describe('diagnosis channels: validation without a sandbox', () => {
  const { env } = tempAwsHome({ config: '[profile dev]\nregion = us-east-1\n' });
  const context = createAppContext({ env, mode: 'cli' });
  const call = (name: string, req: unknown) => dispatch(context.handlers, name, req);

  it('names the offending field', async () => {
    expect(await call('diagnosis.run', { profile: 'dev', clusterArn: 'events' })).toEqual({
      ok: false, error: { code: 'INVALID_REQUEST', message: 'invalid request for diagnosis.run: clusterArn: clusterArn must be an EKS cluster ARN' },
    });
    expect(await call('kubeconfig.plan', { profile: 'dev', clusterArn: ARN, roleArn: 'arn:aws:iam::111122223333:user/x' })).toMatchObject({
      ok: false, error: { message: 'invalid request for kubeconfig.plan: roleArn: roleArn must be an IAM role ARN' },
    });
    expect(await call('kubeconfig.apply', { planId: 'nope' })).toMatchObject({ ok: false, error: { message: 'invalid request for kubeconfig.apply: planId: planId must be the id the app returned' } });
    expect(await call('kubeconfig.plan', { profile: 'dev', clusterArn: ARN, alias: 'has space' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('answers unknown ids and profiles with clear codes', async () => {
    expect(await call('kubeconfig.apply', { planId: 'abcdefghijkl' })).toEqual({
      ok: false, error: { code: 'UNKNOWN_PLAN', message: 'This preview is no longer available — open the fix again for a new preview' },
    });
    expect(await call('kubeconfig.undo', { undoId: 'abcdefghijkl' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_UNDO' } });
    expect(await call('kubeconfig.plan', { profile: 'ghost', clusterArn: ARN })).toMatchObject({ ok: false, error: { code: 'PROFILE_NOT_FOUND' } });
    expect(await call('diagnosis.run', { profile: 'ghost', clusterArn: ARN })).toMatchObject({ ok: false, error: { code: 'PROFILE_NOT_FOUND' } });
  });

  it('an unknown profile is the one UnknownProfileError, in its one wording, from the diagnosis and the kubeconfig plan alike', async () => {
    await expect(diagnose({ profile: 'ghost', cluster: 'events' }, { env })).rejects.toBeInstanceOf(UnknownProfileError);
    const wording = `no profile named "ghost" in ${join(env.HOME!, '.aws', 'config')} or ${join(env.HOME!, '.aws', 'credentials')}`;
    expect(await call('diagnosis.run', { profile: 'ghost', clusterArn: ARN })).toEqual({ ok: false, error: { code: 'PROFILE_NOT_FOUND', message: wording } });
    expect(await call('kubeconfig.plan', { profile: 'ghost', clusterArn: ARN })).toEqual({ ok: false, error: { code: 'PROFILE_NOT_FOUND', message: wording } });
  });
});

describe('diagnosis channels on the stale-kubeconfig sandbox', () => {
  let sandbox: SandboxHandle;
  let app: AppContext;
  let secrets: string[];
  const answers: string[] = [];
  const call = async <T,>(name: string, req: unknown): Promise<T> => {
    const r = await dispatch(app.handlers, name, req);
    answers.push(JSON.stringify(r));
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.result as T;
  };
  const kubeconfig = () => join(sandbox.env.HOME!, '.kube', 'config');

  beforeAll(async () => {
    sandbox = await startSandbox(loadScenarioFile(join(process.cwd(), 'sandbox', 'scenarios', 'stale-kubeconfig.yaml')));
    app = createAppContext({ env: sandboxEnv(sandbox.env), mode: 'cli' });
    await call('matrix.start', {});
    for (let i = 0; i < 600 && app.matrix.state().running; i++) await new Promise((r) => setTimeout(r, 50));
    const w = sandbox.world as unknown as { principals: Map<string, { accessKeys?: { secret: string }[] }>; sessions: Map<string, { secret: string; sessionToken: string }> };
    secrets = [...w.principals.values()].flatMap((p) => (p.accessKeys ?? []).map((k) => k.secret));
    for (const s of w.sessions.values()) secrets.push(s.secret, s.sessionToken);
  }, 120_000);
  afterAll(async () => {
    app?.close();
    await sandbox?.stop();
  });

  it('diagnosis.run returns the view model: headline, both sides, evidence, a one-click fix', async () => {
    const v = await call<DiagnosisView>('diagnosis.run', { profile: 'ivan', clusterArn: ARN });
    expect(v.diagnosis.causes[0]!.code).toBe('KUBECONFIG_STALE');
    expect(v.diagnosis.causes[0]!.explanation.length).toBeGreaterThan(20);
    expect(v.app).toMatchObject({ profile: 'ivan', identityArn: 'arn:aws:iam::111122223333:user/ivan', outcome: 'ADMIN' });
    expect(v.kubectl).toMatchObject({ context: ARN, isCurrent: true, arn: 'arn:aws:iam::111122223333:user/ivan', via: 'exec', envOverrides: [] });
    expect(v.kubectl.exec).toBe('aws --region us-east-1 eks get-token --cluster-name events --output json');
    expect(v.arnsDiffer).toBe(false);
    expect(v.evidenceLines.map((s) => s.title)).toEqual(expect.arrayContaining(['The profile', 'The cluster (DescribeCluster)', 'kubectl']));
    const fix = v.diagnosis.fixes.find((f) => f.kubeconfig);
    expect(fix?.kubeconfig).toEqual({ profile: 'ivan', pinProfile: false });
  }, 60_000);

  it('refuses a plan whose file changed, applies a fresh one with re-probe and kubectl, and undoes to the exact bytes', async () => {
    const original = readFileSync(kubeconfig());
    const first = await call<KubeconfigPlanResult>('kubeconfig.plan', { profile: 'ivan', clusterArn: ARN });
    expect(first.view).toMatchObject({ contextName: ARN, updatingExisting: true, changed: true, target: kubeconfig() });
    expect(first.view.diff).toMatch(/^\+ {4}server: https:\/\/127\.0\.0\.1:\d+$/m);
    expect(first.view.diff).toMatch(/^\+ {4}certificate-authority-data: \*{4}$/m);
    writeFileSync(kubeconfig(), Buffer.concat([original, Buffer.from('# touched\n')]));
    const refused = await dispatch(app.handlers, 'kubeconfig.apply', { planId: first.planId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'KUBECONFIG_CHANGED' } });
    expect(!refused.ok && refused.error.message).toMatch(/^Your kubeconfig changed since the preview — review the new preview/);
    // The refused plan is gone: a new preview is needed.
    expect(await dispatch(app.handlers, 'kubeconfig.apply', { planId: first.planId })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PLAN' } });
    writeFileSync(kubeconfig(), original);

    const plan = await call<KubeconfigPlanResult>('kubeconfig.plan', { profile: 'ivan', clusterArn: ARN });
    const applied = await call<KubeconfigApplyResult>('kubeconfig.apply', { planId: plan.planId });
    expect(applied.message).toBe(`Updated context ${ARN} in ${kubeconfig()}`);
    expect(applied.backupPath).toMatch(/\.eks-doctor-backup-\d{8}T\d{6}Z$/);
    expect(readFileSync(applied.backupPath!).equals(original)).toBe(true);
    expect(applied.reprobe).toMatchObject({ outcome: 'ADMIN', username: 'arn:aws:iam::111122223333:user/ivan' });
    expect(applied.kubectl?.exitCode, applied.kubectl?.stderr).toBe(0);
    expect(applied.kubectl?.command).toBe(`kubectl get svc --context ${ARN} --request-timeout=40s`);
    expect(applied.kubectl?.stdout).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nkubernetes\s+ClusterIP\s+\S+\s+<none>\s+443\/TCP/);
    expect(readFileSync(kubeconfig()).equals(original)).toBe(false);
    // The write's backup record, which outlives this run: backups.preview shows taking it back.
    const record = await call<RestorePreview>('backups.preview', { backupId: applied.backupId });
    expect(record).toMatchObject({ kind: 'kubeconfig', problems: [], steps: [{ title: `Write ${kubeconfig()} back as it was before, from backup ${applied.backupId} (a copy of the previous file is at ${applied.backupPath})` }] });

    const undone = await call<{ message: string }>('kubeconfig.undo', { undoId: applied.undoId });
    expect(undone.message).toBe(`Restored ${kubeconfig()} from backup ${applied.backupId} (a copy of the previous file is at ${applied.backupPath})`);
    expect(readFileSync(kubeconfig()).equals(original)).toBe(true);
    expect(await dispatch(app.handlers, 'kubeconfig.undo', { undoId: applied.undoId })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_UNDO' } });
  }, 120_000);

  it('report.export gives the Markdown report; no answer carries a secret', async () => {
    const r = await call<ReportExportResult>('report.export', { profile: 'ivan', clusterArn: ARN });
    expect(r.mimeType).toBe('text/markdown');
    expect(r.filename).toMatch(/^eks-diagnosis-ivan-events-\d{8}T\d{6}Z\.md$/);
    expect(r.content).toContain('(`KUBECONFIG_STALE`)');
    expect(secrets.length).toBeGreaterThan(0);
    for (const a of answers) {
      for (const s of secrets) expect(a).not.toContain(s);
      expect(a).not.toMatch(/k8s-aws-v1\.[A-Za-z0-9_-]{20,}/);
    }
  }, 60_000);

  it('a report asked for while the cell is diagnosed again holds the new answer, not the one before the change', async () => {
    const plan = await call<KubeconfigPlanResult>('kubeconfig.plan', { profile: 'ivan', clusterArn: ARN });
    const applied = await call<KubeconfigApplyResult>('kubeconfig.apply', { planId: plan.planId, verify: false });
    try {
      const again = call<DiagnosisView>('diagnosis.run', { profile: 'ivan', clusterArn: ARN });
      const r = await call<ReportExportResult>('report.export', { profile: 'ivan', clusterArn: ARN });
      expect((await again).diagnosis.causes[0]!.code).toBe('OK');
      expect(r.content).toContain('(`OK`)');
      expect(r.content).not.toContain('KUBECONFIG_STALE');
    } finally {
      await call('kubeconfig.undo', { undoId: applied.undoId });
    }
  }, 60_000);
});
