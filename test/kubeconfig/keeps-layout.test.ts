// The kubeconfig writes keep the file's own layout: on a file kubectl itself wrote (`kubectl config set-…` into a
// temporary KUBECONFIG, list items at their key's level) and on an indented, flow-style one, "Use with kubectl" and
// update-kubeconfig write — and preview — only the lines that change, and the real kubectl reads the result. Where the
// layout cannot be kept (a file mixing both list styles), the preview still holds only the change and says in one
// line how many other lines are re-formatted.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMergedKubeconfig, planSetProfile, planUpdate, relaidOutNote } from '../../electron/kubeconfig/index.js';
import { cleanEnv, run } from '../helpers/run.js';

let dir: string;
const kubectlFile = () => path.join(dir, 'kubectl-written');

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kubeconfig-layout-'));
  const env = cleanEnv({ KUBECONFIG: kubectlFile(), HOME: dir });
  const steps = [
    ['config', 'set-cluster', 'c1', '--server=https://c1.example.com'],
    ['config', 'set-cluster', 'c2', '--server=https://c2.example.com'],
    ['config', 'set-credentials', 'u1', '--exec-command=aws', '--exec-api-version=client.authentication.k8s.io/v1beta1',
      ...['--region', 'us-east-1', 'eks', 'get-token', '--cluster-name', 'c1'].map((a) => `--exec-arg=${a}`), '--exec-env=AWS_PROFILE=old'],
    ['config', 'set-credentials', 'u2', '--token=not-a-real-token'],
    ['config', 'set-context', 'ctx1', '--cluster=c1', '--user=u1'],
    ['config', 'set-context', 'ctx2', '--cluster=c2', '--user=u2'],
    ['config', 'use-context', 'ctx1'],
  ];
  for (const args of steps) {
    const r = await run('kubectl', args, env);
    expect(r.code, r.stderr).toBe(0);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Another tool's layout: 4-space steps, indented lists, flow collections without padding, quotes, comments, CRLF. */
const INDENTED = [
  '# my clusters',
  'apiVersion: v1',
  'kind: Config',
  'clusters:',
  '    - name: c1',
  '      cluster:',
  '          server: "https://c1.example.com"',
  '',
  'users:',
  '    - name: u1',
  '      user:',
  '          exec:',
  '              apiVersion: client.authentication.k8s.io/v1beta1',
  '              command: aws',
  '              args: [--region, us-east-1, eks, get-token, --cluster-name, c1]',
  '              env:',
  '                  - {name: AWS_PROFILE, value: old}',
  'contexts:',
  '    - name: ctx1',
  '      context: {cluster: c1, user: u1}',
  "current-context: 'ctx1'",
  '',
  ].join('\r\n');const changedLines = (diff: string) => diff.split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l));

async function setProfile(file: string, context = 'ctx1') {
  const kc = await loadMergedKubeconfig({ KUBECONFIG: file, HOME: dir });
  return planSetProfile(kc, context, 'newprof', { name: 'c1', region: 'us-east-1' });
}

