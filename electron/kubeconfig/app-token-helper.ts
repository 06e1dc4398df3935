// The app's own token command as kubectl's credential helper: `<node> <app>/bin/token-helper.cjs token …`, so
// kubectl gets EKS tokens without the aws CLI (missing or too old on this machine). That script is the installed
// command, which runs `token` in CommonJS from its own small files, without the rest of the command line.
import { appBinScript, INSTALLED_COMMAND } from '../common/app-bin.js';

export interface TokenHelper {
  command: string;
  /** Before `token --profile … --cluster … --region …`. */
  args: string[];
  env: Array<{ name: string; value: string }>;
}

export function appTokenHelper(): TokenHelper {
  const bin = appBinScript('token-helper.cjs');
  // The desktop app's own binary cannot run scripts as Node (its RunAsNode fuse is off): it relies on the
  // installed command.
  if (process.versions.electron || !bin) return { command: INSTALLED_COMMAND, args: [], env: [] };
  // Node by absolute path: kubectl's PATH may not have it.
  return { command: process.execPath, args: [bin], env: [] };
}
