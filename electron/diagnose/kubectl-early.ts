// What kubectl presents, started before the cluster is described. Its exec plugin (often `aws eks get-token`,
// most of a second) is the diagnosis' longest single step after the scan; it only needs the kubeconfig context,
// which can be found from the cluster's name and region alone, so it runs alongside the scan. The guess is used
// only when the context kubectl really uses for the described cluster is the same one; otherwise that context is
// run afresh and the guess is cancelled (its plugin ended).
import { parseClusterArn } from '../../shared/cluster-arn.js';
import { findClusterContext, type ClusterRef, type FoundContext } from '../kubeconfig/find.js';
import { loadMergedKubeconfig, type MergedKubeconfig } from '../kubeconfig/merge.js';
import type { Env } from '../profiles/deps.js';
import { kubectlIdentity, type KubectlIdentity } from './kubectl-identity.js';

export interface EarlyKubectl {
  /** The merged kubeconfig, or undefined when it cannot be read (kubectlIdentity then says why). */
  kubeconfig: Promise<MergedKubeconfig | undefined>;
  /** What kubectl presents to the described cluster: the early run when it asked the same context. */
  identityFor(ref: ClusterRef): Promise<KubectlIdentity>;
  /** Ends the early run if still going (call when done with it). */
  cancel(): void;
}

/** The one cluster ARN the kubeconfig's context and cluster names give for this name and region (any account). */
function arnInKubeconfig(kc: MergedKubeconfig, name: string, region: string): string | undefined {
  const names = [...kc.contexts.keys(), ...[...kc.contexts.values()].map((c) => String(c.entry.context?.cluster ?? ''))];
  const arns = new Set(names.filter((n) => {
    const arn = parseClusterArn(n);
    return arn?.name === name && arn.region === region;
  }));
  return arns.size === 1 ? [...arns][0] : undefined;
}

const sameContext = (a: FoundContext | undefined, b: FoundContext | undefined) => Boolean(a && b && a.name === b.name && a.matchedBy === b.matchedBy);

export function startKubectlIdentity(opts: { env: Env; cluster: string; region: string; fromGui?: boolean }): EarlyKubectl {
  const { env } = opts;
  const gui = opts.fromGui ? { fromGui: true } : {};
  const abort = new AbortController();
  const kubeconfig = loadMergedKubeconfig(env).catch(() => undefined);
  const early = kubeconfig.then((kc) => {
    const arn = kc && arnInKubeconfig(kc, opts.cluster, opts.region);
    const found = arn ? findClusterContext(kc, { name: opts.cluster, arn }) : undefined;
    if (!kc || !arn || !found) return undefined;
    const identity = kubectlIdentity({ env, cluster: { name: opts.cluster, arn }, kubeconfig: kc, signal: abort.signal, ...gui });
    identity.catch(() => undefined); // awaited only when used
    return { found, identity };
  });
  return {
    kubeconfig,
    async identityFor(ref) {
      const [kc, guess] = await Promise.all([kubeconfig, early]);
      if (kc && guess && sameContext(findClusterContext(kc, ref), guess.found)) return guess.identity;
      abort.abort();
      return kubectlIdentity({ env, cluster: ref, ...(kc ? { kubeconfig: kc } : {}), ...gui });
    },
    cancel: () => abort.abort(),
  };
}

/**
 * What kubectl presents, already found out by running one context's exec plugin (the Your kubectl page checks
 * every context that way): a diagnosis of that context's cluster uses it instead of running the plugin a second
 * time. For a cluster kubectl reaches through another context, that one is run as usual.
 */
export function knownKubectlIdentity(kc: MergedKubeconfig, checked: FoundContext, identity: KubectlIdentity, opts: { env: Env; fromGui?: boolean }): EarlyKubectl {
  return {
    kubeconfig: Promise.resolve(kc),
    identityFor(ref) {
      const found = findClusterContext(kc, ref);
      if (found && found.name === checked.name && identity.context) {
        // The same context and plugin; only why kubectl picks it for this cluster may read differently.
        return Promise.resolve({ ...identity, context: { ...identity.context, matchedBy: found.matchedBy, isCurrent: found.isCurrent } });
      }
      return kubectlIdentity({ env: opts.env, cluster: ref, kubeconfig: kc, ...(opts.fromGui ? { fromGui: true } : {}) });
    },
    cancel: () => {},
  };
}
