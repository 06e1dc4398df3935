// Reading a kubeconfig while kubectl (or another program) is in the middle of writing it: kubectl truncates and
// rewrites the file in place under `<file>.lock`, so a read can see an empty or half-written file. The app waits the
// write out and uses the whole file; only a file that stays broken with no lock is reported broken, at once; a lock
// that stays is told in words, after a deadline.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { listContexts } from '../../electron/contexts/service.js';
import type { DescribedCluster } from '../../electron/kubeconfig/entries.js';
import { planUpdate } from '../../electron/kubeconfig/plan.js';
import { KubeconfigFileError } from '../../electron/kubeconfig/read.js';
import { readKubeconfigFile } from '../../electron/kubeconfig/read-settled.js';
import { defaultProfilesDeps, ProfilesService } from '../../electron/profiles/service.js';
import { Recheck } from '../../electron/watch/recheck.js';
import type { FilesChanged } from '../../shared/files-changed.js';
import { cleanEnv } from '../helpers/run.js';

const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64');
const cluster: DescribedCluster = { name: 'demo', arn: 'arn:aws:eks:us-east-1:111122223333:cluster/demo', endpoint: 'https://demo.example.test', caData: CA };

/** A kubeconfig with `n` contexts, each with a token user (nothing to run when listed). */
function kubeconfigText(n: number): string {
  const names = Array.from({ length: n }, (_, i) => `seed-${i}`);
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: names.map((name) => ({ name, cluster: { server: `https://${name}.example.test` } })),
    contexts: names.map((name) => ({ name, context: { cluster: name, user: name } })),
    users: names.map((name) => ({ name, user: { token: 'x' } })),
    'current-context': 'seed-0',
  });
}

const WHOLE = kubeconfigText(5);
/** Cut as the read seen under load was: in the middle of the first user's body (`token: x` read as `tok`). */
const HALF = WHOLE.slice(0, WHOLE.indexOf('token: x') + 'tok'.length);
/** Cut at a line end, where a cut file still parses: the users list has lost all but the first name. */
const CUT_AT_LINE_END = WHOLE.slice(0, WHOLE.indexOf('\n', WHOLE.indexOf('- name: seed-0', WHOLE.indexOf('users:'))) + 1);

let work: string;
let n = 0;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'kubeconfig-read-while-written-'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});
beforeEach(() => {
  expect.hasAssertions();
});

