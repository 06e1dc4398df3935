// Kubeconfig fixes through `fix`: update-kubeconfig (stale entry, v1alpha1 exec, no entry), pin-profile (AWS_*
// keys in the environment) and use-working-profile (kubectl presents an identity nothing maps). After `fix --yes`,
// the real `kubectl get svc` with the scenario's env and kubeconfig works.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';
import { openWorld, type FixWorld } from './fixture.js';

let w: FixWorld | undefined;
afterEach(async () => {
  await w?.sb.stop();
  w = undefined;
});

const CASES = [
  { scenario: 'stale-kubeconfig', profile: 'ivan', cluster: 'events', fixId: 'update-kubeconfig', before: 'unreachable' },
  { scenario: 'v1alpha1-exec', profile: 'kevin', cluster: 'legacy-batch', fixId: 'update-kubeconfig', before: 'exec-error' },
  { scenario: 'env-keys-override', profile: 'admin', cluster: 'platform-prod', fixId: 'pin-profile', before: 'unauthorized' },
  // kubectl uses "default", which nothing maps; the fix points the entry at the profile that gets in.
  { scenario: 'creator-wrong-profile', profile: 'default', cluster: 'orders-prod', fixId: 'use-working-profile', before: 'unauthorized' },
] as const;

describe('kubeconfig fixes against the sandbox', () => {
  for (const c of CASES) {
    it(`${c.scenario}: fix ${c.fixId} for ${c.profile} makes kubectl get svc work`, async () => {
      w = await openWorld(c.scenario);
      const kubeconfig = w.env.KUBECONFIG!;
      const before = await w.kubectlGetSvc();
      expect(before.outcome, before.stderr).toBe(c.before);

      // The preview writes nothing.
      const text = readFileSync(kubeconfig, 'utf8');
      const preview = await w.fix(['--profile', c.profile, '--cluster', c.cluster, '--fix', c.fixId]);
      expect(preview.exitCode, preview.stderr).toBe(0);
      expect(preview.stdout.trimEnd().split('\n').pop()).toBe('re-run with --yes to apply');
      expect(preview.stdout).toContain(`+++ ${kubeconfig}`);
      expect(readFileSync(kubeconfig, 'utf8')).toBe(text);

      const r = await w.fix(['--profile', c.profile, '--cluster', c.cluster, '--fix', c.fixId, '--yes', '--json']);
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.applied[0]).toMatchObject({ id: c.fixId, steps: [{ ok: true }] });
      expect(out.applied[0].steps[0].message).toMatch(/^Updated context .* in /);
      expect(out.kubectl.exitCode).toBe(0);
      expect(out.outcome).toBe('ADMIN');
      expect(readFileSync(out.backup, 'utf8')).toBe(text);
      if (c.fixId === 'pin-profile') expect(readFileSync(kubeconfig, 'utf8')).toMatch(/- --profile\n\s+- admin/);
      if (c.fixId === 'use-working-profile') expect(readFileSync(kubeconfig, 'utf8')).toMatch(/value: cluster-admin/);

      const after = await w.kubectlGetSvc();
      expect(after.outcome, after.stderr).toBe('ok');
    }, 180_000);
  }

  it('no-kubeconfig-entry: fix update-kubeconfig adds web-prod, and kubectl get svc reaches it', async () => {
    w = await openWorld('no-kubeconfig-entry');
    const arn = 'arn:aws:eks:us-east-1:111122223333:cluster/web-prod';
    const missing = await run('kubectl', ['get', 'svc', '--context', arn], w.env, 60_000);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('context was not found');

    const r = await w.fix(['--profile', 'julia', '--cluster', 'web-prod', '--fix', 'update-kubeconfig', '--yes', '--json']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).applied[0].steps[0].message).toBe(`Added new context ${arn} to ${w.env.KUBECONFIG}`);
    const current = await run('kubectl', ['config', 'current-context'], w.env, 30_000);
    expect(current.stdout.trim()).toBe(arn);
    const after = await w.kubectlGetSvc();
    expect(after.outcome, after.stderr).toBe('ok');
  }, 180_000);
});
