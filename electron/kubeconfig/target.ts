// Which file update-kubeconfig writes (update_kubeconfig.py KubeconfigSelector.choose_kubeconfig):
// --kubeconfig, else the first KUBECONFIG file that already has the cluster, else the first KUBECONFIG path,
// else ~/.kube/config — with KUBECONFIG read as kubectl reads it (paths.ts).
import type { Env } from '../profiles/deps.js';
import { expandKubeconfigPath, kubeconfigPaths } from './paths.js';
import { KubeconfigFileError, type KubeconfigFile } from './read.js';
import { readKubeconfigFile } from './read-settled.js';

export interface TargetChoice {
  file: KubeconfigFile;
  /** Files passed over because they could not be read — the CLI passes them over too, with a warning. */
  skipped: KubeconfigFileError[];
}

export function hasCluster(file: KubeconfigFile, clusterName: string): boolean {
  return (file.content?.clusters ?? []).some((c) => c && typeof c === 'object' && c.name === clusterName);
}

/** Throws KubeconfigFileError when the file to write is malformed: it is never overwritten. */
export async function chooseTargetFile(env: Env, clusterArn: string, explicitPath?: string): Promise<TargetChoice> {
  const paths = explicitPath ? [expandKubeconfigPath(explicitPath, env)] : kubeconfigPaths(env);
  if (!paths.length) throw new KubeconfigFileError('KUBECONFIG', undefined, `names no file (${JSON.stringify(env.KUBECONFIG)}), so kubectl reads no kubeconfig — set KUBECONFIG to a file, or unset it`);
  const skipped: KubeconfigFileError[] = [];
  for (const candidate of paths) {
    try {
      const file = await readKubeconfigFile(candidate);
      if (hasCluster(file, clusterArn)) return { file, skipped };
    } catch (err) {
      if (!(err instanceof KubeconfigFileError)) throw err;
      skipped.push(err);
    }
  }
  const first = skipped.find((e) => e.file === paths[0]);
  if (first) throw first;
  return { file: await readKubeconfigFile(paths[0]!), skipped };
}
