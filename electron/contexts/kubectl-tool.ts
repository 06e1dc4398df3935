// Whether kubectl itself is there: the page can check every context without it (the app runs the credential
// helpers and asks the clusters itself), but the user's own terminal cannot.
import { devNull } from 'node:os';
import type { KubectlToolView } from '../../shared/contexts-types.js';
import type { Env } from '../profiles/deps.js';
import { runChild } from '../process/run-child.js';

/** Amazon EKS's oldest supported Kubernetes minor version, less the one minor version of skew kubectl allows. */
const OLDEST_USEFUL_MINOR = 28;

export async function kubectlTool(env: Env): Promise<KubectlToolView> {
  // With no kubeconfig: for its own version kubectl still loads the current context and runs its credential helper
  // (often `aws eks get-token`, most of a second), beside the page's own run of it.
  const run = await runChild({ command: 'kubectl', args: ['version', '--client', '-o', 'json', '--kubeconfig', devNull], env, timeoutMs: 10_000 });
  if (run.startError) return { found: false };
  let version: string | undefined;
  try {
    version = (JSON.parse(run.stdout) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion;
  } catch {
    // A kubectl that cannot say its version still runs; only its age is unknown.
  }
  const minor = Number(/^v?1\.(\d+)\./.exec(version ?? '')?.[1]);
  return { found: true, ...(version ? { version } : {}), ...(minor < OLDEST_USEFUL_MINOR ? { tooOld: true } : {}) };
}
