import type { EventPayload } from '../shared/contract.js';
import type { AppInfo } from '../shared/profile-types.js';
import { adminMessageHandlers } from './admin-message/handlers.js';
import { appInfoHandlers } from './app-info.js';
import { BackupStore, defaultBackupDir } from './authmap/backup.js';
import type { Handlers } from './common/channel-handlers.js';
import { contextsHandlers } from './contexts/handlers.js';
import { startedFromGui } from './diagnose/exec-login-path.js';
import { diagnoseHandlers } from './diagnose/handlers.js';
import { DiagnosisService, type DiagnosisDeps } from './diagnose/service.js';
import { EventHub } from './events.js';
import { grantHandlers } from './grant/handlers.js';
import { kubeconfigHandlers } from './kubeconfig/handlers.js';
import type { KubeconfigServiceDeps } from './kubeconfig/service.js';
import { logsHandlers } from './logs/handlers.js';
import { identityCenterHandlers } from './identity-center/handlers.js';
import { IdentityCenterService } from './identity-center/service.js';
import { matrixHandlers } from './matrix/handlers.js';
import { MatrixService } from './matrix/service.js';
import { homeDirOf, type Env, type ProfilesDeps } from './profiles/deps.js';
import { ExpiryWarnings } from './profiles/expiry-warnings.js';
import { profilesHandlers } from './profiles/handlers.js';
import { defaultProfilesDeps, ProfilesService } from './profiles/service.js';
import { startAppWatch, type AppWatch } from './watch/app-watch.js';
import type { WatchOptions } from './watch/file-watch.js';

export interface AppContextOptions {
  env?: Env;
  mode: AppInfo['mode'];
  demo?: boolean;
  versions?: Record<string, string>;
  /** The app's version; read from package.json when absent. */
  version?: string;
  profilesDeps?: Partial<ProfilesDeps>;
  /** Overrides for every matrix scan (tests: shorter timeouts). */
  matrixSettings?: ConstructorParameters<typeof MatrixService>[0]['settings'];
  /** Overrides for the diagnosis and the one-click kubeconfig fix (tests: timeouts, the kubectl binary). */
  doctor?: Partial<Pick<DiagnosisDeps, 'timeoutMs' | 'reprobeTimeoutMs' | 'now'> & Pick<KubeconfigServiceDeps, 'kubectl'>>;
  /** Where the wizards keep aws-auth backups (default ~/.eks-access-doctor/backups/). */
  wizard?: { backupDir?: string };
  /** Watch the AWS files and the kubeconfig and check again what a change touches (the app, not the CLI). */
  watch?: boolean | WatchOptions;
}

export interface AppContext {
  env: Env;
  events: EventHub;
  profiles: ProfilesService;
  matrix: MatrixService;
  diagnosis: DiagnosisService;
  handlers: Handlers;
  /** The file watcher, when watch was asked for. */
  watch?: AppWatch;
  /** Stops the file watcher and the expiry timers. */
  close(): void;
}

/** The app's services and each room's contract handlers over them — shared by Electron, browser mode and the CLI. */
export function createAppContext(opts: AppContextOptions): AppContext {
  const env = opts.env ?? process.env;
  const fromGui = opts.mode === 'electron' && startedFromGui(env);
  const events = new EventHub();
  const expiry = new ExpiryWarnings((warning) => events.emit('expiry.warning', warning));
  let watch: AppWatch | undefined;
  const profiles = new ProfilesService(defaultProfilesDeps(env, opts.profilesDeps), {
    status: (view) => {
      expiry.update(view);
      events.emit('profiles.status', view);
    },
    ssoCompleted: (result) => events.emit('sso.completed', result),
    signInWritten: (file) => watch?.watch.acknowledge(file),
  }, { accountAliases: true });
  // The Profiles service keeps its MFA sessions private; a role unlocked on the Profiles page is used with that session.
  const mfa = () => profiles.mfaSessions;
  const identityCenter = new IdentityCenterService({ profiles: defaultProfilesDeps(env, opts.profilesDeps), ...(opts.wizard?.backupDir ? { backupDir: opts.wizard.backupDir } : {}) });
  const matrix = new MatrixService({
    env,
    mfa,
    emit: (payload) => events.emit('matrix.event', payload),
    settings: opts.matrixSettings,
    ssoRows: (session) => identityCenter.matrixRows(session),
  });
  const diagnosis = new DiagnosisService({
    env,
    matrix,
    onMatrixEvent: (listener) => events.subscribe((name, payload) => name === 'matrix.event' && listener(payload as EventPayload<'matrix.event'>)),
    mfa,
    fromGui,
    unsavedIdentity: (profile) => identityCenter.unsavedIdentity(profile),
    ...(opts.doctor?.timeoutMs ? { timeoutMs: opts.doctor.timeoutMs } : {}),
    ...(opts.doctor?.reprobeTimeoutMs ? { reprobeTimeoutMs: opts.doctor.reprobeTimeoutMs } : {}),
    ...(opts.doctor?.now ? { now: opts.doctor.now } : {}),
  });
  const backupDir = opts.wizard?.backupDir;
  const kubectl = opts.doctor?.kubectl;
  const handlers: Handlers = {
    ...appInfoHandlers({ env, mode: opts.mode, demo: opts.demo, versions: opts.versions, version: opts.version }),
    ...profilesHandlers(profiles),
    ...matrixHandlers(matrix),
    ...identityCenterHandlers(identityCenter),
    ...diagnoseHandlers(diagnosis),
    ...kubeconfigHandlers({
      env,
      mfa,
      ...(opts.doctor?.now ? { now: opts.doctor.now } : {}),
      ...(kubectl ? { kubectl } : {}),
      records: new BackupStore(backupDir ?? defaultBackupDir(homeDirOf(env))),
      kubectlEnv: () => diagnosis.kubectlEnv(),
      reprobe: (profile, clusterArn) => diagnosis.reprobe(profile, clusterArn),
      redact: diagnosis.redact,
      unsavedIdentity: (profile) => identityCenter.unsavedIdentity(profile),
    }),
    ...grantHandlers({ env, profiles, diagnosis, ...(kubectl ? { kubectl } : {}), ...(backupDir ? { backupDir } : {}) }),
    ...logsHandlers({ env, profiles }),
    ...adminMessageHandlers({ env, profiles, matrix }),
    ...contextsHandlers({
      env,
      diagnose: (profile, clusterArn) => diagnosis.run({ profile, clusterArn }),
      execEnv: () => diagnosis.kubectlEnv(),
      fromGui,
    }),
  };
  if (opts.watch) {
    watch = startAppWatch({ env, profiles, matrix, events }, opts.watch === true ? {} : opts.watch);
    // The app's own kubeconfig writes re-check their cells themselves: the watcher does not check them again.
    for (const name of ['kubeconfig.apply', 'kubeconfig.undo', 'contexts.useApply', 'contexts.useUndo'] as const) {
      const handler = handlers[name] as (req: never) => Promise<unknown>;
      (handlers as Record<string, unknown>)[name] = (req: never) => watch!.watch.quietDuring(() => handler(req));
    }
  }
  return {
    env, events, profiles, matrix, diagnosis, handlers, watch,
    close: () => {
      watch?.close();
      expiry.close();
    },
  };
}
