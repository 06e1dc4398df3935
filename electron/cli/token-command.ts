// The token command on its own, for a cache miss: built as one CommonJS file (dist/cli/token-command.cjs) that the
// bin and kubectl's helper (bin/token-helper.cjs) require after the cache stage found nothing. The same command
// as the command line runs — the same flags, output, cache and exit codes — without Node's ES module loader and
// the command line's bundle, most of what a new token cost. Credentials that need the SDK are a file of their own,
// loaded only for the profiles that need them.
import { runNamedCommand, commandIo } from './run-named.js';
import { runToken } from './token.js';
import { printOutput } from '../token/cached-token.js';

/** Runs `token <args>` and prints its answer; resolves to the exit code. */
export function runTokenCommand(args: string[]): Promise<number> {
  return runNamedCommand('token', args, commandIo('token', { stdout: printOutput }), (rest, env) => runToken(rest, { env }));
}
