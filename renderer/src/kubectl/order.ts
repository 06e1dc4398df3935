// The order of the cards on Your kubectl: what needs the user first. The current context leads (plain kubectl uses
// it), then the contexts that fail, then those that work, then those still being checked, then those that are not
// EKS clusters; within each group the kubeconfig's own order. A card moves at most once: when its answer comes.
import type { KubectlContextView } from '../../../shared/contexts-types.js';
import { outcomeWorks } from '../../../shared/matrix-types.js';

/** The one line the page says about the order. */
export const ORDER_WORDS = 'Your current context comes first, then the contexts that fail, then the ones that work.';

export const fails = (c: KubectlContextView): boolean => c.eks && Boolean(c.outcome) && !outcomeWorks(c.outcome!);

function rank(c: KubectlContextView): number {
  if (c.current) return 0;
  if (!c.eks) return 4;
  if (!c.outcome) return 3;
  return fails(c) ? 1 : 2;
}

/**
 * The cards in the page's order (a new array; Array.prototype.sort is stable, so the kubeconfig order holds). With
 * `kept`, the order a list had before it was checked again: those cards keep their places, any new one comes after.
 */
export function cardOrder(contexts: KubectlContextView[], kept?: string[]): KubectlContextView[] {
  const ordered = [...contexts].sort((a, b) => rank(a) - rank(b));
  if (!kept) return ordered;
  const place = (c: KubectlContextView) => {
    const i = kept.indexOf(c.name);
    return i < 0 ? kept.length : i;
  };
  return ordered.sort((a, b) => place(a) - place(b));
}

/** How the summary names a failing context: its cluster, or the context's own name when two contexts share it. */
export function summaryName(c: KubectlContextView, all: KubectlContextView[]): string {
  const cluster = c.clusterName;
  if (!cluster) return c.name;
  return all.some((o) => o !== c && o.clusterName === cluster) ? c.name : cluster;
}
