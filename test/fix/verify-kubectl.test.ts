// Verification tells who kubectl really signed in as: after a grant for tom, `fix --json`'s verify block and the
// wizards' verify step compare `kubectl auth whoami` (through the user's kubeconfig) with tom's identity. When the
// kubeconfig entry runs another profile (priya), the mismatch is flagged and the verification is not "ok".
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/app-context.js';
import { run } from '../helpers/run.js';
import { openWorld, type FixWorld } from './fixture.js';

const ANALYTICS = 'arn:aws:eks:us-east-1:111122223333:cluster/analytics';
const GRANT = ['--profile', 'tom', '--cluster', 'analytics', '--fix', 'map-identity', '--group', 'system:masters', '--yes', '--json'];

let w: FixWorld | undefined;
afterEach(async () => {
  await w?.sb.stop();
  w = undefined;
});

describe('fix --json verify: kubectl identity against the fixed profile', () => {
  it('kubectl runs as the fixed profile: sameAsProfile true, get svc ok', async () => {
    w = await openWorld('unmapped-user');
    const r = await w.fix(GRANT);
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.verify).toEqual({ kubectlIdentity: 'arn:aws:iam::111122223333:user/tom', sameAsProfile: true, getSvc: 'ok' });
  }, 180_000);

  it('kubectl runs another profile than the one fixed: the mismatch is flagged, with the one command that fixes it', async () => {
    w = await openWorld('unmapped-user');
    // The user's kubectl entry for the cluster runs as priya (the admin), not tom.
    const u = await run('aws', ['eks', 'update-kubeconfig', '--name', 'analytics', '--region', 'us-east-1', '--profile', 'priya'], w.env, 60_000);
    expect(u.code, u.stderr).toBe(0);
    const r = await w.fix(GRANT);
    const out = JSON.parse(r.stdout);
    expect(out.outcome).toMatch(/^(ADMIN|ACCESS)$/);
    expect(out.verify).toEqual({ kubectlIdentity: 'arn:aws:iam::111122223333:user/priya', sameAsProfile: false, getSvc: 'ok' });

    // The wizards' verify step says the same, and is not "ok" while kubectl is someone else.
    const app = createAppContext({ env: w.env, mode: 'cli' });
    try {
      await app.handlers['diagnosis.run']({ profile: 'tom', clusterArn: ANALYTICS });
      const v = await app.handlers['cell.verify']({ profile: 'tom', clusterArn: ANALYTICS });
      expect(v.outcome).toMatch(/^(ADMIN|ACCESS)$/);
      expect(v.kubectl?.exitCode).toBe(0);
      expect(v.kubectlIdentity).toMatchObject({ arn: 'arn:aws:iam::111122223333:user/priya', username: 'kubernetes-admin', sameAsProfile: false, profileArn: 'arn:aws:iam::111122223333:user/tom' });
      expect(v.ok).toBe(false);
    } finally {
      app.close();
    }
  }, 240_000);

  it('says so in words, with the one command that makes kubectl use the fixed profile', async () => {
    w = await openWorld('unmapped-user');
    await run('aws', ['eks', 'update-kubeconfig', '--name', 'analytics', '--region', 'us-east-1', '--profile', 'priya'], w.env, 60_000);
    const text = await w.fix(GRANT.filter((a) => a !== '--json'));
    expect(text.stdout).toContain('kubectl signs in as arn:aws:iam::111122223333:user/priya through context arn:aws:eks:us-east-1:111122223333:cluster/analytics, not as profile tom');
    expect(text.stdout).toContain('update-kubeconfig --profile tom --cluster analytics --pin-profile');
  }, 180_000);
});
