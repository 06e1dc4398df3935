// Bundles the headless CLI into dist/cli/, all in one folder: cli.js (the entry), one chunk per command (each
// command still loads only its own modules), the token command in CommonJS (cached-token.cjs: a cache hit, on its own;
// token-command.cjs: a miss; sdk-credentials.cjs) and kube-worker.js (the scan's worker thread, which the scan looks
// for beside the chunk that starts it; .js is ESM by the package's "type"). Packages are inlined: resolving
// and compiling hundreds of small SDK files at every start was most of a command's start-up, and the bin runs
// on every kubectl call through a kubeconfig exec.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { newestMtime } from './newest-mtime.js';
import { repoRoot } from './repo-root.js';

const root = repoRoot();
export const CLI_DIST = join(root, 'dist', 'cli');

// Inlined CommonJS packages call require() and use __dirname; ESM output has neither.
const banner = [
  "import { createRequire as __eadCreateRequire } from 'node:module';",
  "import { fileURLToPath as __eadFileURLToPath } from 'node:url';",
  "import { dirname as __eadDirname } from 'node:path';",
  'const require = __eadCreateRequire(import.meta.url);',
  'const __filename = __eadFileURLToPath(import.meta.url);',
  'const __dirname = __eadDirname(__filename);',
].join('\n');

/** The token command's import() of sdk-credentials.ts stays a require() of its own file, beside the importer. */
const sdkCredentialsApart: Plugin = {
  name: 'sdk-credentials-apart',
  setup(b) {
    b.onResolve({ filter: /\/sdk-credentials\.js$/ }, (args) => (args.kind === 'dynamic-import' ? { path: './sdk-credentials.cjs', external: true } : undefined));
  },
};

export async function buildCli(outDir = CLI_DIST): Promise<void> {
  // Built beside, then swapped in whole: chunk names change with their content, and stale ones must not stay.
  const building = `${outDir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: root,
    entryPoints: { cli: 'electron/cli.ts', 'kube-worker': 'electron/probe/kube-worker.ts' },
    outdir: building,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['electron'],
    banner: { js: banner },
    logLevel: 'warning',
    legalComments: 'none',
    // Less to parse at every start. (keepNames would cost ~10 ms a start: the app sets its errors' names itself.)
    minify: true,
  });
  // The token command in CommonJS, loaded with require(): synchronous, without a second pass of the ES module loader.
  // cached-token.cjs is its first stage (Node's modules and the cache: what the bin loads for a cache hit);
  // token-command.cjs the whole command for a miss; sdk-credentials.cjs what a miss needs for credentials other
  // than keys (the SDK), required only then.
  await build({
    absWorkingDir: root,
    entryPoints: { 'cached-token': 'electron/token/cached-token.ts', 'token-command': 'electron/cli/token-command.ts', 'sdk-credentials': 'electron/token/sdk-credentials.ts' },
    outdir: building,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['electron'],
    // import() becomes require(): no ES module loader for the SDK's credentials either.
    supported: { 'dynamic-import': false },
    plugins: [sdkCredentialsApart],
    logLevel: 'warning',
    legalComments: 'none',
    minify: true,
  });
  rmSync(outDir, { recursive: true, force: true });
  renameSync(building, outDir);
}

/** Builds the CLI when dist/cli is missing or older than its sources (the code, the packages, this script). */
export async function ensureCliBuilt(): Promise<boolean> {
  const entry = join(CLI_DIST, 'cli.js');
  const sources = newestMtime(join(root, 'electron'), join(root, 'shared'), join(root, 'package-lock.json'), join(root, 'scripts', 'build-cli.ts'));
  if (existsSync(entry) && statSync(entry).mtimeMs >= sources) return false;
  await buildCli();
  return true;
}

// Run as a script — not when bundled into `npm start`'s start.js, which is then process.argv[1] too.
if (import.meta.url.endsWith('/build-cli.ts') && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  (process.argv.includes('--if-stale') ? ensureCliBuilt() : buildCli().then(() => true)).then(
    (built) => console.log(built ? 'built dist/cli/cli.js' : 'dist/cli/cli.js is up to date'),
    (err: Error) => {
      console.error(`error: ${err.message.split('\n')[0]}`);
      process.exit(1);
    },
  );
}
