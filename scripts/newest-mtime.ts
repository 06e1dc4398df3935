import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time of the files at `paths` (folders walked): what decides whether a build is stale. */
export function newestMtime(...paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    const stat = statSync(path);
    if (!stat.isDirectory()) newest = Math.max(newest, stat.mtimeMs);
    else for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}
