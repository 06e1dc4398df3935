// How every command runs: its flags parsed from the command table (one parser), one usage error (exit 2, with the
// usage line), and one mapping from a failure to its exit code and its one line on stderr. Light on purpose:
// `token` loads it on every kubectl call that misses the cache.
import { parseArgs } from 'node:util';
import type { AppErrorCode } from '../../shared/error-codes.js';
import { failureLine } from '../common/first-line.js';
import { COMMANDS, usageLine, type CommandName, type CommandSpec } from './catalog.js';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Bad arguments: exit 2, with the command's usage line. */
export class UsageError extends Error {}

/** A failure with a contract error code (from an envelope, or thrown by a command): the code picks the exit code. */
export class CommandFailure extends Error {
  constructor(readonly code: string, message: string, readonly stdout = '') {
    super(message);
    this.name = 'CommandFailure';
  }
}

/** The contract's error codes that mean the caller asked for something that is not there or not valid. */
const ARGUMENT_CODES = new Set<string>([
  'INVALID_REQUEST', 'UNKNOWN_CHANNEL', 'BAD_REQUEST', 'PROFILE_NOT_FOUND', 'FIX_NOT_APPLICABLE', 'NOT_A_GRANT',
  'UNKNOWN_BACKUP', 'UNKNOWN_SESSION', 'UNKNOWN_IDENTITY', 'BAD_START_URL',
] satisfies AppErrorCode[]);

/** Exit 2 for bad arguments, 1 for anything else. */
export function exitCodeOf(code: string): 1 | 2 {
  return ARGUMENT_CODES.has(code) ? 2 : 1;
}

export type FlagValue = string | boolean | string[] | undefined;
export type Flags = Record<string, FlagValue>;

export interface ParsedArgs {
  flags: Flags;
  positional?: string;
}

/** The command's flags as its table entry declares them; unknown flags, stray words and missing required flags are UsageErrors. */
export function parseCommandArgs(name: CommandName, args: string[]): ParsedArgs {
  const spec: CommandSpec = COMMANDS[name];
  const options = Object.fromEntries(Object.entries(spec.flags).map(([flag, f]) => [flag, { type: f.type, ...(f.multiple ? { multiple: true } : {}) }]));
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: Boolean(spec.positional) });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!);
  }
  const flags = parsed.values as Flags;
  for (const [flag, f] of Object.entries(spec.flags)) {
    const v = flags[flag];
    if (f.required && (v === undefined || v === '')) throw new UsageError(`--${flag} is required${typeof f.required === 'string' ? ` (${f.required})` : ''}`);
    if (v === '') throw new UsageError(`--${flag} must not be empty`);
  }
  if (spec.either && flags[spec.either[0]] !== undefined && flags[spec.either[1]] !== undefined) {
    throw new UsageError(`--${spec.either[0]} and --${spec.either[1]} cannot be given together`);
  }
  if (spec.positional) {
    if (parsed.positionals.length === 0) throw new UsageError(`the ${spec.positional.name.toLowerCase()} is required`);
    if (parsed.positionals.length > 1) throw new UsageError(`expected one ${spec.positional.name.toLowerCase()}`);
  }
  return { flags, ...(spec.positional ? { positional: parsed.positionals[0] } : {}) };
}

/** What `--json` prints: the value, indented, on its own lines. */
export const jsonText = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

export const failed = (exitCode: number, message: string, stdout = ''): CommandResult => ({ exitCode, stdout, stderr: `error: ${message.split('\n')[0]}\n` });

/**
 * Runs one command: parse (a UsageError quotes the usage line), then `run`. A UsageError thrown while running is
 * a bad argument too; a CommandFailure exits by its contract code; anything else exits 1 with its first line.
 */
export async function runCommand(name: CommandName, args: string[], run: (parsed: ParsedArgs) => Promise<CommandResult>): Promise<CommandResult> {
  let parsed: ParsedArgs;
  try {
    parsed = parseCommandArgs(name, args);
  } catch (err) {
    return failed(2, `${(err as Error).message} (${usageLine(name)})`);
  }
  try {
    return await run(parsed);
  } catch (err) {
    if (err instanceof UsageError) return failed(2, `${err.message} (${usageLine(name)})`);
    if (err instanceof CommandFailure) return failed(exitCodeOf(err.code), err.message, err.stdout);
    return failed(1, failureLine(err));
  }
}

/** Flag accessors: the parser has checked the types the table declares. */
export const str = (f: Flags, name: string) => f[name] as string | undefined;
export const list = (f: Flags, name: string) => f[name] as string[] | undefined;
export const bool = (f: Flags, name: string) => Boolean(f[name]);
