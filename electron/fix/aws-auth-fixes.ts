// aws-auth fixes (map-identity, map-role-without-path, map-role-arn, fix-near-miss, fix-aws-auth-item): planned and
// written by electron/authmap with the writer's credentials — diff preview, lockout guard, backup, 409 merge.
import { applyAwsAuthPlan } from '../authmap/aws-auth-apply.js';
import { planAwsAuthGrant, type AwsAuthGrantRequest, type AwsAuthPlan } from '../authmap/aws-auth-plan.js';
import { malformedKeyText, readAwsAuth } from '../authmap/aws-auth-read.js';
import { backupStoreFor } from '../authmap/backup.js';
import { planView } from '../authmap/plan-view.js';
import type { CandidateProblem, FixCandidate } from '../authmap/candidates.js';
import type { ClusterTarget, Writer } from '../authmap/types.js';
import { ensureViewBinding, removeViewBinding, VIEW_BINDING, VIEW_DEFAULT_TEXT, VIEW_GROUP, viewBindingCommand, viewBindingTitle } from '../authmap/view-binding.js';
import { awsAuthPlainSteps } from './aws-auth-words.js';
import type { FixContext, PreparedFix, Refusal } from './types.js';

/** The groups a corrected entry starts from, before the wrong entry's own groups replace them. */
const DEFAULT_GROUPS = ['system:masters'];

/** Which existing wrong entry each fix corrects in place. */
const PROBLEMS: Record<string, CandidateProblem[]> = {
  'map-role-without-path': ['path'],
  'map-role-arn': ['session-arn'],
  'fix-near-miss': ['near-miss', 'other-account'],
};

function pickCandidate(ctx: FixContext, candidates: FixCandidate[]): FixCandidate | undefined {
  const wanted = PROBLEMS[ctx.fix.id] ?? [];
  const fitting = candidates.filter((c) => wanted.includes(c.problem));
  // The diagnosis names the wrong entry: prefer that one.
  const named = fitting.find((c) => c.arn === ctx.fix.params.replaces);
  return named ?? fitting[0];
}

/** For a malformed entry of this identity (groups written as a string), the groups it meant. */
function groupsOfBadItem(plan: AwsAuthPlan): string[] | undefined {
  const same = (arn: string | undefined) => arn?.toLowerCase() === plan.target.arn.toLowerCase();
  const lost = plan.lostItems.find((l) => same(l.arn));
  if (lost?.groups?.length) return lost.groups;
  // Its own entry is fine but ignored with its key: keep what it gives.
  const ignored = readAwsAuth(plan.before).malformed.flatMap((m) => m.ignored).filter((i) => same(i.arn)).pop();
  if (ignored) return ignored.groups;
  for (const b of plan.badItems) {
    const raw = b.raw as Record<string, unknown> | null;
    const arn = raw?.rolearn ?? raw?.userarn;
    if (typeof arn !== 'string' || arn.toLowerCase() !== plan.target.arn.toLowerCase()) continue;
    if (typeof raw?.groups === 'string') return raw.groups.split(/[\s,]+/).filter(Boolean);
    if (Array.isArray(raw?.groups)) return raw.groups.map(String);
  }
  return undefined;
}

/** The planner's refusals, the one that the consent to repair lifts marked so. */
export function planRefusals(plan: AwsAuthPlan, problems: string[] = plan.problems): Refusal[] {
  return problems.map((text) => (text === plan.repairConsentProblem ? { text, liftedBy: '--repair-invalid' } : { text }));
}

function planLines(plan: AwsAuthPlan): string {
  return [
    `Edit kube-system/aws-auth on ${plan.cluster.name} as ${plan.writerProfile} (${plan.change === 'none' ? 'no change' : plan.change}: ${plan.target.key} ${plan.target.arn} → username "${plan.target.username}", groups [${plan.target.groups.join(', ')}]):`,
    plan.diff ? plan.diff.trimEnd() : plan.noop ? '  (aws-auth already holds this mapping)' : '  (nothing can be written: see "refused" below)',
    ...plan.malformedKeys.map((m) => `malformed key: ${malformedKeyText(m)}; the authenticator ignores every entry in it`),
    ...plan.badItems.filter((b) => !plan.malformedKeys.some((m) => m.key === b.key)).map((b) => `malformed item: ${b.key}[${b.index}]: ${b.reason}`),
    ...plan.notes.map((n) => `note: ${n}`),
    ...plan.warnings.map((w) => `warning: ${w}`),
    ...plan.problems.map((p) => `refused: ${p}`),
    'Equivalent commands:',
    ...plan.commands.map((c) => `  $ ${c}`),
  ].join('\n');
}

