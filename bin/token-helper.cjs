#!/usr/bin/env node
// kubectl's credential helper, as `update-kubeconfig --use-app-token` writes it: `<node> bin/token-helper.cjs token …`.
// kubectl runs it on every call and most calls are cache hits, so a hit is served here in CommonJS — without
// starting the ES module loader, a few milliseconds of every call — and the process ends. Anything else (a miss,
// a flag the cache stage leaves to the command, a checkout without dist/cli) runs the installed command.
'use strict';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
let cached;
let cacheStage;
if (process.argv[2] === 'token') {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose (above)
    cacheStage = require('../dist/cli/cached-token.cjs');
  } catch {
    // Not built: the command below runs from source.
  }
  cached = cacheStage?.cachedTokenOutput(process.argv.slice(3), process.env);
}
if (cached !== undefined) cacheStage.printOutput(cached);
else import('./eks-access-doctor.mjs');
