// `npm start` / `npm run demo`: runs scripts/start.ts from a bundle in dist/start/, so a warm start compiles no
// TypeScript. Packages are inlined, as in the command line's bundle (scripts/build-cli.ts): resolving and loading
// the SDK's, the sandbox's and the Kubernetes client's hundreds of files one by one took half the start's CPU.
// The bundle is built here when it is missing or older than its sources; plain JavaScript, so that checking
// costs no compiler.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist', 'start');
const entry = join(out, 'start.js');

/** The newest modification time under `paths` (as scripts/newest-mtime.ts, which this plain script cannot import). */
function newest(...paths) {
  let t = 0;
  for (const p of paths) {
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(...readdirSync(p).map((e) => join(p, e))) : s.mtimeMs);
  }
  return t;
}

// Inlined CommonJS packages call require() and use __dirname; ESM output has neither (as in scripts/build-cli.ts).
const banner = [
  "import { createRequire as __eadCreateRequire } from 'node:module';",
  "import { fileURLToPath as __eadFileURLToPath } from 'node:url';",
  "import { dirname as __eadDirname } from 'node:path';",
  'const require = __eadCreateRequire(import.meta.url);',
  'const __filename = __eadFileURLToPath(import.meta.url);',
  'const __dirname = __eadDirname(__filename);',
].join('\n');

async function buildStart() {
  const building = `${out}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: root,
    // The scan's Kubernetes worker beside the chunk that starts it (electron/probe/kube-worker-script.ts).
    entryPoints: { start: 'scripts/start.ts', 'kube-worker': 'electron/probe/kube-worker.ts' },
    outdir: building,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Loaded only to build something stale (the UI, the Electron bundles, the command line).
    external: ['electron', 'esbuild', 'vite'],
    banner: { js: banner },
    logLevel: 'warning',
    legalComments: 'none',
    minify: true,
  });
  rmSync(out, { recursive: true, force: true });
  renameSync(building, out);
}

const sources = ['electron', 'shared', 'sandbox', 'scripts', 'package-lock.json'].map((p) => join(root, p));
if (!existsSync(entry) || statSync(entry).mtimeMs < newest(...sources)) {
  console.log('Preparing the app (once after each update)…');
  await buildStart();
}
await import(pathToFileURL(entry).href);
