// One named command run and printed: its --help, its run, its output, and the last guard. The command line
// (cli.ts) runs every command through this; the token command's own bundle (token-command.ts) runs
// `token` through it too, without loading the table of the other commands' runs.
import { firstLine } from '../common/first-line.js';
import type { Env } from '../profiles/deps.js';
import { redact } from '../../shared/redact.js';
import { commandHelp, type CommandName } from './catalog.js';
import type { CommandResult } from './result.js';

export interface CliIo {
  env?: Env;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

export type Run = (args: string[], env: Env) => Promise<CommandResult>;

export interface CommandIo extends Required<CliIo> {
  /** stdout unredacted: for the app's own words (help). */
  plainStdout: (text: string) => void;
}

/** The io every command prints through: redacted, except what `token` prints — the credential kubectl asked for. */
export function commandIo(name: string | undefined, io: CliIo): CommandIo {
  const stdout = io.stdout ?? ((t: string) => process.stdout.write(t));
  const stderr = io.stderr ?? ((t: string) => process.stderr.write(t));
  return {
    env: io.env ?? process.env,
    stdout: name === 'token' ? stdout : (t) => stdout(redact(t)),
    stderr: (t) => stderr(redact(t)),
    plainStdout: stdout,
  };
}

export async function runNamedCommand(name: CommandName, rest: string[], io: CommandIo, run: Run): Promise<number> {
  if (rest.includes('--help') || rest.includes('-h')) {
    io.plainStdout(commandHelp(name));
    return 0;
  }
  try {
    const result = await run(rest, io.env);
    if (result.stdout) io.stdout(result.stdout);
    if (result.stderr) io.stderr(result.stderr);
    return result.exitCode;
  } catch (err) {
    // Each run words its own failures; this is the last guard: one line, never a stack trace.
    io.stderr(`error: ${firstLine(err)}\n`);
    return 1;
  }
}
