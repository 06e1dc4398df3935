// Access-entry fixes (create-access-entry, associate-access-policy): CreateAccessEntry (only when the writer finds no
// entry for the identity) and AssociateAccessPolicy with the writer's credentials, through electron/authmap.
import { accessEntryExists, applyAccessEntryPlan } from '../authmap/access-entry-apply.js';
import { planAccessEntryGrant, SWITCH_REFUSAL } from '../authmap/access-entry-plan.js';
import { normaliseForAccessEntry } from '../authmap/arn.js';
import { ACCESS_POLICIES, type AccessPolicyName } from '../authmap/access-policies.js';
import { backupStoreFor } from '../authmap/backup.js';
import type { ClusterTarget, Writer } from '../authmap/types.js';
import { accessEntryPlainSteps } from './access-entry-words.js';
import { FixRefusal, type FixContext, type PreparedFix, type Refusal } from './types.js';

/** `--policy` as a full name (AmazonEKSEditPolicy) or short (edit, view, admin, cluster-admin). */
export function policyName(value: string | undefined): AccessPolicyName {
  if (!value) return 'AmazonEKSViewPolicy';
  const short: Record<string, AccessPolicyName> = { 'cluster-admin': 'AmazonEKSClusterAdminPolicy', admin: 'AmazonEKSAdminPolicy', edit: 'AmazonEKSEditPolicy', view: 'AmazonEKSViewPolicy' };
  const name = short[value.toLowerCase()] ?? ACCESS_POLICIES.find((p) => p.toLowerCase() === value.toLowerCase());
  if (!name) throw new FixRefusal(`--policy: "${value}" is not one of ${Object.keys(short).join(', ')} (or ${ACCESS_POLICIES.join(', ')})`, 2);
  return name;
}

/** The principal the fix names, else the identity's. */
function principalNamed(ctx: FixContext, fallback: string): string {
  const arn = ctx.fix.params.principalArn;
  return arn && arn.startsWith('arn:') ? arn : fallback;
}

export async function prepareAccessEntryFix(ctx: FixContext, cluster: ClusterTarget, writer: Writer, identityArn: string): Promise<PreparedFix> {
  const principal = principalNamed(ctx, identityArn);
  const policy = policyName(ctx.options.policy);
  // The preview's steps are the ones apply runs: no create step when the entry is there already.
  const entryExists = await accessEntryExists(cluster, writer, normaliseForAccessEntry(principal).arn, ctx.env);
  const plan = planAccessEntryGrant(cluster, writer.profile, { identityArn: principal, policy, ...(ctx.options.namespaces?.length ? { scope: 'namespace' as const, namespaces: ctx.options.namespaces } : { scope: 'cluster' as const }), switchMode: ctx.options.switchMode, ...(entryExists !== undefined ? { entryExists } : {}) });
  const refusals: Refusal[] = plan.problems.map((p) => (p === SWITCH_REFUSAL ? { text: `${p} (re-run with --switch-mode to agree)`, liftedBy: '--switch-mode' } : { text: p }));
  const problems = refusals.map((r) => r.text);
  const defaultAccess = ctx.options.policy ? undefined : `no access was chosen, so the narrowest that lets \`kubectl get svc\` work: AmazonEKSViewPolicy (read-only) ${ctx.options.namespaces?.length ? `in ${ctx.options.namespaces.join(', ')}` : 'for the whole cluster'} (--policy edit|admin|cluster-admin for more)`;
  const previewText = [
    ...(defaultAccess ? [`Access: ${defaultAccess}.`] : []),
    `Grant ${plan.principalArn} access on ${cluster.name} by access entry, as ${writer.profile}:`,
    ...plan.steps.map((s, i) => `  ${i + 1}. ${s.title}\n     $ ${s.command}`),
    ...plan.notes.map((n) => `note: ${n}`),
    ...plan.warnings.map((w) => `warning: ${w}`),
    ...problems.map((p) => `refused: ${p}`),
  ].join('\n');
  return {
    previewText,
    preview: { ...plan, problems, plainSteps: accessEntryPlainSteps(plan) },
    problems: refusals,
    writer: writer.profile,
    cluster,
    ...(defaultAccess ? { defaultAccess } : {}),
    async apply() {
      const backups = backupStoreFor(ctx.env, ctx.backupDir);
      const result = await applyAccessEntryPlan(plan, cluster, writer, { env: ctx.env, pollMs: 1000, backups });
      const titleOf = (id: string) => plan.steps.find((s) => s.id === id)?.title ?? id;
      return {
        applied: { id: ctx.fix.id, title: ctx.fix.title, steps: result.steps.map((s) => ({ title: titleOf(s.id), ok: s.ok, message: s.message })) },
        ...(result.ok ? {} : { failure: `the access entry was not completed: ${result.problems.join('; ')}` }),
        ...(result.backupId ? { backup: `${backups.dir}/${result.backupId}.json`, backupId: result.backupId } : {}),
      };
    },
  };
}
