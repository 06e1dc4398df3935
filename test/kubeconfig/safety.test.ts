// The one-click update's safety: preview, refusal after a concurrent edit, exact undo, backup, modes,
// malformed files reported by file and line and never overwritten, missing files created.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createAppContext } from '../../electron/app-context.js';
import { runUpdateKubeconfig } from '../../electron/cli/update-kubeconfig.js';
import { dispatch } from '../../electron/dispatch.js';
import { applyPlan, undo } from '../../electron/kubeconfig/apply.js';
import { KubeconfigChangedError, rewriteFile } from '../../electron/kubeconfig/write-in-place.js';
import type { DescribedCluster } from '../../electron/kubeconfig/entries.js';
import { planUpdate } from '../../electron/kubeconfig/plan.js';
import { hashBytes, KubeconfigFileError } from '../../electron/kubeconfig/read.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { cleanEnv } from '../helpers/run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let sandbox: SandboxHandle;
let cluster: DescribedCluster;
let work: string;
let n = 0;

beforeAll(async () => {
  sandbox = await startSandbox('sandbox/scenarios/no-kubeconfig-entry.yaml');
  const c = sandbox.world.clusters.find((x) => x.name === 'web-prod')!;
  cluster = { name: c.name, arn: c.arn, endpoint: c.endpoint, caData: c.caData };
  work = mkdtempSync(path.join(tmpdir(), 'kubeconfig-safety-'));
});

