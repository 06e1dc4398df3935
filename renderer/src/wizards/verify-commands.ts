import { cellCommands } from '../matrix/format.js';

/**
 * The Verify step's check by hand, as the matrix cell panel shows it (the same helper): the cluster's entry for the
 * profile goes into a throwaway file in `tempDir` that kubectl then reads, so running them never rewrites the
 * user's kubeconfig or switches its current context. They end with `kubectl get svc`, whose answer is the result.
 */
export function verifyCommands(profile: string, clusterName: string, region: string, tempDir: string): string[] {
  return cellCommands(profile, { name: clusterName, region }, tempDir)
    .filter((c) => !c.command.startsWith('aws sts'))
    .map((c) => c.command);
}
