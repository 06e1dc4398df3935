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
import { matrixHandlers } from './matrix/handlers.js';
import { MatrixService } from './matrix/service.js';
import { homeDirOf, type Env, type ProfilesDeps } from './profiles/deps.js';
import { profilesHandlers } from './profiles/handlers.js';
import { defaultProfilesDeps, ProfilesService } from './profiles/service.js';

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
}

export interface AppContext {
  env: Env;
  events: EventHub;
  profiles: ProfilesService;
  matrix: MatrixService;
  diagnosis: DiagnosisService;
  handlers: Handlers;
}

/** The app's services and each room's contract handlers over them — shared by Electron, browser mode and the CLI. */
export function createAppContext(opts: AppContextOptions): AppContext {
  const env = opts.env ?? process.env;
  const fromGui = opts.mode === 'electron' && startedFromGui(env);
  const events = new EventHub();
  const profiles = new ProfilesService(defaultProfilesDeps(env, opts.profilesDeps), {
    status: (view) => events.emit('profiles.status', view),
    ssoCompleted: (result) => events.emit('sso.completed', result),
  });
  // The Profiles service keeps its MFA sessions private; a role unlocked on the Profiles page is used with that session.
  const mfa = () => profiles.mfaSessions;
  const matrix = new MatrixService({ env, mfa, emit: (payload) => events.emit('matrix.event', payload), settings: opts.matrixSettings });
  const diagnosis = new DiagnosisService({
    env,
    matrix,
    onMatrixEvent: (listener) => events.subscribe((name, payload) => name === 'matrix.event' && listener(payload as EventPayload<'matrix.event'>)),
    mfa,
    fromGui,
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
  return { env, events, profiles, matrix, diagnosis, handlers };
}
