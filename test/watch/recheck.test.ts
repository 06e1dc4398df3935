// What a change on disk re-checks, in the whole app on the expired-sso sandbox: a kubeconfig edited by someone
// else re-runs exactly the matrix cells its context used before and uses now, within two seconds, and a burst of
// writes is checked once. The app's own kubeconfig write is no change; another program's write during it is one.
// Likewise the app's other writes of watched files: profiles saved into the AWS config, a backup restored, a sign-in;
// the record of what the files mean takes the bytes the app wrote (and the files it did not write as last seen), and a
// restored backup is checked again.
import { appendFileSync, readFileSync, unlinkSync, watch, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/app-context.js';
import { dispatch } from '../../electron/dispatch.js';
import { noteOwnWrite } from '../../electron/common/own-writes.js';
import { lockFileOf } from '../../electron/kubeconfig/file-lock.js';
import { configFilePath, credentialsFilePath } from '../../electron/profiles/deps.js';
import { ssoCacheFile } from '../../electron/profiles/sso-cache.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import type { RestoreDone } from '../../shared/backup-types.js';
import type { FilesChanged } from '../../shared/files-changed.js';
import type { IdentitiesResult, IdentityCenterPollResult, IdentityCenterSignInResult, SaveProfilesResult } from '../../shared/identity-center-types.js';
import type { MatrixEventPayload } from '../../shared/matrix-types.js';
import type { ProfilesListResult } from '../../shared/profile-types.js';
import { sandboxEnv } from '../app/support.js';
import { approveSignIn } from '../helpers/approve-sign-in.js';

/** Resolves when the file system reports the next event of `file`. */
function nextEventOf(file: string): Promise<void> {
  return new Promise((resolve) => {
    const w = watch(dirname(file), (_e, name) => {
      if (name !== basename(file)) return;
      w.close();
      resolve();
    });
  });
}

const SCENARIO = join(process.cwd(), 'sandbox', 'scenarios', 'expired-sso.yaml');

describe('re-checking what a kubeconfig change touches (expired-sso sandbox)', () => {
  let sandbox: SandboxHandle;
  let app: AppContext;
  let env: Record<string, string | undefined>;
  const changes: FilesChanged[] = [];
  const reruns: Array<{ profile?: string; clusterArn?: string }> = [];
  const matrixEvents: MatrixEventPayload[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox(SCENARIO);
    env = sandboxEnv(sandbox.env);
    app = createAppContext({ env, mode: 'browser', watch: { debounceMs: 200 } });
    app.events.subscribe((name, payload) => {
      if (name === 'files.changed') changes.push(payload as FilesChanged);
      if (name === 'matrix.event') matrixEvents.push(payload as MatrixEventPayload);
    });
    await app.services();
    const rerun = app.matrix.rerun.bind(app.matrix);
    app.matrix.rerun = (selector) => {
      reruns.push(selector);
      return rerun(selector);
    };
  });
  afterAll(async () => {
    app?.close();
    await sandbox?.stop();
  });
  const call = async <T>(name: string, req: unknown): Promise<T> => {
    const r = await dispatch(app.handlers, name, req);
    if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
    return r.result as T;
  };

  it('a kubeconfig edited on disk re-checks the cells of its context within 2 s; a burst of 20 writes, once', async () => {
    const started = await dispatch(app.handlers, 'matrix.start', {});
    if (!started.ok) throw new Error(`${started.error.code}: ${started.error.message}`);
    const { scanId } = started.result as { scanId: number };
    await expect.poll(() => matrixEvents.some((e) => e.scanId === scanId && e.event.type === 'done'), { timeout: 30_000 }).toBe(true);
    const clusterArn = app.matrix.state().matrix!.clusters.find((c) => c.name === 'shipping')!.arn;
    const kubeconfig = env.KUBECONFIG!.split(':')[0]!;
    const original = readFileSync(kubeconfig, 'utf8');
    expect(original).toContain('gina-sso');
    const edited = original.replaceAll('gina-sso', 'owner');
    reruns.length = 0;
    changes.length = 0;
    const t0 = Date.now();
    writeFileSync(kubeconfig, edited);
    await expect.poll(() => reruns.length, { timeout: 2000, interval: 50 }).toBeGreaterThan(0);
    expect(Date.now() - t0).toBeLessThan(2000);
    await new Promise((r) => setTimeout(r, 500));
    // The cell kubectl used before (gina-sso) and the one it uses now (owner), nothing else.
    expect(reruns.sort((a, b) => a.profile!.localeCompare(b.profile!))).toEqual([{ profile: 'gina-sso', clusterArn }, { profile: 'owner', clusterArn }]);
    expect(changes).toEqual([{ kinds: ['kubeconfig'], profiles: [], contexts: [expect.any(String)], cells: expect.arrayContaining([{ profile: 'owner', clusterArn }]) }]);
    await expect.poll(() => app.matrix.state().kubectl?.map((u) => u.profile), { timeout: 2000 }).toEqual(['owner']);

    // 20 writes in a burst (an editor saving, a tool rewriting): one re-check.
    reruns.length = 0;
    changes.length = 0;
    for (let i = 0; i < 20; i++) writeFileSync(kubeconfig, i % 2 ? original : edited);
    await expect.poll(() => changes.length, { timeout: 2000, interval: 50 }).toBe(1);
    await new Promise((r) => setTimeout(r, 800));
    expect(changes).toHaveLength(1);
    expect(reruns).toHaveLength(2);
  });

  it("the app's own kubeconfig write is no change; another program's AWS config write during it is one", async () => {
    const kubeconfig = env.KUBECONFIG!.split(':')[0]!;
    const awsConfig = configFilePath(env);
    const awsConfigOnly = { kinds: ['aws-config'], profiles: [], contexts: [], cells: [] };
    const { planId } = await call<{ planId: string }>('kubeconfig.plan', { profile: 'owner', cluster: 'shipping', region: 'us-east-1' });
    const before = readFileSync(kubeconfig, 'utf8');
    changes.length = 0;

    // kubectl holds the kubeconfig's lock, so the app's write waits; meanwhile another program edits the AWS config,
    // and its event arrives while the app's handler runs. Then the lock goes and the app writes.
    writeFileSync(lockFileOf(kubeconfig), '', { flag: 'wx' });
    const applying = call<{ undoId: string }>('kubeconfig.apply', { planId, verify: false });
    const delivered = nextEventOf(awsConfig);
    appendFileSync(awsConfig, '\n# edited by another program\n');
    await delivered;
    unlinkSync(lockFileOf(kubeconfig));
    const { undoId } = await applying;
    expect(readFileSync(kubeconfig, 'utf8')).not.toBe(before);
    await expect.poll(() => changes, { timeout: 2000, interval: 50 }).toEqual([awsConfigOnly]);

    // The app's undo alone, then another program's edit: only that edit is a change (the events come in order).
    changes.length = 0;
    await call('kubeconfig.undo', { undoId });
    expect(readFileSync(kubeconfig, 'utf8')).toBe(before);
    appendFileSync(awsConfig, '# and again\n');
    await expect.poll(() => changes.length, { timeout: 2000, interval: 50 }).toBe(1);
    expect(changes).toEqual([awsConfigOnly]);
  });

  it("profiles the app saves, a backup it restores and a sign-in it writes are no change; another program's edit after them is one", async () => {
    // The portal of Gina's sign-in also gives her a role no profile names yet.
    const start = 'https://acme.awsapps.com/start';
    const [assigned] = sandbox.world.ssoAssignmentsFor(start);
    sandbox.world.ssoAssignments.push({ ...assigned!, permissionSet: 'ReadOnly' });
    const { identities } = await call<IdentitiesResult>('identityCenter.identities', { session: 'acme-soon' });
    const unsaved = identities.find((i) => !i.profile)!;
    const awsConfig = configFilePath(env);
    const before = readFileSync(awsConfig, 'utf8');
    const cacheFile = ssoCacheFile(env, { startUrl: start, session: 'acme' });
    const expired = readFileSync(cacheFile, 'utf8');
    const ginaStatus = async () => (await call<ProfilesListResult>('profiles.list', {})).profiles.find((p) => p.name === 'gina-sso')!.status;
    await call('profiles.list', { wait: true });
    expect(await ginaStatus()).toBe('sso-login-needed');
    changes.length = 0;

    const saved = await call<SaveProfilesResult>('identityCenter.save', { session: 'acme-soon', identities: [unsaved.key] });
    expect(readFileSync(awsConfig, 'utf8')).toContain(`[profile ${unsaved.suggestedName}]`);
    // The events come in order: the first file seen changed on disk is the other program's, and the only one. It
    // adds one profile, and that profile is all that changed: the app's saved one was recorded as it wrote it.
    const credentials = credentialsFilePath(env);
    appendFileSync(credentials, '\n# edited by another program\n[added-outside]\nregion = eu-west-1\n');
    await expect.poll(() => changes.length, { timeout: 2000, interval: 50 }).toBe(1);
    expect(changes[0]).toMatchObject({ kinds: ['aws-credentials'], profiles: ['added-outside'] });
    const listed = async () => (await call<ProfilesListResult>('profiles.list', {})).profiles.map((p) => p.name);
    expect(await listed()).toContain(unsaved.suggestedName);

    // The restore takes the saved profile away again, and the app reads the file again for it (no change on disk).
    expect(await call<RestoreDone>('backups.restore', { backupId: saved.backupId })).toMatchObject({ restored: true });
    expect(readFileSync(awsConfig, 'utf8')).toBe(before);
    expect(await listed()).not.toContain(unsaved.suggestedName);
    // Gina signs in again from the IAM Identity Center section: the app writes the cache the aws CLI reads.
    const flow = await call<IdentityCenterSignInResult>('identityCenter.signIn', { session: 'acme' });
    expect(await approveSignIn(env, flow.userCode)).toBe(200);
    expect(await call<IdentityCenterPollResult>('identityCenter.poll', { flowId: flow.flowId })).toMatchObject({ state: 'complete' });
    expect(readFileSync(cacheFile, 'utf8')).not.toBe(expired);
    // Not a change on disk, so the app checks the profiles on that sign-in itself.
    await expect.poll(ginaStatus, { timeout: 10_000, interval: 50 }).toBe('valid');

    appendFileSync(credentials, '# and again\n');
    await expect.poll(() => changes.length, { timeout: 2000, interval: 50 }).toBe(2);
    expect(changes[1]!.kinds).toEqual(['aws-credentials']);
  });

  it('a kubeconfig backup the app restores re-checks the cells of the contexts it brought back', async () => {
    const kubeconfig = env.KUBECONFIG!.split(':')[0]!;
    const clusterArn = app.matrix.state().matrix!.clusters.find((c) => c.name === 'shipping')!.arn;
    const before = readFileSync(kubeconfig, 'utf8');
    const { planId } = await call<{ planId: string }>('kubeconfig.plan', { profile: 'owner', cluster: 'shipping', region: 'us-east-1' });
    const { backupId } = await call<{ backupId: string }>('kubeconfig.apply', { planId, verify: false });
    reruns.length = 0;
    changes.length = 0;
    expect(await call<RestoreDone>('backups.restore', { backupId })).toMatchObject({ restored: true });
    expect(readFileSync(kubeconfig, 'utf8')).toBe(before);
    // The cells kubectl used through the context as written (owner) and uses as restored (gina-sso); not a change on disk.
    await expect.poll(() => reruns.length, { timeout: 2000, interval: 50 }).toBe(2);
    expect(reruns.sort((a, b) => a.profile!.localeCompare(b.profile!))).toEqual([{ profile: 'gina-sso', clusterArn }, { profile: 'owner', clusterArn }]);
    expect(app.matrix.state().kubectl?.map((u) => u.profile)).toEqual(['gina-sso']);
    expect(changes).toEqual([]);
  });

  it("the app's write of the AWS config takes the credentials file as last seen: another program's edit of it meanwhile is a change", async () => {
    const awsConfig = configFilePath(env);
    const credentials = credentialsFilePath(env);
    changes.length = 0;
    // As a writing channel does (identityCenter.save writes the config only), with the other program's edit of the
    // credentials file seen by the watcher while the channel still runs.
    await app.watch!.watch.quietDuring(async () => {
      const bytes = Buffer.from(`${readFileSync(awsConfig, 'utf8')}\n# written by the app\n`);
      writeFileSync(awsConfig, bytes);
      noteOwnWrite([awsConfig], bytes);
      const delivered = nextEventOf(credentials);
      appendFileSync(credentials, '\n[added-meanwhile]\nregion = eu-west-1\n');
      await delivered;
    });
    await expect.poll(() => changes.length, { timeout: 2000, interval: 50 }).toBe(1);
    expect(changes[0]).toMatchObject({ kinds: ['aws-credentials'], profiles: ['added-meanwhile'] });
  });
});
