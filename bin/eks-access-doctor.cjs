#!/usr/bin/env node
// The headless CLI as an installed command (and as kubeconfig's credential helper, through token-helper.cjs):
// runs the bundle in dist/cli (built by `bash setup/app.sh` and `npm run build`), so no TypeScript is compiled
// at start. A checkout that has not built it yet runs the source through tsx.
// CommonJS, and `token` runs from its own CommonJS files: kubectl runs it on every call, and Node's ES module
// loader alone was a good part of that short process. A hit (most calls) is served by the cache stage alone, a
// miss by the token command's bundle; neither loads the command line's bundle.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose (above) */

const { existsSync } = require('node:fs');
const { join } = require('node:path');

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const args = process.argv.slice(2);
const dist = join(__dirname, '..', 'dist', 'cli');

/** The token command's CommonJS stages, or undefined (another command, or a dist/cli without them). */
function tokenStages() {
  if (args[0] !== 'token') return undefined;
  try {
    return { cacheStage: require(join(dist, 'cached-token.cjs')), command: require.resolve(join(dist, 'token-command.cjs')) };
  } catch {
    return undefined;
  }
}

async function runCommand(stages) {
  if (stages) return require(stages.command).runTokenCommand(args.slice(1));
  let runCli;
  if (existsSync(join(dist, 'cli.js'))) {
    ({ runCli } = await import(require('node:url').pathToFileURL(join(dist, 'cli.js')).href));
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    ({ runCli } = await import('../electron/cli.ts'));
  }
  return runCli(args);
}

const stages = tokenStages();
const cached = stages?.cacheStage.cachedTokenOutput(args.slice(1), process.env);
if (cached !== undefined) {
  stages.cacheStage.printOutput(cached);
} else {
  runCommand(stages).then((code) => {
    process.exitCode = code;
    // Keep-alive sockets of the SDK must not hold the process open.
    setImmediate(() => process.exit(code));
  });
}
