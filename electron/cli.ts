import { pathToFileURL } from 'node:url';
import { commandList, isCommandName, overview, type CommandName } from './cli/catalog.js';
import { commandIo, runNamedCommand, type CliIo, type Run } from './cli/run-named.js';

/**
 * Headless CLI: another host of the app's handlers. `npm run --silent cli -- <command> [flags] [--json]`.
 * A command is an entry of the table in cli/catalog.ts (its flags, usage and help) and a run here, loaded on
 * demand: each run parses its flags with cli/result.ts's one parser, makes the contract's request and formats
 * the answer. Exit codes: 0 done, 2 bad arguments, 1 anything else — always with one line on stderr.
 */
export type { CliIo };

// Each command loads only its own modules: `matrix` and `token` start faster, and a scan's process does not
// load the Kubernetes client its worker thread uses.
const RUNS: Record<CommandName, Run> = {
  profiles: async (args, env) => (await import('./cli/profiles.js')).runProfiles(args, { env }),
  contexts: async (args, env) => (await import('./cli/contexts.js')).runContexts(args, { env }),
  matrix: async (args, env) => (await import('./cli/matrix.js')).runMatrix(args, { env }),
  diagnose: async (args, env) => (await import('./cli/diagnose.js')).runDiagnose(args, { env }),
  fix: async (args, env) => (await import('./cli/fix.js')).runFix(args, { env }),
  token: async (args, env) => (await import('./cli/token.js')).runToken(args, { env }),
  'decode-token': async (args) => (await import('./cli/decode-token.js')).runDecodeToken(args),
  restore: async (args, env) => (await import('./cli/restore.js')).runRestoreCommand(args, { env }),
  'sso-accounts': async (args, env) => (await import('./cli/sso-accounts.js')).runSsoAccounts(args, { env }),
  'sso-profiles': async (args, env) => (await import('./cli/sso-profiles.js')).runSsoProfiles(args, { env }),
  'update-kubeconfig': async (args, env) => (await import('./cli/update-kubeconfig.js')).runUpdateKubeconfig(args, { env }),
};

export async function runCli(argv: string[], io: CliIo = {}): Promise<number> {
  const [name, ...rest] = argv;
  const full = commandIo(name, io);
  if (!name) return usage(full, `a command is required (${commandList()})`);
  if (name === '--help' || name === '-h' || name === 'help') {
    full.plainStdout(overview()); // the app's own words: nothing to redact
    return 0;
  }
  // Own keys only: "constructor" or "__proto__" are not commands.
  if (!isCommandName(name)) return usage(full, `unknown command "${name}" (${commandList()})`);
  return runNamedCommand(name, rest, full, RUNS[name]);
}

function usage(io: CliIo & { stderr: (text: string) => void }, message: string): number {
  io.stderr(`error: ${message}\n`);
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // The SDK's multi-line Node-version notice would break "one clear line on stderr".
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    // Keep-alive sockets of the SDK must not hold the process open.
    setImmediate(() => process.exit(code));
  });
}
