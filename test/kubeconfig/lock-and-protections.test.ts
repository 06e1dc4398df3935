// Writing a kubeconfig next to a real kubectl: kubectl's `<file>.lock` is taken, so a write that reported success
// is never lost, and a held lock is refused in words; the file is changed in place as kubectl does, so a read-only
// file is refused, mode and owner are kept, a hard link's other name and a symlink's target see the change.
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { applyPlan, undo } from '../../electron/kubeconfig/apply.js';
import type { DescribedCluster } from '../../electron/kubeconfig/entries.js';
import { KubeconfigLockedError } from '../../electron/kubeconfig/file-lock.js';
import { planUpdate } from '../../electron/kubeconfig/plan.js';
import { KubeconfigChangedError, KubeconfigPermissionError } from '../../electron/kubeconfig/write-in-place.js';
import { cleanEnv, run } from '../helpers/run.js';

const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64');
const clusterNamed = (name: string): DescribedCluster => ({ name, arn: `arn:aws:eks:us-east-1:111122223333:cluster/${name}`, endpoint: `https://${name}.example.test`, caData: CA });

let work: string;
let n = 0;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'kubeconfig-lock-'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});
beforeEach(() => {
  expect.hasAssertions();
});

/** A kubeconfig with `contexts` contexts (kubectl then spends long enough reading and writing it to overlap ours). */
function kubeconfigText(contexts: number): string {
  const names = Array.from({ length: contexts }, (_, i) => `seed-${i}`);
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: names.map((name) => ({ name, cluster: { server: `https://${name}.example.test` } })),
    contexts: names.map((name) => ({ name, context: { cluster: name, user: name } })),
    users: names.map((name) => ({ name, user: { token: 'x' } })),
    'current-context': 'seed-0',
  });
}

