// kubectl's current context before and after an update-kubeconfig, over every KUBECONFIG file as kubectl merges
// them (the first non-empty current-context wins), so the preview can say in words whether plain `kubectl`
// will talk to another cluster afterwards.
import type { Env } from '../profiles/deps.js';
import { mergeKubeconfigFiles } from './merge.js';
import { kubeconfigPaths } from './paths.js';
import { KubeconfigFileError, parseKubeconfigText, type KubeconfigFile } from './read.js';
import { readKubeconfigFile } from './read-settled.js';

export interface CurrentContextChange {
  before?: string;
  after?: string;
}

/**
 * `target` is the file the plan writes, as the plan read it (not read again: the answer is about the same bytes, and a
 * kubectl writing meanwhile is not waited out twice); `afterText` its new text. Files kubectl cannot read count as
 * absent here.
 */
export async function currentContextChange(env: Env, target: KubeconfigFile, afterText: string, explicitPath?: string): Promise<CurrentContextChange> {
  const targetPath = target.path;
  const paths = kubeconfigPaths(env);
  const read = async (p: string): Promise<KubeconfigFile | undefined> => {
    if (p === targetPath) return target;
    try {
      return await readKubeconfigFile(p);
    } catch (err) {
      if (err instanceof KubeconfigFileError) return undefined;
      throw err;
    }
  };
  const files = (await Promise.all(paths.map(read))).filter((f): f is KubeconfigFile => Boolean(f));
  const before = mergeKubeconfigFiles(files).currentContext;
  // A --kubeconfig file outside kubectl's list changes nothing kubectl sees.
  const inList = !explicitPath || paths.includes(targetPath);
  let after = before;
  if (inList) {
    const parsed = parseKubeconfigText(targetPath, afterText);
    const replaced = files.map((f) => (f.path === targetPath ? { ...f, ...parsed } : f));
    if (!files.some((f) => f.path === targetPath)) replaced.splice(paths.indexOf(targetPath), 0, { ...files[0]!, path: targetPath, ...parsed });
    after = mergeKubeconfigFiles(replaced).currentContext;
  }
  return { ...(before ? { before } : {}), ...(after ? { after } : {}) };
}
