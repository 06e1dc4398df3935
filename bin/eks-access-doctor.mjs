#!/usr/bin/env node
// The headless CLI as an installed command (and as kubeconfig's credential helper, update-kubeconfig
// --use-app-token): runs the bundle in dist/cli (built by `bash setup/app.sh` and `npm run build`), so no
// TypeScript is compiled at start. A checkout that has not built it yet runs the source through tsx.
import { existsSync } from 'node:fs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const bundle = new URL('../dist/cli/cli.js', import.meta.url);
let runCli;
if (existsSync(bundle)) {
  ({ runCli } = await import(bundle.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../electron/cli.ts'));
}
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
// Keep-alive sockets of the SDK must not hold the process open.
setImmediate(() => process.exit(code));