function setup(text = kubeconfigText(3), mode = 0o600) {
  const dir = path.join(work, `case-${++n}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'config');
  writeFileSync(file, text);
  chmodSync(file, mode);
  return { dir, file, env: cleanEnv({ KUBECONFIG: file, HOME: dir }) };
}

const contextNames = (file: string): string[] => ((parse(readFileSync(file, 'utf8')) as { contexts?: { name: string }[] }).contexts ?? []).map((c) => c.name);

describe('kubectl running at the same time', () => {
  // kubectl's own merge can drop a context the app added: client-go reads the file before it takes the lock, then
  // deletes every context its stale copy lacks. What the app must never do is the same to kubectl's writes.
  it('never loses a kubectl write, and every app write is made under the lock', async () => {
    const { file, env } = setup(kubeconfigText(150));
    const kubectlWrote: string[] = [];
    let kubectlRefused = 0;
    let stop = false;
    const loop = (async () => {
      for (let i = 0; !stop; i++) {
        const name = `kubectl-${i}`;
        const r = await run('kubectl', ['config', 'set-context', name, '--cluster=seed-1', `--namespace=ns-${i}`], env, 20_000);
        if (r.code === 0) kubectlWrote.push(name);
        else if (/config\.lock: file exists/.test(r.stderr)) kubectlRefused++;
        else throw new Error(`kubectl failed otherwise: ${r.stderr}`);
      }
    })();
    const appWrote: string[] = [];
    let retries = 0;
    try {
      for (let i = 0; i < 10; i++) {
        const cluster = clusterNamed(`app-${i}`);
        for (;;) {
          const plan = await planUpdate({ env, cluster, profile: 'julia' });
          try {
            await applyPlan(plan, { lock: { waitMs: 5000 } });
            appWrote.push(cluster.arn);
            break;
          } catch (err) {
            // Refused, never overwritten: a new preview is made, as the user would.
            if (!(err instanceof KubeconfigChangedError || err instanceof KubeconfigLockedError)) throw err;
            retries++;
          }
        }
      }
    } finally {
      stop = true;
      await loop;
    }
    const final = await run('kubectl', ['config', 'get-contexts', '-o', 'name'], env);
    const seen = new Set(final.stdout.split('\n'));
    expect(appWrote).toHaveLength(10);
    expect(kubectlWrote.length).toBeGreaterThan(0);
    expect(kubectlWrote.filter((c) => !seen.has(c))).toEqual([]);
    expect(existsSync(`${file}.lock`)).toBe(false);
    // Figures for the record when the test is run by hand.
    console.info(`app writes 10 (${retries} previews redone), kubectl writes ${kubectlWrote.length} (${kubectlRefused} refused by the lock)`);
  }, 120_000);

  it('refuses while the lock is held, in words, and writes once it is free', async () => {
    const { dir, file, env } = setup();
    const before = readFileSync(file);
    writeFileSync(`${file}.lock`, '');
    const plan = await planUpdate({ env, cluster: clusterNamed('held'), profile: 'julia' });
    const started = Date.now();
    const err = await applyPlan(plan, { lock: { waitMs: 300 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeconfigLockedError);
    expect((err as Error).message).toBe(
      `kubectl (or another program) is changing ${file} right now (${file}.lock exists); nothing was written — try again. If no program is changing it, a crashed one left the lock behind: remove ${file}.lock`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['config', 'config.lock']); // no backup; the other program's lock left alone
    rmSync(`${file}.lock`);
    await applyPlan(plan);
    expect(contextNames(file)).toContain(clusterNamed('held').arn);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('kubectl is refused while the app holds the lock (the same lock file)', async () => {
    const { file, env } = setup();
    const plan = await planUpdate({ env, cluster: clusterNamed('mine'), profile: 'julia' });
    let kubectl: { code: number; stderr: string } | undefined;
    await applyPlan(plan, {
      records: {
        // Runs under the lock, just before the file changes.
        save: async () => {
          kubectl = await run('kubectl', ['config', 'set-context', 'during', '--cluster=seed-1'], env);
        },
        remove: async () => undefined,
      },
    });
    expect(kubectl?.code).toBe(1);
    expect(kubectl?.stderr).toContain(`open ${file}.lock: file exists`);
    expect(contextNames(file)).toContain(clusterNamed('mine').arn);
  });

  it('undo takes the lock too', async () => {
    const { file, env } = setup();
    const { record } = await applyPlan(await planUpdate({ env, cluster: clusterNamed('undo'), profile: 'julia' }));
    const written = readFileSync(file);
    writeFileSync(`${file}.lock`, '');
    await expect(undo(record, { waitMs: 100 })).rejects.toBeInstanceOf(KubeconfigLockedError);
    expect(readFileSync(file).equals(written)).toBe(true);
    rmSync(`${file}.lock`);
    await undo(record);
    expect(contextNames(file)).not.toContain(clusterNamed('undo').arn);
  });
});

describe('the file keeps its protections', () => {
  it('a read-only (0400) kubeconfig is refused with "permission denied" and left as it was', async () => {
    const { dir, file, env } = setup(undefined, 0o400);
    const before = readFileSync(file);
    const plan = await planUpdate({ env, cluster: clusterNamed('ro'), profile: 'julia' });
    const err = await applyPlan(plan).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeconfigPermissionError);
    expect((err as Error).message).toBe(`open ${file}: permission denied; nothing was written — the file is read-only (make it writable with chmod u+w ${file} to let it change)`);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o400);
    expect(readdirSync(dir)).toEqual(['config']);
  });

  it('keeps mode and owner (a file of another user stays that user\'s)', async () => {
    const { file, env } = setup(undefined, 0o640);
    const root = process.getuid?.() === 0;
    if (root) chownSync(file, 65534, 65534); // nobody:nogroup
    const before = statSync(file);
    await applyPlan(await planUpdate({ env, cluster: clusterNamed('owner'), profile: 'julia' }));
    const after = statSync(file);
    expect(contextNames(file)).toContain(clusterNamed('owner').arn);
    expect(after.mode & 0o7777).toBe(0o640);
    expect(after.ino).toBe(before.ino);
    if (root) expect([after.uid, after.gid]).toEqual([65534, 65534]);
    else expect(after.uid).toBe(before.uid);
  });

  it('a hard-linked kubeconfig stays linked: its other name sees the change, and the undo', async () => {
    const { dir, file, env } = setup();
    const other = path.join(dir, 'other-name');
    linkSync(file, other);
    const { record } = await applyPlan(await planUpdate({ env, cluster: clusterNamed('linked'), profile: 'julia' }));
    expect(contextNames(other)).toContain(clusterNamed('linked').arn);
    expect(statSync(file).nlink).toBe(2);
    await undo(record);
    expect(contextNames(other)).not.toContain(clusterNamed('linked').arn);
    expect(statSync(other).ino).toBe(statSync(file).ino);
  });

  it('a symlinked kubeconfig stays a symlink; its target gets the change', async () => {
    const { dir, file, env } = setup();
    const link = path.join(dir, 'link');
    symlinkSync(file, link);
    await applyPlan(await planUpdate({ env: { ...env, KUBECONFIG: link }, cluster: clusterNamed('sym'), profile: 'julia' }));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(file);
    expect(contextNames(file)).toContain(clusterNamed('sym').arn);
    expect(readdirSync(dir).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });

  it('a new file is created 0600 under the umask', async () => {
    const { dir, env } = setup();
    const file = path.join(dir, 'fresh');
    const old = process.umask(0);
    try {
      await applyPlan(await planUpdate({ env: { ...env, KUBECONFIG: file }, cluster: clusterNamed('fresh'), profile: 'julia' }));
    } finally {
      process.umask(old);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

it('the refusal reads as kubectl\'s own for the same file (kubectl run as the file\'s owner, not root)', async () => {
  const { dir, file, env } = setup(undefined, 0o400);
  const root = process.getuid?.() === 0;
  if (root) {
    // root may write anything: kubectl runs as nobody, who owns the file and the folder.
    chmodSync(work, 0o755);
    chownSync(dir, 65534, 65534);
    chownSync(file, 65534, 65534);
  }
  const kubectl = await new Promise<string>((resolve) =>
    execFile('kubectl', ['config', 'set-context', 'x', '--cluster=seed-1'], { env, timeout: 20_000, ...(root ? { uid: 65534, gid: 65534 } : {}) }, (_err, _out, stderr) => resolve(String(stderr))),
  );
  const ours = await applyPlan(await planUpdate({ env, cluster: clusterNamed('ro2'), profile: 'julia' })).catch((e: unknown) => (e as Error).message);
  expect(kubectl).toContain(`open ${file}: permission denied`);
  expect(ours).toMatch(new RegExp(`^open ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: permission denied; nothing was written`));
});
