// What an update-kubeconfig does, in words: the entry added or replaced, and kubectl's current context before and
// after — the things a diff shows only to someone who reads YAML.
import { clusterLabel } from '../../../shared/cluster-arn.js';
import type { KubeconfigPlanViewModel } from '../../../shared/diagnosis-types.js';

/** A context as people know it: the cluster name of an EKS ARN, else the name itself. */
export const contextLabel = clusterLabel;

export function entrySentence(view: KubeconfigPlanViewModel, profile?: string): string {
  const cluster = contextLabel(view.contextName);
  const replaces = view.replaced.context || view.replaced.cluster || view.replaced.user;
  const as = profile ? `, so kubectl signs in to ${cluster} with profile ${profile}` : '';
  return `${replaces ? `Replaces kubectl's entry for ${cluster}` : `Adds an entry for ${cluster}`} in ${view.target}${as}.`;
}

export function currentContextSentence(view: KubeconfigPlanViewModel): string {
  const { before, after } = view.currentContext;
  const cluster = contextLabel(view.contextName);
  if (before === after) {
    if (!after) return "kubectl has no current context before or after: name it with --context.";
    return after === view.contextName ? `${cluster} is already kubectl's current context and stays so.` : `kubectl's current context stays ${contextLabel(after)}: plain kubectl commands keep going there; use kubectl --context ${view.contextName} for ${cluster}.`;
  }
  if (!before) return `${cluster} becomes kubectl's current context (there was none).`;
  return `kubectl's current context changes from ${contextLabel(before)} to ${contextLabel(after ?? '')}: plain kubectl commands then go to ${contextLabel(after ?? '')} instead of ${contextLabel(before)}.`;
}

/** Whether keeping the current context is a real choice: there is one, and it is another cluster's. */
export function canKeepCurrentContext(view: KubeconfigPlanViewModel, keeping: boolean): boolean {
  const { before } = view.currentContext;
  return Boolean(before && before !== view.contextName && (keeping || view.currentContext.after !== before));
}
