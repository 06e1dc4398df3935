// Bundles the Electron edge: dist/electron/main.js (ESM; node_modules stay external, shipped by
// electron-builder), dist/electron/kube-worker.js (the scan's Kubernetes worker thread) and
// dist/electron/preload.cjs (ONE CommonJS file, everything but 'electron' inlined — a sandboxed preload cannot
// require anything else).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { dependencies?: Record<string, string> };
const deps = Object.keys(pkg.dependencies ?? {});
const isDep = (id: string) => deps.some((d) => id === d || id.startsWith(`${d}/`));

/** One entry built for Node 20 (unminified) into `outDir`. */
function bundle(outDir: string, entry: string, file: string, opts: { format: 'es' | 'cjs'; first?: boolean; external: (id: string) => boolean; inlineAll?: boolean }) {
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

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildElectron().then(
    () => console.log('built dist/electron/main.js, dist/electron/kube-worker.js and dist/electron/preload.cjs'),
    (err: Error) => {
      console.error(`error: ${err.message.split('\n')[0]}`);
      process.exit(1);
    },
  );
}
