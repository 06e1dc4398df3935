// The rbac-binding fix: the RoleBinding the diagnosis shows (`kubectl create rolebinding … --clusterrole=view`),
// created with the writer's credentials. With `--group G` instead: G is added to the identity's own aws-auth entry
// (a group the cluster's RBAC already binds), fixed in place.
import { RbacAuthorizationV1Api, type V1RoleBinding } from '@kubernetes/client-node';
import { applyAwsAuthPlan } from '../authmap/aws-auth-apply.js';
import { planAwsAuthGrant } from '../authmap/aws-auth-plan.js';
import { backupStoreFor } from '../authmap/backup.js';
import { planView } from '../authmap/plan-view.js';
import { kubeErrorOf, writerKubeConfig } from '../authmap/kube-client.js';
import type { ClusterTarget, Writer } from '../authmap/types.js';
import type { Env } from '../profiles/deps.js';
import type { RoleBindingSpec } from '../diagnose/types.js';
import { stepCommand } from '../diagnose/fix-command.js';
import { planRefusals } from './aws-auth-fixes.js';
import type { FixContext, PreparedFix, Refusal } from './types.js';

export type { RoleBindingSpec };

type CreateResult = { created: true } | { created: false; existing: V1RoleBinding };

/** Creates the RoleBinding; when one of that name exists (409), returns it as it is. */
async function createRoleBinding(cluster: ClusterTarget, writer: Writer, env: Env, spec: RoleBindingSpec): Promise<CreateResult> {
  const kc = await writerKubeConfig(cluster, writer, env);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  try {
    await rbac.createNamespacedRoleBinding({
      namespace: spec.namespace,
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: spec.name, namespace: spec.namespace },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: spec.clusterRole },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: spec.subject.kind, name: spec.subject.name }],
      },
    });
    return { created: true };
  } catch (err) {
    if (kubeErrorOf(err).status !== 409) throw err;
    return { created: false, existing: await rbac.readNamespacedRoleBinding({ name: spec.name, namespace: spec.namespace }) };
  }
}

/** Whether an existing RoleBinding already grants what the spec asks for. */
function grantsSpec(b: V1RoleBinding, spec: RoleBindingSpec): boolean {
  return (
    b.roleRef.kind === 'ClusterRole' &&
    b.roleRef.name === spec.clusterRole &&
    (b.subjects ?? []).some((s) => s.kind === spec.subject.kind && s.name === spec.subject.name)
  );
}

function describeBinding(b: V1RoleBinding): string {
  const subjects = (b.subjects ?? []).map((s) => `${s.kind} ${s.name}`).join(', ') || 'no subjects';
  return `${b.roleRef.kind} ${b.roleRef.name} → ${subjects}`;
}

export async function prepareRbacFix(ctx: FixContext, cluster: ClusterTarget, writer: Writer, identityArn: string): Promise<PreparedFix> {
  if (ctx.options.groups?.length) return prepareGroupInAwsAuth(ctx, cluster, writer, identityArn, ctx.options.groups);
  const spec = ctx.fix.params.roleBinding;
  const step = ctx.fix.steps.find((s) => s.argv.slice(0, 3).join(' ') === 'kubectl create rolebinding');
  const command = step ? stepCommand(step) : '';
  const problems: Refusal[] = spec ? [] : [{ text: 'the diagnosis gave no RoleBinding to create; pass --group G to add the identity to a group RBAC already binds', liftedBy: '--group' }];
  const stepTitle = spec ? `Create RoleBinding ${spec.namespace}/${spec.name} (ClusterRole ${spec.clusterRole} → ${spec.subject.kind} ${spec.subject.name})` : 'Create the RoleBinding';
  return {
    previewText: [`As ${writer.profile} on ${cluster.name}: ${stepTitle}`, `  $ ${command} --context ${cluster.arn}`, ...problems.map((p) => `refused: ${p.text}`)].join('\n'),
    preview: { kind: 'rbac', roleBinding: spec, command },
    problems,
    writer: writer.profile,
    cluster,
    async apply() {
      const step = (ok: boolean, message: string) => ({ applied: { id: ctx.fix.id, title: ctx.fix.title, steps: [{ title: stepTitle, ok, message }] } });
      try {
        const r = await createRoleBinding(cluster, writer, ctx.env, spec!);
        if (r.created) return step(true, 'created');
        if (grantsSpec(r.existing, spec!)) return step(true, 'a RoleBinding of that name exists already and grants the same; it was left as it is');
        // Same name, other grant: reporting success would hide that the identity still gets nothing.
        const message = `a RoleBinding ${spec!.namespace}/${spec!.name} exists already with ${describeBinding(r.existing)}; it was left as it is`;
        return { ...step(false, message), failure: `the RoleBinding was not created (${message}); delete or rename that one, or re-run with --group G to add the identity to a group RBAC already binds` };
      } catch (err) {
        const e = kubeErrorOf(err);
        const message = `${e.status ? `HTTP ${e.status}: ` : ''}${e.message}`;
        return { ...step(false, message), failure: `the RoleBinding was not created (${message}); or re-run with --group G to add the identity to a group RBAC already binds` };
      }
    },
  };
}

/** `--group`: the identity's own aws-auth entry gets the groups (kept in place, its username kept). */
async function prepareGroupInAwsAuth(ctx: FixContext, cluster: ClusterTarget, writer: Writer, identityArn: string, groups: string[]): Promise<PreparedFix> {
  const first = await planAwsAuthGrant(cluster, writer, { identityArn, groups }, { env: ctx.env });
  const own = first.candidates.find((c) => c.problem === 'same-arn');
  const plan = own ? await planAwsAuthGrant(cluster, writer, { identityArn, groups: [...new Set([...own.groups, ...groups])], fixEntry: { key: own.key, index: own.index, arn: own.arn } }, { env: ctx.env }) : first;
  const backups = backupStoreFor(ctx.env, ctx.backupDir);
  const stepTitle = `Put ${plan.target.arn} in group(s) ${groups.join(', ')} in kube-system/aws-auth`;
  return {
    previewText: [`As ${writer.profile} on ${cluster.name}: ${stepTitle}`, plan.diff.trimEnd() || '  (no change)', ...plan.warnings.map((w) => `warning: ${w}`), ...plan.problems.map((p) => `refused: ${p}`)].join('\n'),
    preview: { ...planView(plan) },
    problems: planRefusals(plan),
    writer: writer.profile,
    cluster,
    async apply() {
      const r = await applyAwsAuthPlan(plan, cluster, writer, { env: ctx.env, backups });
      return {
        applied: { id: ctx.fix.id, title: ctx.fix.title, steps: [{ title: stepTitle, ok: r.ok, message: r.ok ? (r.unchanged ? 'nothing to change' : 'written') : r.problems.join('; ') }] },
        ...(r.ok ? {} : { failure: `aws-auth was not changed: ${r.problems.join('; ')}` }),
        ...(r.backupId ? { backup: `${backups.dir}/${r.backupId}.json`, backupId: r.backupId } : {}),
      };
    },
  };
}
