// The narrowest aws-auth access that lets `kubectl get svc` work: a group bound to Kubernetes' built-in read-only
// ClusterRole `view`. A new aws-auth mapping gets it when nobody chose groups; the binding is created (by the
// writer, once per cluster) before the mapping is written, so the identity is never mapped into a group nothing binds.
import { RbacAuthorizationV1Api, type V1ClusterRoleBinding } from '@kubernetes/client-node';
import type { Env } from '../profiles/deps.js';
import { readAwsAuth } from './aws-auth-read.js';
import { kubeErrorOf, withTimeout, writerKubeConfig } from './kube-client.js';
import type { ClusterTarget, Writer } from './types.js';

export const VIEW_GROUP = 'eks-access-doctor:view';
export const VIEW_BINDING = 'eks-access-doctor-view';
export const VIEW_CLUSTER_ROLE = 'view';

/** What the output says when this default was taken. */
export const VIEW_DEFAULT_TEXT = `no access was chosen, so the narrowest that lets \`kubectl get svc\` work: read-only, group ${VIEW_GROUP} bound to ClusterRole ${VIEW_CLUSTER_ROLE} (--group G for another group)`;

export const viewBindingCommand = (context: string) =>
  `kubectl create clusterrolebinding ${VIEW_BINDING} --clusterrole=${VIEW_CLUSTER_ROLE} --group=${VIEW_GROUP} --context ${context}`;

export const viewBindingTitle = `Create ClusterRoleBinding ${VIEW_BINDING} (ClusterRole ${VIEW_CLUSTER_ROLE} → Group ${VIEW_GROUP}), if missing`;

function bindsView(b: V1ClusterRoleBinding): boolean {
  return b.roleRef.kind === 'ClusterRole' && b.roleRef.name === VIEW_CLUSTER_ROLE && (b.subjects ?? []).some((s) => s.kind === 'Group' && s.name === VIEW_GROUP);
}

const TIMEOUT_MS = 15_000;

/** Creates the binding; one of that name that binds the same is kept, one that binds something else is a failure. */
export async function ensureViewBinding(cluster: ClusterTarget, writer: Writer, env: Env): Promise<{ ok: boolean; message: string; createdUid?: string }> {
  const kc = await writerKubeConfig(cluster, writer, env);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  try {
    const created = await rbac.createClusterRoleBinding({
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: VIEW_BINDING, labels: { 'app.kubernetes.io/managed-by': 'eks-access-doctor' } },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: VIEW_CLUSTER_ROLE },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: VIEW_GROUP }],
      },
    }, withTimeout(TIMEOUT_MS) as never);
    return { ok: true, message: 'created', ...(created.metadata?.uid ? { createdUid: created.metadata.uid } : {}) };
  } catch (err) {
    const e = kubeErrorOf(err);
    if (e.status !== 409) return { ok: false, message: `${e.status ? `HTTP ${e.status}: ` : ''}${e.message}` };
    const existing = await rbac.readClusterRoleBinding({ name: VIEW_BINDING }, withTimeout(TIMEOUT_MS) as never).catch(() => undefined);
    if (existing && bindsView(existing)) return { ok: true, message: 'it exists already and binds the same; left as it is' };
    return { ok: false, message: `a ClusterRoleBinding ${VIEW_BINDING} exists already and binds something else; it was left as it is` };
  }
}

/** The aws-auth entries (ignored ones included) that put someone in the view group. */
export function viewGroupUsers(data: Record<string, string>): string[] {
  const content = readAwsAuth(data);
  const items = [...content.items, ...content.malformed.flatMap((m) => m.ignored)];
  return items.filter((i) => i.groups.includes(VIEW_GROUP)).map((i) => i.arn);
}

export const removeViewBindingTitle = `Delete ClusterRoleBinding ${VIEW_BINDING}, which that grant created (after the restore no aws-auth entry uses group ${VIEW_GROUP})`;

export const removeViewBindingCommand = (context: string) => `kubectl delete clusterrolebinding ${VIEW_BINDING} --context ${context}`;

/** Deletes the binding a grant created: only the object of that uid, still binding the same; anything else is left. */
export async function removeViewBinding(cluster: ClusterTarget, writer: Writer, env: Env, uid: string): Promise<{ removed: boolean; message: string }> {
  const kc = await writerKubeConfig(cluster, writer, env);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  try {
    const existing = await rbac.readClusterRoleBinding({ name: VIEW_BINDING }, withTimeout(TIMEOUT_MS) as never);
    if (existing.metadata?.uid !== uid || !bindsView(existing)) return { removed: false, message: `ClusterRoleBinding ${VIEW_BINDING} was replaced since the grant created it, so it was left as it is` };
    await rbac.deleteClusterRoleBinding({ name: VIEW_BINDING, body: { preconditions: { uid } } }, withTimeout(TIMEOUT_MS) as never);
    return { removed: true, message: `ClusterRoleBinding ${VIEW_BINDING} deleted` };
  } catch (err) {
    const e = kubeErrorOf(err);
    if (e.status === 404) return { removed: false, message: `ClusterRoleBinding ${VIEW_BINDING} was already gone` };
    return { removed: false, message: `ClusterRoleBinding ${VIEW_BINDING} was not deleted (${e.status ? `HTTP ${e.status}: ` : ''}${e.message}); delete it by hand if nothing uses group ${VIEW_GROUP}: ${removeViewBindingCommand(cluster.arn)}` };
  }
}
