// The `app.info` channel: the app's name, version, mode and the files it reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo } from '../shared/profile-types.js';
import { appCommands } from './app-commands.js';
import type { Handlers } from './common/channel-handlers.js';
import { firstKubeconfigPath } from './kubeconfig/paths.js';
import { configFilePath, credentialsFilePath, ssoCacheDir, type Env } from './profiles/deps.js';

export interface AppInfoOptions {
  env: Env;
  mode: AppInfo['mode'];
  demo?: boolean;
  versions?: Record<string, string>;
  /** The app's version; read from package.json when absent. */
  version?: string;
}

function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function appInfoHandlers(opts: AppInfoOptions): Pick<Handlers, 'app.info'> {
  const { env } = opts;
  return {
    'app.info': async () => ({
      name: 'EKS Access Doctor',
      version: opts.version ?? appVersion(),
      mode: opts.mode,
      demo: Boolean(opts.demo),
      versions: { node: process.versions.node, ...opts.versions },
      files: { config: configFilePath(env), credentials: credentialsFilePath(env), kubeconfig: firstKubeconfigPath(env) ?? '(none: KUBECONFIG names no file)', ssoCache: ssoCacheDir(env) },
      commands: appCommands(),
    }),
  };
}
