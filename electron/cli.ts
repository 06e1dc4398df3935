import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Env } from './profiles/deps.js';
import type { ProfileView } from '../shared/profile-types.js';
import { commandHelp, commandList, isCommandName, overview, type CommandName } from './cli/catalog.js';
import { redact } from '../shared/redact.js';
import type { CommandResult } from './cli/result.js';

/**
 * Headless CLI: the same handlers as the app. `npm run --silent cli -- <command> [flags] [--json]`.
 * Exit codes: 0 done, 2 bad arguments, 1 anything else — always with one line on stderr.
 */
export interface CliIo {
  env?: Env;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

class UsageError extends Error {}

type Command = (args: string[], io: Required<CliIo>) => Promise<number>;

/** Commands that return their whole output (they are also called in-process by tests and benchmarks). */
function buffered(run: (args: string[], env: Env) => Promise<CommandResult>): Command {
  return async (args, io) => {
    const result = await run(args, io.env);
    if (result.stdout) io.stdout(result.stdout);
    if (result.stderr) io.stderr(result.stderr);
    return result.exitCode;
  };
}

// Each command loads only its own modules: `matrix` and `token` start faster, and a scan's process does not
// load the Kubernetes client its worker thread uses.
const commands: Record<CommandName, Command> = {
  profiles: async (args, io) => {
    const { values } = parse(args, { json: { type: 'boolean' } });
    // The profiles service alone, not the app's whole context (which loads the Kubernetes client and more).
    const [{ defaultProfilesDeps, ProfilesService }, { STATUS_LABEL, TYPE_LABEL }, { textTable }] = await Promise.all([
      import('./profiles/service.js'),
      import('../shared/profile-words.js'),
      import('./cli/text-table.js'),
    ]);
    const { describeAwsError } = await import('../shared/aws-error-words.js');
    const list = await new ProfilesService(defaultProfilesDeps(io.env)).list({ refresh: true, wait: true });
    if (values.json) {
      io.stdout(JSON.stringify({ profiles: list.profiles.map(cliProfile), problems: list.problems }, null, 2) + '\n');
    } else {
      for (const p of list.problems) io.stderr(`warning: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}\n`);
      if (!list.profiles.length) io.stdout(`no AWS profiles in ${list.files.config} or ${list.files.credentials}\n`);
      if (list.profiles.length) {
        const rows = list.profiles.map((p) => [
          p.name,
          STATUS_LABEL[p.status],
          TYPE_LABEL[p.type],
          p.region ?? '-',
          p.identity ? p.identity.arn : p.error ? describeAwsError(p.error.code, p.error.message) : '',
        ]);
        io.stdout(textTable(['PROFILE', 'STATUS', 'KIND', 'REGION', 'IDENTITY OR PROBLEM'], rows));
      }
    }
    return 0;
  },
  contexts: buffered(async (args, env) => (await import('./cli/contexts.js')).runContexts(args, { env })),
  matrix: buffered(async (args, env) => (await import('./cli/matrix.js')).runMatrix(args, { env })),
  diagnose: buffered(async (args, env) => (await import('./cli/diagnose.js')).runDiagnose(args, { env })),
  fix: buffered(async (args, env) => (await import('./cli/fix.js')).runFix(args, { env })),
  token: buffered(async (args, env) => (await import('./cli/token.js')).runToken(args, { env })),
  'decode-token': buffered(async (args) => (await import('./cli/decode-token.js')).runDecodeToken(args)),
  restore: buffered(async (args, env) => (await import('./cli/restore.js')).runRestoreCommand(args, { env })),
  'sso-accounts': buffered(async (args, env) => (await import('./cli/sso-accounts.js')).runSsoAccounts(args, { env })),
  'sso-profiles': buffered(async (args, env) => (await import('./cli/sso-profiles.js')).runSsoProfiles(args, { env })),
  'update-kubeconfig': buffered(async (args, env) => (await import('./cli/update-kubeconfig.js')).runUpdateKubeconfig(args, { env })),
};

function parse(args: string[], options: Record<string, { type: 'boolean' | 'string' }>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
}

/** docs/cli.md: {name, type, region, identity:{arn, account}?, status, error?}. */
function cliProfile(p: ProfileView) {
  return {
    name: p.name,
    type: p.type,
    region: p.region,
    ...(p.identity ? { identity: { arn: p.identity.arn, account: p.identity.account } } : {}),
    status: p.status,
    ...(p.error ? { error: `${p.error.code}: ${p.error.message}` } : {}),
  };
}

export async function runCli(argv: string[], io: CliIo = {}): Promise<number> {
  const [name, ...rest] = argv;
  const stdout = io.stdout ?? ((t: string) => process.stdout.write(t));
  const stderr = io.stderr ?? ((t: string) => process.stderr.write(t));
  // Everything printed goes through the redaction policy, except what `token` prints: the credential kubectl asked for.
  const full: Required<CliIo> = {
    env: io.env ?? process.env,
    stdout: name === 'token' ? stdout : (t) => stdout(redact(t)),
    stderr: (t) => stderr(redact(t)),
  };
  try {
    if (!name) throw new UsageError(`a command is required (${commandList()})`);
    if (name === '--help' || name === '-h' || name === 'help') {
      stdout(overview()); // the app's own words: nothing to redact
      return 0;
    }
    // Own keys only: "constructor" or "__proto__" are not commands.
    if (!isCommandName(name)) throw new UsageError(`unknown command "${name}" (${commandList()})`);
    if (rest.includes('--help') || rest.includes('-h')) {
      stdout(commandHelp(name));
      return 0;
    }
    return await commands[name](rest, full);
  } catch (err) {
    if (err instanceof UsageError) {
      full.stderr(`error: ${err.message}\n`);
      return 2;
    }
    full.stderr(`error: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}\n`);
    return 1;
  }
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
