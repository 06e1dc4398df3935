// Which kubeconfig files are in play: the KUBECONFIG list as kubectl (client-go's loading rules) reads it, or
// ~/.kube/config. kubectl is the reader that matters: the app writes where kubectl will look.
import path from 'node:path';
import { homeDirOf, type Env } from '../profiles/deps.js';

/** ~/.kube/config under the env's HOME (what both kubectl and `aws eks update-kubeconfig` default to). */
export function defaultKubeconfigPath(env: Env): string {
  return path.join(homeDirOf(env), '.kube', 'config');
}

/** A --kubeconfig argument as the aws CLI takes it: `~` expanded against the env's HOME, then made absolute. */
export function expandKubeconfigPath(p: string, env: Env, cwd = process.cwd()): string {
  const expanded = p === '~' ? homeDirOf(env) : p.startsWith('~/') ? path.join(homeDirOf(env), p.slice(2)) : p;
  return path.resolve(cwd, expanded);
}

/**
 * The KUBECONFIG list as client-go reads it: split on the OS list separator, empty entries dropped, each path
 * taken literally (client-go does not expand `~`: `~/k.yaml` is a directory named `~` under the working
 * directory) and made absolute, duplicates once. Unset or empty: ~/.kube/config. A list of empty entries only
 * (`:`) names no file, and kubectl then reads none: the answer is empty.
 */
export function kubeconfigPaths(env: Env, delimiter = path.delimiter, cwd = process.cwd()): string[] {
  if (!env.KUBECONFIG) return [defaultKubeconfigPath(env)];
  const out: string[] = [];
  for (const element of env.KUBECONFIG.split(delimiter)) {
    if (element === '') continue;
    const full = path.resolve(cwd, element);
    if (!out.includes(full)) out.push(full);
  }
  return out;
}

/** The file kubectl reads first (the one the app shows as "your kubeconfig"), or undefined when it reads none. */
export function firstKubeconfigPath(env: Env): string | undefined {
  return kubeconfigPaths(env)[0];
}
