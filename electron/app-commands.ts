// How a command the app shows to copy names the app's own command line and a throwaway folder on this machine:
// `eks-access-doctor` is not on the PATH of a checkout set up with setup/app.sh, so its bin script by absolute path.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppCommands } from '../shared/profile-types.js';

/** The installed command, when this checkout's bin script cannot run (the packaged app puts it on the PATH). */
const INSTALLED = 'eks-access-doctor';

/** A path in single quotes when it holds anything a shell would split or expand. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./\\-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

/**
 * This checkout's bin script: this module runs from electron/ (source) or from a bundle a level deeper (dist/start,
 * dist/electron), so the folders above it are searched.
 */
export function binScript(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from, i = 0; i < 3; i++, dir = dirname(dir)) {
    const bin = join(dir, 'bin', 'eks-access-doctor.cjs');
    if (existsSync(bin)) return bin;
  }
  return undefined;
}

export function appCommands(platform: NodeJS.Platform = process.platform): AppCommands {
  const bin = binScript();
  // The desktop app's own binary cannot run scripts as Node (its RunAsNode fuse is off).
  const cli = process.versions.electron || !bin ? INSTALLED : `${shellWord(process.execPath)} ${shellWord(bin)}`;
  return { cli, tempDir: platform === 'win32' ? tmpdir() : '/tmp' };
}
