import { lazyRoomHandlers, NO_SCAN_YET, roomLoader, ROOM_NAMES } from './app-rooms.js';
import { appInfoHandlers } from './app-info.js';
import type { AppContextOptions, AppServices } from './app-services.js';
import type { Handlers } from './common/channel-handlers.js';
import type { DiagnosisService } from './diagnose/service.js';
import { EventHub } from './events.js';
import type { IdentityCenterService } from './identity-center/service.js';
import type { MatrixService } from './matrix/service.js';
import type { Env } from './profiles/deps.js';
import { ExpiryWarnings } from './profiles/expiry-warnings.js';
import { profilesHandlers } from './profiles/handlers.js';
import { defaultProfilesDeps, ProfilesService } from './profiles/service.js';
import { startAppWatch, type AppWatch } from './watch/app-watch.js';

export type { AppContextOptions };

export interface AppContext {
  env: Env;
  events: EventHub;
  profiles: ProfilesService;
  /** The scan's service; only once its room is loaded (`services()` or a call to any room but the profiles room). */
  readonly matrix: MatrixService;
  /** The diagnosis service; only once loaded, as `matrix`. */
  readonly diagnosis: DiagnosisService;
  handlers: Handlers;
  /** The services of every room but the profiles room, loaded on first use (once). */
  services(): Promise<AppServices>;
  /** Loads every room now (at launch: once the profile checks are done, so the first calls do not wait for it). */
  loadRooms(): Promise<void>;
  /**
   * At launch: once the profile checks are done and a page has been answered its first list (or `fallbackMs` after
   * the checks when no page asks), and `afterListMs` more (the page renders it meanwhile), loads every other room and
   * runs `alongside` — neither competes with the page.
   */
  loadRoomsAfterFirstList(alongside: () => Promise<unknown>, fallbackMs?: number, afterListMs?: number): Promise<void>;
  /** The file watcher, when watch was asked for. */
  watch?: AppWatch;
  /** Stops the file watcher, the expiry timers and the scan (when its room was loaded). */
  close(): void;
}

/**
 * The app's services and each room's contract handlers over them — shared by Electron, browser mode and the CLI.
 * The profiles room is built at once; every other room's code is loaded on its first call (app-rooms.ts).
 */
export function createAppContext(opts: AppContextOptions): AppContext {
  const env = opts.env ?? process.env;
  const events = new EventHub();
  const expiry = new ExpiryWarnings((warning) => events.emit('expiry.warning', warning));
  let watch: AppWatch | undefined;
  const profiles = new ProfilesService(defaultProfilesDeps(env, opts.profilesDeps), {
    status: (view) => {
      expiry.update(view);
      events.emit('profiles.status', view);
    },
    ssoCompleted: (result) => events.emit('sso.completed', result),
    writingSignIn: (work) => (watch ? watch.watch.quietDuring(work) : work()),
  }, { accountAliases: true });
  let ic: Promise<IdentityCenterService> | undefined;
  const identityCenter = (): Promise<IdentityCenterService> => {
    ic ??= import('./identity-center/service.js').then(({ IdentityCenterService }) =>
      new IdentityCenterService({
        profiles: defaultProfilesDeps(env, opts.profilesDeps),
        ...(opts.wizard?.backupDir ? { backupDir: opts.wizard.backupDir } : {}),
        signedIn: (sso) => void profiles.signedIn(sso),
      }));
    ic.catch(() => (ic = undefined));
    return ic;
  };
  let loaded: AppServices | undefined;
  let loading: Promise<AppServices> | undefined;
  const services = (): Promise<AppServices> => {
    loading ??= Promise.all([import('./app-services.js'), identityCenter()]).then(
      ([{ createAppServices }, center]) => (loaded = createAppServices({ env, opts, profiles, events, identityCenter: center })),
    );
    loading.catch(() => (loading = undefined));
    return loading;
  };
  const rooms = lazyRoomHandlers(roomLoader({ services, identityCenter }));
  const handlers: Handlers = {
    ...appInfoHandlers({ env, mode: opts.mode, demo: opts.demo, versions: opts.versions, version: opts.version }),
    ...profilesHandlers(profiles),
    ...rooms.handlers,
  };
  // The pages ask for the scan's state as they open: before the scan's code is loaded there is no scan.
  const snapshot = handlers['matrix.snapshot'];
  handlers['matrix.snapshot'] = (req) => (loaded ? snapshot(req) : Promise.resolve(NO_SCAN_YET));
  let firstListAnswered!: () => void;
  const firstList = new Promise<void>((resolve) => (firstListAnswered = resolve));
  const list = handlers['profiles.list'];
  handlers['profiles.list'] = (req) => list(req).finally(firstListAnswered);
  if (opts.watch) {
    watch = startAppWatch({ env, profiles, matrix: () => loaded?.matrix, events }, opts.watch === true ? {} : opts.watch);
    // The channels that write a watched file (a kubeconfig, the AWS config, the sign-in cache): the watcher takes the
    // bytes they wrote as the app's own, not as a change on disk. What they changed the app checks itself: each of
    // these channels its cells or profiles; a restored backup, the watcher (as it would a change on disk).
    const writers = [
      'kubeconfig.apply', 'kubeconfig.undo', 'contexts.useApply', 'contexts.useUndo',
      'identityCenter.save', 'identityCenter.poll', 'sso.refresh', 'backups.restore',
    ] as const;
    for (const name of writers) {
      const handler = handlers[name] as (req: never) => Promise<unknown>;
      const checkAgain = name === 'backups.restore';
      (handlers as Record<string, unknown>)[name] = (req: never) => watch!.watch.quietDuring(() => handler(req), { checkAgain });
    }
  }
  const loadRooms = async (): Promise<void> => {
    await Promise.all(ROOM_NAMES.map((room) => rooms.loadRoom(room)));
  };
  const need = <T>(get: (s: AppServices) => T, what: string): T => {
    if (!loaded) throw new Error(`The ${what} is not loaded yet (await services() first)`);
    return get(loaded);
  };
  return {
    env, events, profiles, handlers, watch, services,
    get matrix() { return need((s) => s.matrix, 'scan service'); },
    get diagnosis() { return need((s) => s.diagnosis, 'diagnosis service'); },
    loadRooms,
    loadRoomsAfterFirstList: async (alongside, fallbackMs = 5000, afterListMs = 0) => {
      await profiles.list({ wait: true });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([firstList, new Promise<void>((resolve) => (timer = setTimeout(resolve, fallbackMs).unref()))]);
      clearTimeout(timer);
      if (afterListMs > 0) await new Promise((resolve) => setTimeout(resolve, afterListMs).unref());
      await Promise.all([alongside(), loadRooms()]);
    },
    close: () => {
      watch?.close();
      expiry.close();
      loaded?.matrix.close();
    },
  };
}
