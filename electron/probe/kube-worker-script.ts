// Where the Kubernetes worker thread's script is. The built app ships it beside main.js
// (scripts/build-electron.ts). From source (tsx, vitest) there is no such file, and Node 20 cannot hand a
// TypeScript loader to a worker, so it is compiled with esbuild once per process into node_modules/.cache,
// where its package imports resolve.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BUILT_NAME = 'kube-worker.js';
let compiled: Promise<URL> | undefined;

export function kubeWorkerScript(): Promise<URL> {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return Promise.resolve(new URL(`./${BUILT_NAME}`, here));
  return (compiled ??= compileFromSource(fileURLToPath(new URL('./kube-worker.ts', here))));
}

async function compileFromSource(entry: string): Promise<URL> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.text;
  const root = path.resolve(path.dirname(entry), '../..');
  const dir = path.join(root, 'node_modules', '.cache', 'eks-access-doctor');
  // Named by content: processes compiling the same source share one file; a changed source gets a new one.
  const file = path.join(dir, `kube-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  }
  return pathToFileURL(file);
}
