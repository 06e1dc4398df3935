#!/usr/bin/env node
// The headless CLI as an installed command (and as kubeconfig's credential helper, update-kubeconfig
// --use-app-token): runs the bundle in dist/cli (built by `bash setup/app.sh` and `npm run build`), so no
// TypeScript is compiled at start. A checkout that has not built it yet runs the source through tsx.
// `token` first asks the cache through one small module: a hit (most kubectl calls) loads nothing else.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const args = process.argv.slice(2);
const dist = new URL('../dist/cli/', import.meta.url);
const built = existsSync(new URL('cli.js', dist));
let cached;
let cacheStage;
if (built && args[0] === 'token') {
  try {
    cacheStage = createRequire(import.meta.url)('../dist/cli/cached-token.cjs');
  } catch {
    // A dist/cli built before this stage existed: the whole command answers.
  }
  cached = cacheStage?.cachedTokenOutput(args.slice(1), process.env);
}
if (cached !== undefined) {
  cacheStage.printOutput(cached);
} else {
  let runCli;
  if (built) {
    ({ runCli } = await import(new URL('cli.js', dist).href));
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    ({ runCli } = await import('../electron/cli.ts'));
  }
  const code = await runCli(args);
  process.exitCode = code;
  // Keep-alive sockets of the SDK must not hold the process open.
  setImmediate(() => process.exit(code));
}
