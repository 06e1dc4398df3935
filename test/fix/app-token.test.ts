// A machine without the aws CLI: kubectl's `aws eks get-token` cannot run. The diagnosis says so, offers the app's
// own token command as kubectl's credential helper first (the app applies it) and installing the aws CLI second
// (the user does); `fix --yes` on fixes[0] ends with the real kubectl working — still without any aws CLI.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type FixWorld } from './fixture.js';

let w: FixWorld;
beforeAll(async () => {
  w = await openWorld('healthy');
  // The same PATH without any directory that holds an `aws`.
  w.env.PATH = w.env.PATH!.split(path.delimiter).filter((d) => d && !existsSync(path.join(d, 'aws'))).join(path.delimiter);
}, 120_000);
afterAll(async () => w?.sb.stop());

describe('no aws CLI on the PATH', () => {
  it('diagnoses the missing aws CLI and offers the app as the token helper, then installing it', async () => {
    const before = await w.kubectlGetSvc();
    expect(before.outcome, before.stderr).toBe('exec-error');
    const d = (await w.diagnoseJson('default', 'payments-prod')) as unknown as { causes: { code: string; detail: string }[]; fixes: { id: string; title: string; steps: { title: string; command: string }[] }[] };
    expect(d.causes[0]!.code).toBe('EXEC_PLUGIN_BROKEN');
    expect(d.causes[0]!.detail).toContain('aws is not installed here');
    expect(d.fixes.map((f) => f.id)).toEqual(['use-app-token', 'install-aws-cli']);
    expect(d.fixes[0]!.steps[0]!.command).toBe('eks-access-doctor update-kubeconfig --profile default --cluster payments-prod --region us-east-1 --use-app-token');
    expect(d.fixes[1]!.steps.map((s) => s.title.split(' (')[0])).toEqual(['Debian or Ubuntu', 'macOS', 'Windows', 'Check: version 2']);
  }, 180_000);

  it('fix --yes on fixes[0] makes kubectl work through the app\'s token command', async () => {
    const r = await w.fix(['--profile', 'default', '--cluster', 'payments-prod', '--fix', 'use-app-token', '--yes', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.applied[0]).toMatchObject({ id: 'use-app-token', steps: [{ ok: true }] });
    const kubeconfig = readFileSync(w.env.KUBECONFIG!, 'utf8');
    expect(kubeconfig).toContain(`command: ${process.execPath}`);
    expect(kubeconfig).toMatch(/- token\n\s+- --region\n\s+- us-east-1\n\s+- --cluster\n\s+- payments-prod\n/);
    expect(kubeconfig).toMatch(/env:\n\s+- name: AWS_PROFILE\n\s+value: default/);
    const after = await w.kubectlGetSvc();
    expect(after.outcome, after.stderr).toBe('ok');
  }, 180_000);
});