/** kubectl itself reads the written text: the exec of user u1 as kubectl sees it. */
async function kubectlReads(text: string): Promise<{ args: string[]; env: Array<{ name: string; value: string }> }> {
  const file = path.join(dir, `written-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, text, { mode: 0o600 });
  const r = await run('kubectl', ['config', 'view', '-o', 'json'], cleanEnv({ KUBECONFIG: file, HOME: dir }));
  expect(r.code, r.stderr).toBe(0);
  const users = JSON.parse(r.stdout).users as Array<{ name: string; user: { exec: { args: string[]; env: Array<{ name: string; value: string }> } } }>;
  return users.find((u) => u.name === 'u1')!.user.exec;
}

describe('"Use with kubectl" keeps the file\'s layout', () => {
  it('on a file kubectl wrote: only the profile lines change, in the write and in the preview', async () => {
    expect.hasAssertions();
    const plan = await setProfile(kubectlFile());
    expect(plan.before).toMatch(/^users:\n- name: u1\n/m);
    expect(changedLines(plan.diff)).toEqual(['+      - --profile', '+      - newprof', '-        value: old', '+        value: newprof']);
    expect(plan.relaidOut).toBe(0);
    // The written bytes differ from the file in those lines only: the preview is the write.
    const before = plan.before.split('\n');
    const after = plan.after.split('\n');
    expect(after.length - before.length).toBe(2);
    expect(after.filter((l) => !before.includes(l))).toEqual(['      - --profile', '      - newprof', '        value: newprof']);
    const exec = await kubectlReads(plan.after);
    expect(exec.args.slice(-2)).toEqual(['--profile', 'newprof']);
    expect(exec.env).toEqual([{ name: 'AWS_PROFILE', value: 'newprof' }]);
  });

  it('on an indented file with 4 spaces, flow lists, quotes and comments: the same few lines', async () => {
    expect.hasAssertions();
    const file = path.join(dir, 'indented.yaml');
    const text = INDENTED;
    writeFileSync(file, text, { mode: 0o600 });
    const plan = await setProfile(file);
    expect(changedLines(plan.diff).map((l) => l.replace(/\r$/, ''))).toEqual([
      '-              args: [--region, us-east-1, eks, get-token, --cluster-name, c1]',
      '+              args: [--region, us-east-1, eks, get-token, --cluster-name, c1, --profile, newprof]',
      '-                  - {name: AWS_PROFILE, value: old}',
      '+                  - {name: AWS_PROFILE, value: newprof}',
    ]);
    expect(plan.relaidOut).toBe(0);
    expect(plan.after).toBe(text.replace('c1]', 'c1, --profile, newprof]').replace('value: old', 'value: newprof'));
    const exec = await kubectlReads(plan.after);
    expect(exec.env).toEqual([{ name: 'AWS_PROFILE', value: 'newprof' }]);
  });

  it('on a file that mixes both list styles: the preview holds the change, and one line says the rest is only re-formatted', async () => {
    expect.hasAssertions();
    const file = path.join(dir, 'mixed.yaml');
    const text = readFileSync(kubectlFile(), 'utf8').replace(/^contexts:\n((?:[- ].*\n)+)/m, (_, body: string) => `contexts:\n${body.replace(/^(?=.)/gm, '  ')}`);
    expect(text).toMatch(/^contexts:\n {2}- context:/m);
    writeFileSync(file, text, { mode: 0o600 });
    const plan = await setProfile(file);
    expect(changedLines(plan.diff)).toEqual(['+          - --profile', '+          - newprof', '-            value: old', '+            value: newprof']);
    expect(plan.relaidOut).toBeGreaterThan(10);
    expect(relaidOutNote(plan.relaidOut)).toMatch(/^The write also re-formats \d+ other lines of the file \(same settings, only spacing or quotes change\)/);
    expect((await kubectlReads(plan.after)).env).toEqual([{ name: 'AWS_PROFILE', value: 'newprof' }]);
  });
});

describe('update-kubeconfig keeps the file\'s layout', () => {
  it('on an indented file with 4 spaces and flow collections: the new entries are added, nothing else changes', async () => {
    expect.hasAssertions();
    const file = path.join(dir, 'indented-update.yaml');
    writeFileSync(file, INDENTED, { mode: 0o600 });
    const plan = await planUpdate({
      env: { KUBECONFIG: file, HOME: dir },
      cluster: { name: 'payments', arn: 'arn:aws:eks:us-east-1:111122223333:cluster/payments', endpoint: 'https://payments.example.com', caData: 'Y2E=' },
      profile: 'dev',
      keepCurrentContext: true,
    });
    expect(changedLines(plan.diff).filter((l) => l.startsWith('-'))).toEqual([]);
    expect(plan.diff).toContain('+    - cluster:\r');
    expect(plan.diff).toContain('+          server: https://payments.example.com\r');
    expect(plan.after).toContain('      context: {cluster: c1, user: u1}\r\n');
  });

  it('on a file kubectl wrote: the new entries are added and no existing line is re-indented', async () => {
    expect.hasAssertions();
    const plan = await planUpdate({
      env: { KUBECONFIG: kubectlFile(), HOME: dir },
      cluster: { name: 'payments', arn: 'arn:aws:eks:us-east-1:111122223333:cluster/payments', endpoint: 'https://payments.example.com', caData: 'Y2E=' },
      profile: 'dev',
      keepCurrentContext: true,
    });
    expect(plan.relaidOut).toBe(0);
    const removed = changedLines(plan.diff).filter((l) => l.startsWith('-'));
    expect(removed).toEqual([]);
    expect(changedLines(plan.diff).length).toBeLessThan(30);
    expect(plan.diff).toContain('+- cluster:');
    const r = await run('kubectl', ['config', 'view', '-o', 'json'], cleanEnv({ KUBECONFIG: (writeFileSync(path.join(dir, 'updated'), plan.after), path.join(dir, 'updated')), HOME: dir }));
    expect(JSON.parse(r.stdout).contexts.map((c: { name: string }) => c.name)).toContain('arn:aws:eks:us-east-1:111122223333:cluster/payments');
  });
});
