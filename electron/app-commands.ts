// How a command the app shows to copy names the app's own command line and a throwaway folder on this machine:
// `eks-access-doctor` is not on the PATH of a checkout set up with setup/app.sh, so its bin script by absolute path.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { AppCommands } from '../shared/profile-types.js';

/** The installed command, when this checkout's bin script cannot run (the packaged app puts it on the PATH). */
const INSTALLED = 'eks-access-doctor';

/** A path in single quotes when it holds anything a shell would split or expand. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./\\-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

export function appCommands(platform: NodeJS.Platform = process.platform): AppCommands {
  const bin = fileURLToPath(new URL('../bin/eks-access-doctor.cjs', import.meta.url));
  // The desktop app's own binary cannot run scripts as Node (its RunAsNode fuse is off).
  const cli = process.versions.electron || !existsSync(bin) ? INSTALLED : `${shellWord(process.execPath)} ${shellWord(bin)}`;
  return { cli, tempDir: platform === 'win32' ? tmpdir() : '/tmp' };
}
