// "Use with kubectl" on the profile an entry already runs as: the preview says kubectl already signs in as it, and
// that the write only pins it with --profile (AWS keys exported in a terminal come before AWS_PROFILE for the aws
// CLI); once pinned, the same choice is "nothing to change". Another profile reads as a change of who signs in.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMergedKubeconfig, planSetProfile } from '../../electron/kubeconfig/index.js';
import { cleanEnv, run } from '../helpers/run.js';

let dir: string;
const file = () => path.join(dir, 'config');
const plan = async (profile: string) => planSetProfile(await loadMergedKubeconfig({ KUBECONFIG: file(), HOME: dir }), 'ctx1', profile, { name: 'c1', region: 'us-east-1' });
const changedLines = (diff: string) => diff.split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'set-profile-words-'));
  const env = cleanEnv({ KUBECONFIG: file(), HOME: dir });
  // As `aws eks update-kubeconfig --profile dev` writes it: the profile in the exec's env only.
  for (const args of [
    ['config', 'set-cluster', 'c1', '--server=https://c1.example.com'],
    ['config', 'set-credentials', 'u1', '--exec-command=aws', '--exec-api-version=client.authentication.k8s.io/v1beta1',
      ...['--region', 'us-east-1', 'eks', 'get-token', '--cluster-name', 'c1'].map((a) => `--exec-arg=${a}`), '--exec-env=AWS_PROFILE=dev'],
    ['config', 'set-context', 'ctx1', '--cluster=c1', '--user=u1'],
  ]) {
    const r = await run('kubectl', args, env);
    expect(r.code, r.stderr).toBe(0);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Use with kubectl: the words for the profile an entry already runs as', () => {
  it('says kubectl already signs in as it and the write only pins it; once pinned, nothing to change', async () => {
    expect.hasAssertions();
    const pin = await plan('dev');
    expect(pin.summary).toMatch(/^kubectl already signs in here as AWS profile dev\. The change only adds --profile dev to its command/);
    expect(changedLines(pin.diff)).toEqual(['+      - --profile', '+      - dev']);

    writeFileSync(file(), pin.after);
    const again = await plan('dev');
    expect(again.after).toBe(again.before);
    expect(again.summary).toMatch(/^kubectl already signs in here as AWS profile dev \(user entry u1 in .*\): nothing to change\.$/);
  });

  it('another profile reads as a change of who signs in', async () => {
    expect.hasAssertions();
    const other = await plan('prod');
    expect(other.summary).toMatch(/will run `aws eks get-token` as AWS profile prod/);
    expect(other.summary).not.toMatch(/already/);
  });
});
