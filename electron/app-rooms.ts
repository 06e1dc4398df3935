// Every room but the profiles room, each loaded on its first call: one dynamic import per room (its own chunk in
// the bundles), so the page's files and its Profiles calls are served before the larger rooms' code is compiled.
import { ContractError } from '../shared/contract-kit.js';
import type { ChannelName } from '../shared/contract.js';
import type { AppServices } from './app-services.js';
import type { Handlers } from './common/channel-handlers.js';
import type { IdentityCenterService } from './identity-center/service.js';
import type { MatrixState } from '../shared/matrix-types.js';
import type { ProfilesHandlers } from './profiles/handlers.js';

/** The channels served from the start: the profiles room's and the app's own. */
export type FirstChannel = keyof ProfilesHandlers | 'app.info';
export type LazyChannel = Exclude<ChannelName, FirstChannel>;

export type RoomName = 'matrix' | 'identityCenter' | 'diagnosis' | 'kubeconfig' | 'grant' | 'backups' | 'logs' | 'admin' | 'contexts';

const ROOM_OF: Record<LazyChannel, RoomName> = {
  'matrix.start': 'matrix', 'matrix.cancel': 'matrix', 'matrix.rerun': 'matrix', 'matrix.snapshot': 'matrix', 'matrix.export': 'matrix',
  'identityCenter.sessions': 'identityCenter', 'identityCenter.signIn': 'identityCenter', 'identityCenter.poll': 'identityCenter',
  'identityCenter.identities': 'identityCenter', 'identityCenter.preview': 'identityCenter', 'identityCenter.save': 'identityCenter',
  'diagnosis.run': 'diagnosis', 'report.export': 'diagnosis', 'creator.find': 'diagnosis',
  'kubeconfig.plan': 'kubeconfig', 'kubeconfig.apply': 'kubeconfig', 'kubeconfig.undo': 'kubeconfig',
  'grant.options': 'grant', 'grant.plan': 'grant', 'grant.apply': 'grant', 'grant.restore': 'grant', 'cell.verify': 'grant',
  'backups.preview': 'backups', 'backups.restore': 'backups',
  'logs.status': 'logs', 'logs.enable': 'logs', 'logs.update': 'logs', 'logs.query': 'logs',
  'admin.message': 'admin',
  'contexts.list': 'contexts', 'contexts.usePlan': 'contexts', 'contexts.useApply': 'contexts', 'contexts.useUndo': 'contexts',
};

export const LAZY_CHANNELS = Object.keys(ROOM_OF) as LazyChannel[];
export const ROOM_NAMES = [...new Set(Object.values(ROOM_OF))];

type RoomHandlers = Partial<Pick<Handlers, LazyChannel>>;

/** What the rooms are built over, each loaded on first use: the Identity Center service alone, or every service. */
export interface RoomSources {
  services: () => Promise<AppServices>;
  identityCenter: () => Promise<IdentityCenterService>;
}

/** What `matrix.snapshot` answers while no scan service exists (the service's own answer before its first scan). */
export const NO_SCAN_YET: MatrixState = { scanId: 0, running: false };

const overServices = (build: (s: AppServices) => Promise<RoomHandlers>) => async (src: RoomSources) => build(await src.services());

