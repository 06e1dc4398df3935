#!/usr/bin/env node
// The headless CLI as an installed command (and for kubeconfig exec blocks): runs electron/cli.ts through tsx.
import { register } from 'tsx/esm/api';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { runCli } = await import('../electron/cli.ts');
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
// Keep-alive sockets of the SDK must not hold the process open.
setImmediate(() => process.exit(code));
