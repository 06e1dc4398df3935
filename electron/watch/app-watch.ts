// The files the app keeps an eye on while it runs (not the CLI): the AWS config and credentials, the aws CLI's
// SSO token cache and every kubeconfig file of KUBECONFIG.
import type { EventHub } from '../events.js';
import { kubeconfigPaths } from '../kubeconfig/paths.js';
import type { MatrixService } from '../matrix/service.js';
import { configFilePath, credentialsFilePath, ssoCacheDir, type Env } from '../profiles/deps.js';
import type { ProfilesService } from '../profiles/service.js';
import type { WatchedFileKind } from '../../shared/files-changed.js';
import { FileWatch, type WatchOptions, type WatchTarget } from './file-watch.js';
import { Recheck } from './recheck.js';

export interface AppWatch {
  watch: FileWatch<WatchedFileKind>;
  /** Resolves once the files' meaning is read (changes before that are compared with it). */
  ready: Promise<void>;
  close(): void;
}

export function watchTargets(env: Env): WatchTarget<WatchedFileKind>[] {
  return [
    { kind: 'aws-config', path: configFilePath(env) },
    { kind: 'aws-credentials', path: credentialsFilePath(env) },
    { kind: 'sso-cache', path: ssoCacheDir(env), folder: true },
    ...kubeconfigPaths(env).map((path) => ({ kind: 'kubeconfig' as const, path })),
  ];
}

export function startAppWatch(deps: { env: Env; profiles: ProfilesService; matrix: () => MatrixService | undefined; events: EventHub }, opts: WatchOptions = {}): AppWatch {
  const recheck = new Recheck({ env: deps.env, profiles: deps.profiles, matrix: deps.matrix, emit: (changed) => deps.events.emit('files.changed', changed) });
  const ready = recheck.baseline().catch(() => undefined);
  const watch = new FileWatch<WatchedFileKind>(watchTargets(deps.env), async (changed) => {
    await ready;
    await recheck.onChange(changed);
  }, opts, async (written, quiet) => {
    await ready;
    await recheck.ownWrites(written, quiet);
  }).start();
  return { watch, ready, close: () => watch.close() };
}
