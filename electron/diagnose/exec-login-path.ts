// The PATH kubectl would have in the user's terminal. An app started from the Dock or a desktop launcher
// inherits a minimal PATH without Homebrew, ~/.local/bin or pyenv, so `aws` can seem missing when it is not.
import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Env } from '../profiles/deps.js';

export type LoginShellPath = (env: Env) => Promise<string | undefined>;

const LOGIN_SHELL_TIMEOUT_MS = 3000;

/** `$SHELL -lc 'printf %s "$PATH"'`: the login shell's profile files (.zprofile, .bash_profile, .profile) run. */
export const readLoginShellPath: LoginShellPath = (env) =>
  new Promise((resolve) => {
    if (process.platform === 'win32') return resolve(undefined);
    const shell = env.SHELL || '/bin/sh';
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) if (v !== undefined) clean[k] = v;
    execFile(shell, ['-lc', 'printf %s "$PATH"'], { env: clean, timeout: LOGIN_SHELL_TIMEOUT_MS, maxBuffer: 64 * 1024 }, (err, stdout) => {
      const value = String(stdout ?? '').trim();
      resolve(!err && value && !value.includes('\n') ? value : undefined);
    });
  });

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
