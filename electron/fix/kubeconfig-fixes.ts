// Kubeconfig fixes (update-kubeconfig, pin-profile, use-working-profile): the entries `aws eks update-kubeconfig`
// writes, for the diagnosed profile (or the profile the fix names), into the user's kubeconfig (KUBECONFIG of the env).
import { BackupStore, defaultBackupDir } from '../authmap/backup.js';
import { applyPlan } from '../kubeconfig/apply.js';
import { planUpdateForProfile } from '../kubeconfig/plan-for-profile.js';
import { planView } from '../kubeconfig/plan.js';
import { homeDirOf } from '../profiles/deps.js';
import type { FixContext, PreparedFix } from './types.js';

/** The profile the fix names, when it is one of the user's profiles. */
function profileNamed(ctx: FixContext): string | undefined {
  const name = ctx.fix.params.profile;
  return name && ctx.evidence.profiles.some((p) => p.name === name) ? name : undefined;
}

export async function prepareKubeconfigFix(ctx: FixContext): Promise<PreparedFix> {
  const id = ctx.fix.id;
  const profile = id === 'update-kubeconfig' ? ctx.diagnosis.profile : (profileNamed(ctx) ?? ctx.diagnosis.profile);
  const { name, region } = ctx.diagnosis.cluster;
  const plan = await planUpdateForProfile({ env: ctx.env, profile, cluster: name, region, pinProfile: id === 'pin-profile', appTokenHelper: id === 'use-app-token' });
  const view = planView(plan);
  const stepTitle = `Write kubectl's entry for ${name} with profile ${profile}${id === 'pin-profile' ? ' pinned in the exec args' : id === 'use-app-token' ? ", its token made by this app's token command" : ''} (${plan.target})`;
  const previewText = [
    `${stepTitle}:`,
    view.changed ? plan.diff.trimEnd() : `  ${plan.target} already holds these entries; nothing changes`,
    ...view.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
  return {
    previewText,
    preview: { kind: 'kubeconfig', profile, ...view },
    problems: [],
    async apply() {
      if (!view.changed) {
        return { applied: { id, title: ctx.fix.title, steps: [{ title: stepTitle, ok: true, message: `${plan.target} already holds these entries` }] }, context: plan.contextName, probeProfile: profile };
      }
      const done = await applyPlan(plan, { records: new BackupStore(ctx.backupDir ?? defaultBackupDir(homeDirOf(ctx.env))) });
      return {
        applied: { id, title: ctx.fix.title, steps: [{ title: stepTitle, ok: true, message: done.message }] },
        ...(done.backupPath ? { backup: done.backupPath } : {}),
        backupId: done.record.id,
        context: plan.contextName,
        probeProfile: profile,
      };
    },
  };
}
