// How a command the app shows to copy names the app's own command line and a throwaway folder on this machine:
// `eks-access-doctor` is not on the PATH of a checkout set up with setup/app.sh, so its bin script by absolute path.
import { tmpdir } from 'node:os';
import { appBinScript, INSTALLED_COMMAND } from './common/app-bin.js';
import type { AppCommands } from '../shared/profile-types.js';

/** A path in single quotes when it holds anything a shell would split or expand. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./\\-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

/** This checkout's command-line script, searched from `from` (this module's folder by default). */
export function binScript(from?: string): string | undefined {
  return appBinScript('eks-access-doctor.cjs', from);
}

export function appCommands(platform: NodeJS.Platform = process.platform): AppCommands {
  const bin = binScript();
  // The desktop app's own binary cannot run scripts as Node (its RunAsNode fuse is off).
  const cli = process.versions.electron || !bin ? INSTALLED_COMMAND : `${shellWord(process.execPath)} ${shellWord(bin)}`;
  return { cli, tempDir: platform === 'win32' ? tmpdir() : '/tmp' };
}
