// The file watcher on real files in a temp folder: a write is one change of its kind, a write that ends where it
// began is none, the app's own write is none but another program's write in the same moment is one, a rename over
// the file (how editors and the aws CLI save) is seen, and a folder target that does not exist yet is picked up once
// it does.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { noteOwnWrite } from '../../electron/common/own-writes.js';
import { ssoCacheDir } from '../../electron/profiles/deps.js';
import { writeSsoToken } from '../../electron/profiles/sso-cache.js';
import { FileWatch, type ChangedFiles } from '../../electron/watch/file-watch.js';

type Kind = 'config' | 'cache';

describe('FileWatch on real files', () => {
  let dir: string;
  let config: string;
  let cacheDir: string;
  let watch: FileWatch<Kind> | undefined;
  let batches: ChangedFiles<Kind>[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ead-watch-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => watch?.close());

  const start = (name: string, opts: { cacheDir?: boolean } = {}) => {
    const home = join(dir, name);
    mkdirSync(home);
    config = join(home, 'config');
    cacheDir = ssoCacheDir({ HOME: home });
    if (opts.cacheDir) mkdirSync(cacheDir, { recursive: true });
    writeFileSync(config, '[default]\nregion = us-east-1\n');
    batches = [];
    watch = new FileWatch<Kind>(
      [{ kind: 'config', path: config }, { kind: 'cache', path: cacheDir, folder: true }],
      (changed) => void batches.push(changed),
      { debounceMs: 50, maxWaitMs: 200 },
    ).start();
    return home;
  };
  /** Long enough for a debounced batch to have been looked at (it would have been by then). */
  const settle = () => new Promise((r) => setTimeout(r, 300));

  it('a write is one change; a burst ending where it began is none', async () => {
    start('write');
    writeFileSync(config, '[default]\nregion = eu-west-1\n');
    await expect.poll(() => batches, { timeout: 2000, interval: 20 }).toEqual([[{ kind: 'config', file: config }]]);
    batches.length = 0;
    writeFileSync(config, '[default]\nregion = us-east-1\n');
    writeFileSync(config, '[default]\nregion = eu-west-1\n');
    await settle();
    expect(batches).toEqual([]);
  });

  /** A write of the app's, as its writers make it: the bytes noted for the handler that runs it. */
  const writeOwn = (file: string, text: string) => {
    writeFileSync(file, text);
    noteOwnWrite([file], Buffer.from(text));
  };

  it("the app's own write is no change; a rename over the file is one", async () => {
    const home = start('own');
    // A handler that writes and goes on working (the events arrive while it runs).
    await watch!.quietDuring(async () => {
      writeOwn(config, '[default]\nregion = ap-south-1\n');
      await settle();
    });
    await settle();
    expect(batches).toEqual([]);
    // A handler that returns as soon as it has written: the file system's events come after it returned.
    await watch!.quietDuring(async () => writeOwn(config, '[default]\nregion = eu-north-1\n'));
    await settle();
    expect(batches).toEqual([]);
    const temp = join(home, 'config.tmp');
    writeFileSync(temp, '[default]\nregion = sa-east-1\n');
    renameSync(temp, config);
    await expect.poll(() => batches, { timeout: 2000, interval: 20 }).toEqual([[{ kind: 'config', file: config }]]);
  });

  it("another program's write while the app writes is a change: of another watched file, or of the app's file after it", async () => {
    start('outside', { cacheDir: true });
    const token = join(cacheDir, 'token.json');
    // Another program writes a second watched file while the handler runs; its event arrives before the handler returns.
    await watch!.quietDuring(async () => {
      writeOwn(config, '[default]\nregion = eu-west-3\n');
      writeFileSync(token, '{"accessToken":"from-the-aws-cli"}');
      await settle();
    });
    await expect.poll(() => batches, { timeout: 2000, interval: 20 }).toEqual([[{ kind: 'cache', file: token }]]);
    batches.length = 0;
    // Another program writes the app's file right after the app did, before the handler returns.
    await watch!.quietDuring(async () => {
      writeOwn(config, '[default]\nregion = eu-south-1\n');
      writeFileSync(config, '[default]\nregion = il-central-1\n');
    });
    await expect.poll(() => batches, { timeout: 2000, interval: 20 }).toEqual([[{ kind: 'config', file: config }]]);
  });

  it("a sign-in the app writes is its own by the bytes it wrote; the aws CLI's write of the cache right after it is a change", async () => {
    const home = start('sign-in', { cacheDir: true });
    const env = { HOME: home };
    const sso = { startUrl: 'https://example.awsapps.com/start', session: 'example' };
    const token = { accessToken: 'from-the-app', expiresAt: '2030-01-01T00:00:00Z' };
    // The app's sign-in, then another program's edit of the config: that edit is the one change (events come in order).
    const file = await watch!.quietDuring(() => writeSsoToken(env, sso, token));
    writeFileSync(config, '[default]\nregion = ap-east-1\n');
    await expect.poll(() => batches, { timeout: 2000, interval: 20 }).toEqual([[{ kind: 'config', file: config }]]);
    batches.length = 0;
    // The aws CLI writes the same sign-in just after the app did, while the app's handler still runs.
    await watch!.quietDuring(async () => {
      await writeSsoToken(env, sso, { ...token, accessToken: 'from-the-app-again' });
      writeFileSync(file, '{"accessToken":"from-the-aws-cli"}');
    });
    await expect.poll(() => batches, { timeout: 2000, interval: 20 }).toEqual([[{ kind: 'cache', file }]]);
  });

  it('a folder that does not exist yet is watched from its parent: its first *.json is a change, other files are not', async () => {
    start('folder');
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(join(cacheDir, 'notes.txt'), 'not a token');
    writeFileSync(join(cacheDir, 'token.json'), '{"accessToken":"x"}');
    await expect.poll(() => batches.flat(), { timeout: 2000, interval: 20 }).toEqual([{ kind: 'cache', file: join(cacheDir, 'token.json') }]);
  });
});
