// What every headless command returns, and the error that means "bad arguments" (exit 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export class UsageError extends Error {}

/** The command's flags (no positionals, unknown flags refused); a parse failure is a UsageError with node's first line. */
export function parseFlags<const O extends ParseArgsOptionsConfig>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!);
  }
}
