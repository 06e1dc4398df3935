import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { newestMtime } from './newest-mtime.js';
import { repoRoot } from './repo-root.js';

const root = repoRoot();
export const RENDERER_DIST = join(root, 'dist', 'renderer');

/** Builds the renderer (vite build) when dist/renderer is missing or older than its sources. */
export async function ensureRendererBuilt(): Promise<boolean> {
  const index = join(RENDERER_DIST, 'index.html');
  const sources = newestMtime(join(root, 'renderer'), join(root, 'shared'), join(root, 'vite.config.ts'));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return false;
  // vite is loaded only to build: starting the app with a fresh build must not pay for it.
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}