export async function prepareAwsAuthFix(ctx: FixContext, cluster: ClusterTarget, writer: Writer, identityArn: string): Promise<PreparedFix> {
  const chosenGroups = ctx.options.groups?.length ? ctx.options.groups : undefined;
  // A new mapping with no choice gets the narrowest access that lets `kubectl get svc` work, never a silent admin.
  const viewDefault = !chosenGroups && !PROBLEMS[ctx.fix.id] && ctx.fix.id !== 'fix-aws-auth-item';
  let request: AwsAuthGrantRequest = {
    identityArn,
    groups: chosenGroups ?? (viewDefault ? [VIEW_GROUP] : DEFAULT_GROUPS),
    ...(ctx.fix.id === 'fix-aws-auth-item' ? { invalidItems: ctx.options.repairInvalid ? ('repair' as const) : ('keep' as const) } : {}),
  };
  let plan = await planAwsAuthGrant(cluster, writer, request, { env: ctx.env });
  const problems: Refusal[] = [];
  if (PROBLEMS[ctx.fix.id]) {
    const candidate = pickCandidate(ctx, plan.candidates);
    if (!candidate) {
      problems.push({ text: `aws-auth no longer has the wrong entry this fix corrects (${(PROBLEMS[ctx.fix.id] ?? []).join(' or ')}); run diagnose again` });
    } else {
      // The wrong entry was meant for this identity: keep its username and groups unless --group says otherwise.
      request = { ...request, groups: chosenGroups ?? candidate.groups, fixEntry: { key: candidate.key, index: candidate.index, arn: candidate.arn } };
      plan = await planAwsAuthGrant(cluster, writer, request, { env: ctx.env });
    }
  } else if (ctx.fix.id === 'fix-aws-auth-item') {
    const meant = chosenGroups ? undefined : groupsOfBadItem(plan);
    if (meant?.length) plan = await planAwsAuthGrant(cluster, writer, { ...request, groups: meant }, { env: ctx.env });
    if (!ctx.options.repairInvalid && plan.malformedKeys.length > 0) {
      const one = plan.malformedKeys.length === 1;
      problems.push({ text: `aws-auth ${plan.malformedKeys.map((m) => m.key).join(' and ')} ${one ? 'is' : 'are'} malformed (${plan.malformedKeys.map(malformedKeyText).join('; ')}), so the authenticator ignores every entry in ${one ? 'it' : 'them'}; the app repairs ${one ? 'it' : 'them'} only with your consent: re-run with --repair-invalid`, liftedBy: '--repair-invalid' });
    } else if (!ctx.options.repairInvalid && plan.badItems.length > 0) {
      problems.push({ text: `aws-auth has ${plan.badItems.length} malformed item(s) (${plan.badItems.map((b) => `${b.key}[${b.index}]: ${b.reason}`).join('; ')}); the app repairs them only with your consent: re-run with --repair-invalid`, liftedBy: '--repair-invalid' });
    }
  }
  // Our consent line says it better than the planner's about the same malformed items.
  const consentAsked = problems.some((p) => p.liftedBy === '--repair-invalid');
  problems.push(...planRefusals(plan, plan.problems.filter((p) => !problems.some((r) => r.text === p) && !(consentAsked && /malformed|--repair-invalid/.test(p)))));
  const backups = backupStoreFor(ctx.env, ctx.backupDir);
  const stepTitle = `Write kube-system/aws-auth (${plan.change === 'none' ? 'nothing to change' : `${plan.change} ${plan.target.arn}`})`;
  const binding = plan.target.groups.includes(VIEW_GROUP);
  return {
    previewText: [...(viewDefault ? [`Access: ${VIEW_DEFAULT_TEXT}.`] : []), ...(binding ? [`As ${writer.profile}: ${viewBindingTitle}:`, `  $ ${viewBindingCommand(cluster.arn)}`] : []), planLines(plan)].join('\n'),
    // The binding's command first: the preview lists every step's command, in the order apply runs them.
    preview: {
      ...planView(plan),
      ...(binding ? { viewBinding: { command: viewBindingCommand(cluster.arn) }, commands: [viewBindingCommand(cluster.arn), ...plan.commands] } : {}),
      plainSteps: awsAuthPlainSteps(plan, binding),
    },
    problems,
    writer: writer.profile,
    cluster,
    ...(viewDefault ? { defaultAccess: VIEW_DEFAULT_TEXT } : {}),
    async apply() {
      const before = [];
      let createdUid: string | undefined;
      if (binding) {
        const b = await ensureViewBinding(cluster, writer, ctx.env);
        createdUid = b.createdUid;
        before.push({ title: viewBindingTitle, ok: b.ok, message: b.message });
        // Mapped into a group nothing binds, the identity would still get nothing: aws-auth is left alone.
        if (!b.ok) return { applied: { id: ctx.fix.id, title: ctx.fix.title, steps: before }, failure: `the ClusterRoleBinding was not created (${b.message}); aws-auth was not changed` };
      }
      // Undo takes back what this grant created: the backup names the binding when it was new.
      const result = await applyAwsAuthPlan(plan, cluster, writer, { env: ctx.env, backups, ...(createdUid ? { backupExtra: { createdViewBinding: { uid: createdUid } } } : {}) });
      // A binding made for a mapping that was not written would be left bound to nobody: take it back.
      if (!result.ok && createdUid) {
        const r = await removeViewBinding(cluster, writer, ctx.env, createdUid);
        before.push({ title: `Delete ClusterRoleBinding ${VIEW_BINDING} again (aws-auth was not changed)`, ok: r.removed, message: r.message });
      }
      const message = result.ok
        ? result.unchanged
          ? 'aws-auth already held this mapping; nothing written'
          : `saved${result.merged ? ', together with a change someone else made at the same time' : ''}`
        : result.problems.join('; ');
      return {
        applied: { id: ctx.fix.id, title: ctx.fix.title, steps: [...before, { title: stepTitle, ok: result.ok, message }] },
        ...(result.ok ? {} : { failure: `aws-auth was not changed: ${result.problems.join('; ')}` }),
        ...(result.backupId ? { backup: `${backups.dir}/${result.backupId}.json`, backupId: result.backupId } : {}),
      };
    },
  };
}
