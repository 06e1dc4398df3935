// The kubeconfig kubectl sees: every KUBECONFIG file merged by clientcmd's rules — the first file to set a
// cluster, user or context of a given name wins, and so does the first non-empty current-context.
import type { Env } from '../profiles/deps.js';
import { kubeconfigPaths } from './paths.js';
import { kubeconfigFileOf, type KubeconfigFile } from './read.js';
import { readKubeconfigFile } from './read-settled.js';
import type { NamedCluster, NamedContext, NamedUser } from './types.js';

export interface FromFile<T> {
  entry: T;
  file: string;
}

export interface MergedKubeconfig {
  /** Files in KUBECONFIG order, including absent ones (kubectl skips those). */
  files: KubeconfigFile[];
  clusters: Map<string, FromFile<NamedCluster>>;
  users: Map<string, FromFile<NamedUser>>;
  contexts: Map<string, FromFile<NamedContext>>;
  currentContext?: string;
}

/**
 * Throws KubeconfigFileError when any file is malformed — kubectl refuses to run then too. `written`: files taken as
 * holding these bytes (undefined: absent) instead of what is on disk now.
 */
export async function loadMergedKubeconfig(env: Env, written?: ReadonlyMap<string, Buffer | undefined>): Promise<MergedKubeconfig> {
  const files = await Promise.all(kubeconfigPaths(env).map((p) => (written?.has(p) ? kubeconfigFileOf(p, written.get(p)) : readKubeconfigFile(p))));
  return mergeKubeconfigFiles(files);
}

export function mergeKubeconfigFiles(files: KubeconfigFile[]): MergedKubeconfig {
  const merged: MergedKubeconfig = { files, clusters: new Map(), users: new Map(), contexts: new Map() };
  for (const f of files) {
    const c = f.content;
    if (!c) continue;
    addFirst(merged.clusters, c.clusters, f.path);
    addFirst(merged.users, c.users, f.path);
    addFirst(merged.contexts, c.contexts, f.path);
    const current = c['current-context'];
    if (!merged.currentContext && typeof current === 'string' && current) merged.currentContext = current;
  }
  return merged;
}

function addFirst<T extends { name: string }>(into: Map<string, FromFile<T>>, list: T[] | null | undefined, file: string): void {
  for (const entry of list ?? []) {
    if (!entry || entry.name === undefined || entry.name === null) continue;
    const name = String(entry.name);
    if (!into.has(name)) into.set(name, { entry, file });
  }
}
