import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventPayload } from '../shared/contract.js';
import type { AppInfo } from '../shared/profile-types.js';
import type { Handlers } from './dispatch.js';
import { startedFromGui } from './diagnose/exec-login-path.js';
import { contextsHandlers } from './contexts/handlers.js';
import { DoctorService, type DoctorDeps } from './diagnose/service.js';
import { EventHub } from './events.js';
import { logsHandlers } from './logs/handlers.js';
import { MatrixService } from './matrix/service.js';
import type { MfaSessionStore } from './profiles/credentials.js';
import { configFilePath, credentialsFilePath, ssoCacheDir, type Env, type ProfilesDeps } from './profiles/deps.js';
import { firstKubeconfigPath } from './kubeconfig/paths.js';
import { defaultProfilesDeps, ProfilesService } from './profiles/service.js';
import { adminMessageHandler } from './admin-message/handlers.js';
import { WizardService } from './grant/service.js';

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
  doctor?: Partial<Pick<DoctorDeps, 'timeoutMs' | 'reprobeTimeoutMs' | 'kubectl' | 'now'>>;
  /** Where the wizards keep aws-auth backups (default ~/.eks-access-doctor/backups/). */
  wizard?: { backupDir?: string };
}

export interface AppContext {
  env: Env;
  events: EventHub;
  profiles: ProfilesService;
  matrix: MatrixService;
  doctor: DoctorService;
  handlers: Handlers;
}

function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The app's services and the contract handlers over them — shared by Electron, browser mode and the CLI. */
export function createAppContext(opts: AppContextOptions): AppContext {
  const env = opts.env ?? process.env;
  const events = new EventHub();
  const profiles = new ProfilesService(defaultProfilesDeps(env, opts.profilesDeps), {
    status: (view) => events.emit('profiles.status', view),
    ssoCompleted: (result) => events.emit('sso.completed', result),
  });
  const matrix = new MatrixService({
    env,
    // The Profiles service keeps its MFA sessions private; a role unlocked on the Profiles page is scanned
    // with that session when the store is there.
    mfa: () => profiles.mfaSessions,
    emit: (payload) => events.emit('matrix.event', payload),
    settings: opts.matrixSettings,
  });
  const doctor = new DoctorService({
    ...(opts.wizard?.backupDir ? { backupDir: opts.wizard.backupDir } : {}),
    env,
    matrix,
    onMatrixEvent: (listener) => events.subscribe((name, payload) => name === 'matrix.event' && listener(payload as EventPayload<'matrix.event'>)),
    mfa: () => profiles.mfaSessions,
    fromGui: opts.mode === 'electron' && startedFromGui(env),
    ...opts.doctor,
  });
  const wizard = new WizardService({
    env,
    profiles,
    doctor,
    ...(opts.doctor?.kubectl ? { kubectl: opts.doctor.kubectl } : {}),
    ...(opts.wizard?.backupDir ? { backupDir: opts.wizard.backupDir } : {}),
  });
  const handlers: Handlers = {
    'app.info': async () => ({
      name: 'EKS Access Doctor',
      version: opts.version ?? appVersion(),
      mode: opts.mode,
      demo: Boolean(opts.demo),
      versions: { node: process.versions.node, ...opts.versions },
      files: { config: configFilePath(env), credentials: credentialsFilePath(env), kubeconfig: firstKubeconfigPath(env) ?? '(none: KUBECONFIG names no file)', ssoCache: ssoCacheDir(env) },
    }),
    'profiles.list': (req) => profiles.list(req),
    'profiles.check': (req) => profiles.check(req.name),
    'profiles.setActive': (req) => profiles.setActive(req.name),
    'profiles.active': () => profiles.active(),
    'sso.start': (req) => profiles.ssoStart(req.profile),
    'sso.poll': (req) => profiles.ssoPoll(req.flowId),
    'mfa.submit': (req) => profiles.mfaSubmit(req.profile, req.code),
    'matrix.start': (req) => matrix.start(req),
    'matrix.cancel': async () => matrix.cancel(),
    'matrix.rerun': (req) => matrix.rerun(req),
    'matrix.snapshot': async () => matrix.state(),
    'matrix.export': async (req) => matrix.export(req.format),
    'diagnosis.run': (req) => doctor.run(req),
    'kubeconfig.plan': (req) => doctor.plan(req),
    'kubeconfig.apply': (req) => doctor.apply(req),
    'kubeconfig.undo': (req) => doctor.undo(req),
    'report.export': (req) => doctor.report(req),
    ...wizard.handlers(),
    ...logsHandlers({ env, profiles }),
    ...adminMessageHandler({ env, profiles, matrix }),
    ...contextsHandlers({
      env,
      diagnose: (profile, clusterArn) => doctor.run({ profile, clusterArn }),
      execEnv: () => doctor.kubectlEnv(),
      fromGui: opts.mode === 'electron' && startedFromGui(env),
    }),
  };
  return { env, events, profiles, matrix, doctor, handlers };
}
