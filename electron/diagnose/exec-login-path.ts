// The PATH kubectl would have in the user's terminal. An app started from the Dock or a desktop launcher
// inherits a minimal PATH without Homebrew, ~/.local/bin or pyenv, so `aws` can seem missing when it is not.
import { runChild } from '../process/run-child.js';
import path from 'node:path';
import type { Env } from '../profiles/deps.js';

export type LoginShellPath = (env: Env) => Promise<string | undefined>;

const LOGIN_SHELL_TIMEOUT_MS = 3000;

/** `$SHELL -lc 'printf %s "$PATH"'`: the login shell's profile files (.zprofile, .bash_profile, .profile) run. */
export const readLoginShellPath: LoginShellPath = async (env) => {
  if (process.platform === 'win32') return undefined;
  const shell = env.SHELL || '/bin/sh';
  const run = await runChild({ command: shell, args: ['-lc', 'printf %s "$PATH"'], env, timeoutMs: LOGIN_SHELL_TIMEOUT_MS, maxBuffer: 64 * 1024 });
  const value = run.stdout.trim();
  return run.exitCode === 0 && value && !value.includes('\n') ? value : undefined;
};

/** The env's PATH; when the app came from a GUI launcher, the login shell's PATH first, then the env's. */
export async function execSearchPath(env: Env, opts: { fromGui?: boolean; loginShellPath?: LoginShellPath } = {}): Promise<string | undefined> {
  const own = env.PATH;
  if (!opts.fromGui) return own;
  const login = await (opts.loginShellPath ?? readLoginShellPath)(env);
  if (!login) return own;
  const parts = [...login.split(path.delimiter), ...(own ?? '').split(path.delimiter)].filter(Boolean);
  return [...new Set(parts)].join(path.delimiter);
}

/**
 * A guess the caller may use for `fromGui`: on macOS and Linux, an app opened from the Dock or a desktop
 * launcher has no terminal and no TERM; one started from a shell has both.
 */
export function startedFromGui(env: Env, platform: NodeJS.Platform = process.platform, stdinIsTty = Boolean(process.stdin.isTTY)): boolean {
  if (platform !== 'darwin' && platform !== 'linux') return false;
  return !stdinIsTty && !env.TERM && !env.TERM_PROGRAM && !env.SSH_TTY;
}
