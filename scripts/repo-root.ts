import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's folder, found upward from this code: the scripts run from source (scripts/) and from the
 * bundle `npm start` runs (dist/start/), so a fixed number of ".." would be wrong for one of them.
 */
export function repoRoot(from = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && /"name":\s*"eks-access-doctor"/.test(readFileSync(pkg, 'utf8'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no eks-access-doctor package.json above ${fileURLToPath(from)}`);
    dir = up;
  }
}
