// What every headless command returns, and the error that means "bad arguments" (exit 2).

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export class UsageError extends Error {}
