// Which kubeconfig files are in play: the KUBECONFIG list (as kubectl and the aws CLI read it) or ~/.kube/config.
import path from 'node:path';
import { homeDirOf, type Env } from '../profiles/deps.js';

/** ~/.kube/config under the env's HOME (what both kubectl and `aws eks update-kubeconfig` default to). */
export function defaultKubeconfigPath(env: Env): string {
  return path.join(homeDirOf(env), '.kube', 'config');
}

/** `~` expanded against the env's HOME, then made absolute (os.path.abspath(os.path.expanduser(p)) in the CLI). */
export function expandKubeconfigPath(p: string, env: Env, cwd = process.cwd()): string {
  const expanded = p === '~' ? homeDirOf(env) : p.startsWith('~/') ? path.join(homeDirOf(env), p.slice(2)) : p;
  return path.resolve(cwd, expanded);
}

/**
 * The KUBECONFIG list in order, blanks dropped and duplicates removed (kubectl's loading rules);
 * the default file when KUBECONFIG is unset or holds no path.
 */
export function kubeconfigPaths(env: Env, delimiter = path.delimiter): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const element of (env.KUBECONFIG ?? '').split(delimiter)) {
    if (!element.trim()) continue;
    const full = expandKubeconfigPath(element, env);
    if (seen.has(full)) continue;
    seen.add(full);
    out.push(full);
  }
  return out.length ? out : [defaultKubeconfigPath(env)];
}
