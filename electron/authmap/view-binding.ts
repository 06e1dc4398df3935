// The narrowest aws-auth access that lets `kubectl get svc` work: a group bound to Kubernetes' built-in read-only
// ClusterRole `view`. A new aws-auth mapping gets it when nobody chose groups; the binding is created (by the
// writer, once per cluster) before the mapping is written, so the identity is never mapped into a group nothing binds.
import { RbacAuthorizationV1Api, type V1ClusterRoleBinding } from '@kubernetes/client-node';
import type { Env } from '../profiles/deps.js';
import { kubeErrorOf, writerKubeConfig } from './kube-client.js';
import type { ClusterTarget, Writer } from './types.js';

export const VIEW_GROUP = 'eks-access-doctor:view';
export const VIEW_BINDING = 'eks-access-doctor-view';
export const VIEW_CLUSTER_ROLE = 'view';

/** What the output says when this default was taken. */
export const VIEW_DEFAULT_TEXT = `no access was chosen, so the narrowest that lets \`kubectl get svc\` work: read-only, group ${VIEW_GROUP} bound to ClusterRole ${VIEW_CLUSTER_ROLE} (--group G for another group)`;

export const VIEW_GROUP_LABEL = `${VIEW_GROUP} (read-only: ClusterRole ${VIEW_CLUSTER_ROLE} in every namespace; its ClusterRoleBinding is created if missing)`;

export const viewBindingCommand = (context: string) =>
  `kubectl create clusterrolebinding ${VIEW_BINDING} --clusterrole=${VIEW_CLUSTER_ROLE} --group=${VIEW_GROUP} --context ${context}`;

export const viewBindingTitle = `Create ClusterRoleBinding ${VIEW_BINDING} (ClusterRole ${VIEW_CLUSTER_ROLE} → Group ${VIEW_GROUP}), if missing`;

function bindsView(b: V1ClusterRoleBinding): boolean {
  return b.roleRef.kind === 'ClusterRole' && b.roleRef.name === VIEW_CLUSTER_ROLE && (b.subjects ?? []).some((s) => s.kind === 'Group' && s.name === VIEW_GROUP);
}

/** Creates the binding; one of that name that binds the same is kept, one that binds something else is a failure. */
export async function ensureViewBinding(cluster: ClusterTarget, writer: Writer, env: Env): Promise<{ ok: boolean; message: string }> {
  const kc = await writerKubeConfig(cluster, writer, env);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  try {
    await rbac.createClusterRoleBinding({
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: VIEW_BINDING, labels: { 'app.kubernetes.io/managed-by': 'eks-access-doctor' } },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: VIEW_CLUSTER_ROLE },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: VIEW_GROUP }],
      },
    });
    return { ok: true, message: 'created' };
  } catch (err) {
    const e = kubeErrorOf(err);
    if (e.status !== 409) return { ok: false, message: `${e.status ? `HTTP ${e.status}: ` : ''}${e.message}` };
    const existing = await rbac.readClusterRoleBinding({ name: VIEW_BINDING }).catch(() => undefined);
    if (existing && bindsView(existing)) return { ok: true, message: 'it exists already and binds the same; left as it is' };
    return { ok: false, message: `a ClusterRoleBinding ${VIEW_BINDING} exists already and binds something else; it was left as it is` };
  }
}
