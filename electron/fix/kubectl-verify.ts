// `fix --yes`'s verify block: who kubectl really signs in as through its context for the cluster after the fix
// (`kubectl auth whoami`), whether that is the fixed profile's identity, and what `kubectl get svc` says.
import { kubectlGetSvc, type KubectlRun } from '../kubectl/get-svc.js';
import { kubectlWhoami, sameIdentity } from '../kubectl/whoami.js';
import { findClusterContext, loadMergedKubeconfig, type ClusterRef } from '../kubeconfig/index.js';
import type { Env } from '../profiles/deps.js';

export interface KubectlVerify {
  /** The IAM ARN kubectl signed in as; null when it could not sign in (or has no context for the cluster). */
  kubectlIdentity: string | null;
  sameAsProfile: boolean;
  getSvc: 'ok' | 'unauthorized' | 'forbidden' | 'error';
  context?: string;
  username?: string;
  /** Why kubectl could not be asked. */
  note?: string;
}

export function getSvcResult(run: KubectlRun | undefined): KubectlVerify['getSvc'] {
  if (!run) return 'error';
  if (run.exitCode === 0) return 'ok';
  if (/Unauthorized|must be logged in/i.test(run.stderr)) return 'unauthorized';
  if (/forbidden/i.test(run.stderr)) return 'forbidden';
  return 'error';
}

/**
 * `ran`: a `kubectl get svc` the caller already runs through a context (the kubeconfig write's own check): when that
 * is the context found for the cluster, its answer is used instead of running the same command again.
 */
export async function verifyKubectl(env: Env, cluster: ClusterRef, profileCanonicalArn: string | undefined, ran?: { context: string; run: Promise<KubectlRun | undefined> }): Promise<KubectlVerify> {
  let context: string | undefined;
  try {
    context = findClusterContext(await loadMergedKubeconfig(env), cluster)?.name;
  } catch (err) {
    return { kubectlIdentity: null, sameAsProfile: false, getSvc: 'error', note: `the kubeconfig cannot be read: ${(err as Error).message.split('\n')[0]}` };
  }
  if (!context) return { kubectlIdentity: null, sameAsProfile: false, getSvc: 'error', note: `no kubeconfig context talks to ${cluster.arn}` };
  const [who, run] = await Promise.all([kubectlWhoami({ env, context }), ran?.context === context ? ran.run : kubectlGetSvc({ env, context })]);
  if (!who) return { kubectlIdentity: null, sameAsProfile: false, getSvc: 'error', context, note: 'kubectl is not installed' };
  return {
    kubectlIdentity: who.arn ?? null,
    sameAsProfile: sameIdentity(who, profileCanonicalArn) === true,
    getSvc: getSvcResult(run),
    context,
    ...(who.username !== undefined ? { username: who.username } : {}),
    ...(who.error ? { note: who.error } : {}),
  };
}
