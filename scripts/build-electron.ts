// Bundles the Electron edge: dist/electron/main.js (ESM; node_modules stay external, shipped by
// electron-builder), dist/electron/kube-worker.js (the scan's Kubernetes worker thread) and
// dist/electron/preload.cjs (ONE CommonJS file, everything but 'electron' inlined — a sandboxed preload cannot
// require anything else).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from './newest-mtime.js';
import { repoRoot } from './repo-root.js';

const root = repoRoot();
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { dependencies?: Record<string, string> };
const deps = Object.keys(pkg.dependencies ?? {});
const isDep = (id: string) => deps.some((d) => id === d || id.startsWith(`${d}/`));

/** One entry built for Node 20 (unminified) into `outDir`. */
async function bundle(outDir: string, entry: string, file: string, opts: { format: 'es' | 'cjs'; first?: boolean; external: (id: string) => boolean; inlineAll?: boolean }) {
  // vite is loaded only to build: a start that finds the bundles fresh does not pay for it.
  const { build } = await import('vite');
  return build({
    configFile: false,
    root,
    logLevel: 'warn',
    ...(opts.inlineAll ? { ssr: { noExternal: true } } : {}),
    build: {
      ssr: true,
      outDir,
      emptyOutDir: Boolean(opts.first),
      target: 'node20',
      minify: false,
      lib: { entry: { [file.replace(/\.c?js$/, '')]: entry }, formats: [opts.format], fileName: () => file },
      rollupOptions: { external: opts.external },
    },
  });
}

/** `outDir` relative to the repository (tests build elsewhere than dist/electron). */
export async function buildElectron(outDir = 'dist/electron'): Promise<void> {
  const nodeOrDep = (id: string) => id.startsWith('node:') || isDep(id);
  await bundle(outDir, 'electron/main.ts', 'main.js', { format: 'es', first: true, external: (id) => id === 'electron' || nodeOrDep(id) });
  // The scan's Kubernetes worker thread, beside main.js where electron/probe/kube-worker-script.ts looks for it.
  await bundle(outDir, 'electron/probe/kube-worker.ts', 'kube-worker.js', { format: 'es', external: nodeOrDep });
  await bundle(outDir, 'electron/preload.ts', 'preload.cjs', { format: 'cjs', external: (id) => id === 'electron', inlineAll: true });
}

/** Builds dist/electron when it is missing or older than its sources: a warm `npm start` builds nothing. */
export async function ensureElectronBuilt(): Promise<boolean> {
  const files = ['main.js', 'kube-worker.js', 'preload.cjs'].map((f) => join(root, 'dist', 'electron', f));
  const sources = newestMtime(join(root, 'electron'), join(root, 'shared'), join(root, 'package-lock.json'), join(root, 'scripts', 'build-electron.ts'));
  if (files.every((f) => existsSync(f) && statSync(f).mtimeMs >= sources)) return false;
  await buildElectron();
  return true;
}

// Run as a script — not when bundled into `npm start`'s start.js, which is then process.argv[1] too.
if (import.meta.url.endsWith('/build-electron.ts') && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildElectron().then(
    () => console.log('built dist/electron/main.js, dist/electron/kube-worker.js and dist/electron/preload.cjs'),
    (err: Error) => {
      console.error(`error: ${err.message.split('\n')[0]}`);
      process.exit(1);
    },
  );
}
