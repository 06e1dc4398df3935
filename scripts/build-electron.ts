// Bundles the Electron edge: dist/electron/main.js (ESM; node_modules stay external, shipped by
// electron-builder) and dist/electron/preload.cjs (ONE CommonJS file, everything but 'electron'
// inlined — a sandboxed preload cannot require anything else).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { dependencies?: Record<string, string> };
const deps = Object.keys(pkg.dependencies ?? {});
const isDep = (id: string) => deps.some((d) => id === d || id.startsWith(`${d}/`));

export async function buildElectron(): Promise<void> {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir: 'dist/electron',
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      lib: { entry: { main: 'electron/main.ts' }, formats: ['es'], fileName: () => 'main.js' },
      rollupOptions: { external: (id) => id === 'electron' || id.startsWith('node:') || isDep(id) },
    },
  });
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    ssr: { noExternal: true },
    build: {
      ssr: true,
      outDir: 'dist/electron',
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      lib: { entry: { preload: 'electron/preload.ts' }, formats: ['cjs'], fileName: () => 'preload.cjs' },
      rollupOptions: { external: ['electron'] },
    },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildElectron().then(
    () => console.log('built dist/electron/main.js and dist/electron/preload.cjs'),
    (err: Error) => {
      console.error(`error: ${err.message.split('\n')[0]}`);
      process.exit(1);
    },
  );
}
