import type { EventPayload } from '../shared/contract.js';
import type { AppInfo } from '../shared/profile-types.js';
import { startedFromGui } from './diagnose/exec-login-path.js';
import { DiagnosisService, type DiagnosisDeps } from './diagnose/service.js';
import type { EventHub } from './events.js';
import type { IdentityCenterService } from './identity-center/service.js';
import type { KubeconfigServiceDeps } from './kubeconfig/service.js';
import { MatrixService } from './matrix/service.js';
import type { Env, ProfilesDeps } from './profiles/deps.js';
import type { ProfilesService } from './profiles/service.js';
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

/** The services every room but the profiles room works over: loaded with the first such room (their SDK clients are most of the app's code). */
export interface AppServices {
  env: Env;
  opts: AppContextOptions;
  profiles: ProfilesService;
  matrix: MatrixService;
  identityCenter: IdentityCenterService;
  diagnosis: DiagnosisService;
  fromGui: boolean;
  /** The contract's events, to every window (the rooms that tell as they go). */
  events: EventHub;
  /** The MFA sessions the Profiles page unlocked: a role unlocked there is used with that session. */
  mfa: () => ProfilesService['mfaSessions'];
}

/** `identityCenter` is made apart (its room needs none of the rest): the scan and the diagnosis use the same one. */
export function createAppServices(base: { env: Env; opts: AppContextOptions; profiles: ProfilesService; events: EventHub; identityCenter: IdentityCenterService }): AppServices {
  const { env, opts, profiles, events, identityCenter } = base;
  const fromGui = opts.mode === 'electron' && startedFromGui(env);
  const mfa = () => profiles.mfaSessions;
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
  return { env, opts, profiles, matrix, identityCenter, diagnosis, fromGui, mfa, events };
}
