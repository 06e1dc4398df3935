// Which context of the merged kubeconfig talks to a given EKS cluster.
import type { FromFile, MergedKubeconfig } from './merge.js';
import type { NamedCluster, NamedContext, NamedUser } from './types.js';

export interface ClusterRef {
  name: string;
  arn: string;
  /** DescribeCluster's endpoint, to recognise entries named otherwise (eksctl, hand-written). */
  endpoint?: string;
}

export type ContextMatch = 'current-context' | 'context-name' | 'cluster-name' | 'server';

export interface FoundContext {
  name: string;
  context: FromFile<NamedContext>;
  cluster?: FromFile<NamedCluster>;
  user?: FromFile<NamedUser>;
  matchedBy: ContextMatch;
  /** Whether a plain `kubectl` (no --context) uses this context. */
  isCurrent: boolean;
}

/** Normalised for comparison: lower-case scheme and host, default port dropped, no trailing slash. */
export function normaliseServer(url: string | undefined): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    const port = u.port && !(u.protocol === 'https:' && u.port === '443') ? `:${u.port}` : '';
    return `${u.protocol}//${u.hostname.toLowerCase()}${port}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url.trim().replace(/\/+$/, '').toLowerCase();
  }
}

/**
 * Prefers the current context when it is this cluster's; then a context named by the cluster ARN (what
 * update-kubeconfig writes); then a context whose cluster entry has the ARN as name; then one whose server
 * is the cluster's endpoint.
 */
export function findClusterContext(kc: MergedKubeconfig, ref: ClusterRef): FoundContext | undefined {
  const contexts = [...kc.contexts.values()];
  const pointsAtArn = (c: FromFile<NamedContext>) => c.entry.context?.cluster === ref.arn;
  const pointsAtServer = (c: FromFile<NamedContext>) => {
    const cluster = c.entry.context?.cluster ? kc.clusters.get(String(c.entry.context.cluster)) : undefined;
    return Boolean(ref.endpoint && cluster && normaliseServer(cluster.entry.cluster?.server) === normaliseServer(ref.endpoint));
  };
  const current = kc.currentContext ? kc.contexts.get(kc.currentContext) : undefined;
  const pick = (c: FromFile<NamedContext> | undefined, matchedBy: ContextMatch): FoundContext | undefined => (c ? resolve(kc, c, matchedBy) : undefined);
  if (current && (current.entry.name === ref.arn || pointsAtArn(current) || pointsAtServer(current))) return pick(current, 'current-context');
  return (
    pick(kc.contexts.get(ref.arn), 'context-name') ??
    pick(contexts.find(pointsAtArn), 'cluster-name') ??
    pick(contexts.find(pointsAtServer), 'server')
  );
}

/** The context kubectl uses without --context, resolved. */
export function currentContextOf(kc: MergedKubeconfig): FoundContext | undefined {
  const current = kc.currentContext ? kc.contexts.get(kc.currentContext) : undefined;
  return current ? resolve(kc, current, 'current-context') : undefined;
}

/** A context by name, resolved (matchedBy says how: by name). */
export function contextNamed(kc: MergedKubeconfig, name: string): FoundContext | undefined {
  const context = kc.contexts.get(name);
  return context ? resolve(kc, context, 'context-name') : undefined;
}

function resolve(kc: MergedKubeconfig, context: FromFile<NamedContext>, matchedBy: ContextMatch): FoundContext {
  const fields = context.entry.context ?? {};
  return {
    name: String(context.entry.name),
    context,
    cluster: fields.cluster ? kc.clusters.get(String(fields.cluster)) : undefined,
    user: fields.user ? kc.users.get(String(fields.user)) : undefined,
    matchedBy,
    isCurrent: kc.currentContext === String(context.entry.name),
  };
}
