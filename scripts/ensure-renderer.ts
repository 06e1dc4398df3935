import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newestMtime } from './newest-mtime.js';
import { repoRoot } from './repo-root.js';

const root = repoRoot();
export const RENDERER_DIST = join(root, 'dist', 'renderer');
/** Written after a production build: a renderer built before without it may be a development build (below). */
const PRODUCTION_MARK = join(RENDERER_DIST, '.production');

/**
 * Builds the renderer (vite build) when dist/renderer is missing, older than its sources, or not a production build.
 * Always for production: vite builds for whatever NODE_ENV says, and under the tests it says "test" — React's
 * development build, twice the work per render and every effect run twice, which `npm start` then served.
 */
export async function ensureRendererBuilt(): Promise<boolean> {
  const sources = newestMtime(join(root, 'renderer'), join(root, 'shared'), join(root, 'vite.config.ts'));
  if (existsSync(PRODUCTION_MARK) && statSync(PRODUCTION_MARK).mtimeMs >= sources) return false;
  // vite is loaded only to build: starting the app with a fresh build must not pay for it.
  const { build } = await import('vite');
  // The React plugin compiles JSX for development unless NODE_ENV says production, whatever the mode: set it while building.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  writeFileSync(PRODUCTION_MARK, '');
  return true;
}