afterAll(async () => {
  await sandbox?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A folder holding one kubeconfig (copied from the sandbox's unless text is given); env points KUBECONFIG at it. */
function setup(text?: string, mode = 0o600): { dir: string; file: string; env: Record<string, string> } {
  const dir = path.join(work, `case-${++n}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'config');
  if (text !== null) writeFileSync(file, text ?? readFileSync(sandbox.env.KUBECONFIG!));
  chmodSync(file, mode);
  return { dir, file, env: cleanEnv({ ...sandbox.env, KUBECONFIG: file }) };
}

const list = (dir: string) => readdirSync(dir).sort();

describe('preview and write', () => {
  it('previews a diff without writing, then writes exactly the preview', async () => {
    const { file, env } = setup();
    const before = readFileSync(file);
    const plan = await planUpdate({ env, cluster, profile: 'julia' });
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(plan.diff).toMatch(/^--- .*\n\+\+\+ .*\n@@ -\d+(,\d+)? \+\d+(,\d+)? @@/);
    expect(plan.diff).toContain(`+  name: ${cluster.arn}`);
    expect(plan.diff).toContain(`+current-context: ${cluster.arn}`);
    expect(plan.diff).toContain(`+- name: ${cluster.arn}\n+  user:\n+    exec:\n`);
    const applied = await applyPlan(plan);
    expect(readFileSync(file, 'utf8')).toBe(plan.after);
    expect(applied.message).toBe(`Added new context ${cluster.arn} to ${file}`);
  });

  it('refuses when the file changed between preview and write, and keeps the concurrent edit', async () => {
    const { dir, file, env } = setup();
    const plan = await planUpdate({ env, cluster, profile: 'julia' });
    const concurrent = readFileSync(file, 'utf8') + '# edited by another tool\n';
    writeFileSync(file, concurrent);
    const entriesBefore = list(dir);
    const err = await applyPlan(plan).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeconfigChangedError);
    expect((err as Error).message).toBe(`${file} changed on disk since the preview; nothing was written — preview the change again`);
    expect(readFileSync(file, 'utf8')).toBe(concurrent);
    expect(list(dir)).toEqual(entriesBefore); // no backup, no temp file left behind
  });

  it('refuses a file that appeared after a preview that found none', async () => {
    const { dir, env } = setup();
    const file = path.join(dir, 'new-config');
    const plan = await planUpdate({ env: { ...env, KUBECONFIG: file }, cluster, profile: 'julia' });
    writeFileSync(file, 'apiVersion: v1\n');
    await expect(applyPlan(plan)).rejects.toBeInstanceOf(KubeconfigChangedError);
    expect(readFileSync(file, 'utf8')).toBe('apiVersion: v1\n');
  });

  it('checks the hash again right before the write and leaves nothing behind', async () => {
    const { dir, file } = setup('apiVersion: v1\n');
    const stale = hashBytes(Buffer.from('something else'));
    await expect(rewriteFile(file, Buffer.from('kind: Config\n'), { expectedHash: stale, newFileMode: 0o600, changedDetail: 'changed' })).rejects.toBeInstanceOf(KubeconfigChangedError);
    expect(readFileSync(file, 'utf8')).toBe('apiVersion: v1\n');
    expect(list(dir)).toEqual(['config']);
  });
});

describe('backup and undo', () => {
  it('backs up the previous bytes (0600) and undo restores them exactly', async () => {
    // Bytes a YAML round trip would not keep: CRLF, odd spacing, comments, no final newline.
    const original = readFileSync(sandbox.env.KUBECONFIG!, 'utf8').replace(/\n/g, '\r\n').replace('kind: Config', 'kind:    Config   # mine') + '# end';
    const { file, env } = setup(original);
    const plan = await planUpdate({ env, cluster, profile: 'julia' });
    const { record, backupPath } = await applyPlan(plan, { now: () => new Date('2026-11-29T10:11:12.345Z') });
    expect(backupPath).toBe(`${file}.eks-doctor-backup-20261129T101112Z`);
    expect(readFileSync(backupPath!, 'utf8')).toBe(original);
    expect(statSync(backupPath!).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toBe(original);
    const undone = await undo(record);
    expect(readFileSync(file).equals(Buffer.from(original))).toBe(true);
    expect(undone.message).toBe(`Restored ${file} from backup ${record.id} (a copy of the previous file is at ${backupPath})`);
  });

  it('undo refuses when the file changed after the write', async () => {
    const { file, env } = setup();
    const { record } = await applyPlan(await planUpdate({ env, cluster, profile: 'julia' }));
    const edited = readFileSync(file, 'utf8') + '# later edit\n';
    writeFileSync(file, edited);
    await expect(undo(record)).rejects.toThrow(/changed since the update was written/);
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });

  it('a missing file is created 0600, and undo removes it again', async () => {
    const { dir, env } = setup();
    const file = path.join(dir, 'sub', 'kubeconfig');
    const plan = await planUpdate({ env: { ...env, KUBECONFIG: file }, cluster, profile: 'julia' });
    expect(plan.diff.split('\n')[0]).toBe('--- /dev/null');
    const { record, backupPath } = await applyPlan(plan);
    expect(backupPath).toBeNull();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const parsed = parse(readFileSync(file, 'utf8'));
    expect(parsed['current-context']).toBe(cluster.arn);
    expect(parsed.kind).toBe('Config');
    await undo(record);
    expect(existsSync(file)).toBe(false);
  });
});

describe('modes and links', () => {
  it('keeps the mode of an existing file', async () => {
    for (const mode of [0o600, 0o640]) {
      const { file, env } = setup(undefined, mode);
      await applyPlan(await planUpdate({ env, cluster, profile: 'julia' }));
      expect(statSync(file).mode & 0o777).toBe(mode);
    }
  });

  it('writes through a symlinked kubeconfig and keeps the link', async () => {
    const { dir, file, env } = setup();
    const link = path.join(dir, 'link');
    symlinkSync(file, link);
    const plan = await planUpdate({ env: { ...env, KUBECONFIG: link }, cluster, profile: 'julia' });
    await applyPlan(plan);
    expect(readdirSync(dir).includes('link')).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(plan.after);
    expect(plan.message).toContain(`to ${link}`);
  });
});

describe('malformed kubeconfig', () => {
  const cases: Array<[string, string, number, RegExp]> = [
    ['a tab as indentation', 'apiVersion: v1\nclusters:\n- name: a\n\tcluster: {}\n', 4, /malformed YAML: Tabs are not allowed as indentation/],
    ['an unclosed quote', 'apiVersion: v1\ncurrent-context: "prod\n', 3, /malformed YAML: Missing closing "quote/],
    ['clusters is a mapping', 'apiVersion: v1\nkind: Config\nclusters:\n  name: a\n', 4, /"clusters" must be a list/],
    ['an entry is a string', 'apiVersion: v1\nusers:\n- just-a-name\n', 3, /each entry of "users" must be a mapping/],
    ['exec args not a list', 'users:\n- name: u\n  user:\n    exec:\n      command: aws\n      args: --region\n', 6, /exec "args" must be a list/],
    ['top level is a list', '- a\n- b\n', 1, /must be a mapping/],
  ];
  for (const [title, text, line, pattern] of cases) {
    it(`${title}: reported with file and line, never written`, async () => {
      const { file, env } = setup(text);
      const mtime = statSync(file).mtimeMs;
      const err = await planUpdate({ env, cluster, profile: 'julia' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KubeconfigFileError);
      expect((err as KubeconfigFileError).file).toBe(file);
      expect((err as KubeconfigFileError).line).toBe(line);
      expect((err as Error).message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}: `));
      expect((err as Error).message).toMatch(pattern);
      expect(readFileSync(file, 'utf8')).toBe(text);
      expect(statSync(file).mtimeMs).toBe(mtime);
    });
  }

  it('the CLI command exits 1 with one line naming file and line, and leaves the file alone', async () => {
    const text = 'apiVersion: v1\nclusters: [\n';
    const { dir, file, env } = setup(text);
    const r = await runUpdateKubeconfig(['--profile', 'julia', '--cluster', 'web-prod'], { env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: malformed YAML`));
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(list(dir)).toEqual(['config']);
  });
});

describe('update-kubeconfig command', () => {
  it('--dry-run prints the diff and writes nothing', async () => {
    const { dir, file, env } = setup();
    const before = readFileSync(file);
    const r = await runUpdateKubeconfig(['--profile', 'julia', '--cluster', 'web-prod', '--dry-run'], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`+current-context: ${cluster.arn}`);
    expect(r.stdout).toContain(`would print "Added new context ${cluster.arn} to ${file}"`);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(list(dir)).toEqual(['config']);
  });

  it('--json reports target, message and backup', async () => {
    const { file, env } = setup();
    const r = await runUpdateKubeconfig(['--profile', 'julia', '--cluster', 'web-prod', '--json'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ dryRun: false, target: file, contextName: cluster.arn, updatingExisting: false, changed: true });
    expect(existsSync(out.backupPath)).toBe(true);
  });

  it('bad arguments exit 2 with one line; AWS failures exit 1 with one line', async () => {
    const { env } = setup();
    for (const args of [['--cluster', 'web-prod'], ['--profile', 'julia'], ['--profile', 'julia', '--cluster', 'x', '--bogus'], ['--profile', 'nope', '--cluster', 'web-prod'], ['--profile', 'julia', '--cluster', 'web-prod', '--role-arn', 'admin']]) {
      const r = await runUpdateKubeconfig(args, { env });
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const r = await runUpdateKubeconfig(['--profile', 'julia', '--cluster', 'no-such'], { env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: ResourceNotFoundException: No cluster found for name: no-such.\n');
  });
});

describe('the kubeconfig channels as update-kubeconfig calls them', () => {
  it('plan takes the cluster by name; a failure keeps the app\'s words and carries AWS\'s own; apply with verify: false checks nothing after', async () => {
    const { dir, file, env } = setup();
    const app = createAppContext({ env, mode: 'cli', wizard: { backupDir: path.join(dir, 'backups') } });
    try {
      const missing = await dispatch(app.handlers, 'kubeconfig.plan', { profile: 'julia', cluster: 'no-such', region: 'us-east-1' });
      expect(missing).toEqual({
        ok: false,
        error: {
          code: 'PLAN_FAILED',
          message: 'The preview could not be made with profile julia: No cluster found for name: no-such.',
          origin: { code: 'ResourceNotFoundException', message: 'No cluster found for name: no-such.' },
        },
      });
      const both = await dispatch(app.handlers, 'kubeconfig.plan', { profile: 'julia', cluster: 'web-prod', clusterArn: cluster.arn });
      expect(both).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
      const plan = await dispatch(app.handlers, 'kubeconfig.plan', { profile: 'julia', cluster: 'web-prod' });
      if (!plan.ok) throw new Error(plan.error.message);
      const { planId, view } = plan.result as { planId: string; view: { contextName: string } };
      expect(view.contextName).toBe(cluster.arn);
      const applied = await dispatch(app.handlers, 'kubeconfig.apply', { planId, verify: false });
      expect(applied).toMatchObject({ ok: true, result: { message: `Added new context ${cluster.arn} to ${file}`, reprobe: { message: expect.stringMatching(/^Not probed again/) } } });
      expect((applied as { result: object }).result).not.toHaveProperty('kubectl');
      expect(parse(readFileSync(file, 'utf8'))['current-context']).toBe(cluster.arn);
    } finally {
      app.close();
    }
  });
});