/** A kubeconfig caught mid-write: `text` on disk and kubectl's lock beside it. */
function midWrite(text: string, locked = true) {
  const dir = path.join(work, `case-${++n}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'config');
  writeFileSync(file, text);
  if (locked) writeFileSync(`${file}.lock`, '');
  return { file, env: cleanEnv({ KUBECONFIG: file, HOME: dir }) };
}

/**
 * Starts `read` while the file is mid-write, and does what kubectl does at the end of its write 250 ms later: the
 * whole file, then the lock removed. Waits for both, so a failed read leaves nothing pending for the next test.
 */
async function readWhileWritten<T>(file: string, read: () => Promise<T>): Promise<T> {
  const result = read().then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await new Promise((r) => setTimeout(r, 250));
  writeFileSync(file, WHOLE);
  rmSync(`${file}.lock`, { force: true });
  const r = await result;
  if ('error' in r) throw r.error;
  return r.value;
}

const noDiagnosis = () => Promise.reject(new Error('no diagnosis in this test'));

describe('a kubeconfig read while kubectl writes it', () => {
  it('Preview (planUpdate) waits for a half-written file and plans from the whole one', async () => {
    const { file, env } = midWrite(HALF);
    const plan = await readWhileWritten(file, () => planUpdate({ env, cluster, profile: 'julia' }));
    expect(plan.before).toBe(WHOLE);
    expect(plan.warnings).toEqual([]);
    expect(plan.currentContext.before).toBe('seed-0');
  });

  it('Preview waits for a file kubectl has just emptied (the lock is there) and plans from the whole one', async () => {
    const { file, env } = midWrite('');
    const plan = await readWhileWritten(file, () => planUpdate({ env, cluster, profile: 'julia' }));
    expect(plan.before).toBe(WHOLE);
    expect(plan.existed).toBe(true);
  });

  it('a file cut at a line end (it parses) is not taken while the lock is there: the whole one is read', async () => {
    const { file } = midWrite(CUT_AT_LINE_END);
    // Longer than the pause before the write ends, however late a loaded machine runs that pause.
    const read = await readWhileWritten(file, () => readKubeconfigFile(file, { steadyMs: 1500 }));
    expect(read.text).toBe(WHOLE);
  });

  it('a lock left behind beside a whole file delays a read a moment, not to the deadline', async () => {
    const { env } = midWrite(WHOLE);
    const started = Date.now();
    const plan = await planUpdate({ env, cluster, profile: 'julia' });
    expect(plan.before).toBe(WHOLE);
    expect(Date.now() - started).toBeLessThan(1900);
  });

  it('the Your kubectl list waits for a half-written file and lists every context of the whole one', async () => {
    const { file, env } = midWrite(HALF);
    const listed = await readWhileWritten(file, () => listContexts({ env, diagnose: noDiagnosis }, { check: false }));
    expect(listed.error).toBeUndefined();
    expect(listed.contexts.map((c) => c.name).sort()).toEqual(['seed-0', 'seed-1', 'seed-2', 'seed-3', 'seed-4']);
  });

  it('the file watcher does not take a half-written file for every context gone', async () => {
    const { file, env } = midWrite(WHOLE, false);
    const emitted: FilesChanged[] = [];
    const recheck = new Recheck({ env, profiles: new ProfilesService(defaultProfilesDeps(env)), matrix: () => undefined, emit: (c) => emitted.push(c) });
    await recheck.baseline();
    writeFileSync(`${file}.lock`, '');
    writeFileSync(file, HALF);
    const changed = await readWhileWritten(file, () => recheck.onChange([{ kind: 'kubeconfig', file }]));
    // kubectl wrote the same contexts back: nothing changed, no context to check again.
    expect(changed.contexts).toEqual([]);
    expect(emitted).toEqual([changed]);
  });

  it('a file that is truly broken (the same bytes, no lock) gets the one clear message, quickly', async () => {
    const { file, env } = midWrite(HALF, false);
    const started = Date.now();
    const err = await planUpdate({ env, cluster, profile: 'julia' }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(err).toBeInstanceOf(KubeconfigFileError);
    expect((err as Error).message).toMatch(new RegExp(`^${file}:\\d+: "user" in "users" must be a mapping$`));
    const listed = await listContexts({ env, diagnose: noDiagnosis }, { check: false });
    expect(listed.error).toMatch(new RegExp(`^kubectl cannot read ${file}:\\d+: "user" in "users" must be a mapping$`));
  });

  it('a lock that stays past the deadline is told in words: another program is changing the file — nothing hangs', async () => {
    const { file, env } = midWrite(HALF);
    const started = Date.now();
    const err = await planUpdate({ env, cluster, profile: 'julia' }).catch((e: unknown) => e);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(2000);
    expect(took).toBeLessThan(5000);
    expect(err).toBeInstanceOf(KubeconfigFileError);
    const words =
      `${file}: kubectl (or another program) is changing this file right now (${file}.lock exists), so it cannot be read yet — try again in a moment. ` +
      `If no program is changing it, a crashed one left the lock behind: remove ${file}.lock`;
    expect((err as Error).message).toBe(words);
    // The Your kubectl page says it as such (not as a broken file whose line to fix).
    const listed = await listContexts({ env, diagnose: noDiagnosis }, { check: false });
    expect(listed).toMatchObject({ error: words, errorBusy: true, contexts: [] });
  }, 15_000);
});