/** Each room's handlers; each import is the room's own handlers module. */
const ROOMS: Record<RoomName, (src: RoomSources) => Promise<RoomHandlers>> = {
  matrix: overServices(async (s) => (await import('./matrix/handlers.js')).matrixHandlers(s.matrix)),
  identityCenter: async (src) => (await import('./identity-center/handlers.js')).identityCenterHandlers(await src.identityCenter()),
  diagnosis: overServices(async (s) => (await import('./diagnose/handlers.js')).diagnoseHandlers(s.diagnosis)),
  kubeconfig: overServices(async (s) => {
    const [{ kubeconfigHandlers }, { backupStoreFor }] = await Promise.all([import('./kubeconfig/handlers.js'), import('./authmap/backup.js')]);
    const { opts, diagnosis } = s;
    return kubeconfigHandlers({
      env: s.env,
      mfa: s.mfa,
      ...(opts.doctor?.now ? { now: opts.doctor.now } : {}),
      ...(opts.doctor?.kubectl ? { kubectl: opts.doctor.kubectl } : {}),
      records: backupStoreFor(s.env, opts.wizard?.backupDir),
      kubectlEnv: () => diagnosis.kubectlEnv(),
      reprobe: (profile, clusterArn) => diagnosis.reprobe(profile, clusterArn),
      redact: diagnosis.redact,
      unsavedIdentity: (profile) => s.identityCenter.unsavedIdentity(profile),
    });
  }),
  grant: overServices(async (s) => {
    const { grantHandlers } = await import('./grant/handlers.js');
    const { kubectl } = s.opts.doctor ?? {};
    const backupDir = s.opts.wizard?.backupDir;
    return grantHandlers({ env: s.env, profiles: s.profiles, diagnosis: s.diagnosis, ...(kubectl ? { kubectl } : {}), ...(backupDir ? { backupDir } : {}) });
  }),
  backups: overServices(async (s) => {
    const [{ backupsHandlers }, { backupStoreFor }] = await Promise.all([import('./restore/handlers.js'), import('./authmap/backup.js')]);
    return backupsHandlers({ env: s.env, profiles: s.profiles, backups: backupStoreFor(s.env, s.opts.wizard?.backupDir) });
  }),
  logs: overServices(async (s) => (await import('./logs/handlers.js')).logsHandlers({ env: s.env, profiles: s.profiles })),
  admin: overServices(async (s) => (await import('./admin-message/handlers.js')).adminMessageHandlers({ env: s.env, profiles: s.profiles, matrix: s.matrix })),
  contexts: overServices(async (s) =>
    (await import('./contexts/handlers.js')).contextsHandlers({
      env: s.env,
      diagnose: (profile, clusterArn, kubectl) => s.diagnosis.run({ profile, clusterArn }, kubectl ? { kubectl } : undefined),
      execEnv: () => s.diagnosis.kubectlEnv(),
      fromGui: s.fromGui,
      progress: (step) => s.events.emit('contexts.progress', step),
    })),
};

/** Loads a room's handlers over its sources. */
export function roomLoader(src: RoomSources): (room: RoomName) => Promise<RoomHandlers> {
  return (room) => ROOMS[room](src);
}

/**
 * A handler for every lazy channel that loads its room on the first call (once: concurrent first calls share
 * the load; a failed load is tried again on the next call) and then calls the room's own handler. A room that
 * cannot be loaded answers that call with an error naming it.
 */
export function lazyRoomHandlers(load: (room: RoomName) => Promise<RoomHandlers>): {
  handlers: Pick<Handlers, LazyChannel>;
  loadRoom: (room: RoomName) => Promise<RoomHandlers>;
} {
  const loading = new Map<RoomName, Promise<RoomHandlers>>();
  const loadRoom = (room: RoomName): Promise<RoomHandlers> => {
    let pending = loading.get(room);
    if (!pending) {
      pending = load(room).catch((err: unknown) => {
        loading.delete(room);
        const reason = err instanceof Error ? err.message.split('\n')[0]! : String(err);
        throw new ContractError('INTERNAL', `This part of the app (${room}) could not be loaded: ${reason}`);
      });
      loading.set(room, pending);
    }
    return pending;
  };
  const handlers = {} as Record<LazyChannel, (req: never) => Promise<unknown>>;
  for (const name of LAZY_CHANNELS) {
    handlers[name] = async (req: never) => {
      const room = await loadRoom(ROOM_OF[name]);
      const handler = room[name] as ((r: never) => Promise<unknown>) | undefined;
      if (!handler) throw new ContractError('INTERNAL', `The ${ROOM_OF[name]} room has no handler for ${name}`);
      return handler(req);
    };
  }
  return { handlers: handlers as unknown as Pick<Handlers, LazyChannel>, loadRoom };
}
