import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
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
  compressAssets();
  writeFileSync(PRODUCTION_MARK, '');
  return true;
}

/**
 * A gzip copy of each script and style sheet beside it, for browser mode's server to send (2.7 MB → 0.65 MB): at
 * launch that server is also running the profiles' checks, and each piece of a large answer waits its turn behind
 * them — the page's script arrived a quarter of a second after its HTML. Made here, once per build (~70 ms), not
 * by the server as it starts.
 */
function compressAssets(): void {
  const assets = join(RENDERER_DIST, 'assets');
  for (const name of readdirSync(assets).filter((n) => /\.(js|css)$/.test(n))) {
    writeFileSync(join(assets, `${name}.gz`), gzipSync(readFileSync(join(assets, name)), { level: 9 }));
  }
}
