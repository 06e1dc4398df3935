// This checkout's bin scripts by absolute path, for the commands the app writes or shows (kubectl's credential helper,
// the undo's restore). The module runs from source (electron/…) or from a bundle (dist/start, dist/electron), at
// different depths, so the folders above it are searched rather than one fixed relative path.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed command's name, used where this checkout's script cannot run (the packaged app puts it on the PATH). */
export const INSTALLED_COMMAND = 'eks-access-doctor';

export function appBinScript(file: string, from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from, i = 0; i < 3; i++, dir = dirname(dir)) {
    const bin = join(dir, 'bin', file);
    if (existsSync(bin)) return bin;
  }
  return undefined;
}
