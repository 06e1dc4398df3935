// Fixes the app cannot do for the user (unset-env-credentials, sso-login, refresh-credentials, mfa-session,
// new-access-key, configure-profile, sync-clock, allow-describe-cluster, list-clusters, endpoint-access,
// recreate-creator, …): their steps, to be run by the user (or an IAM administrator).
import { asAdminStep, stepCommand } from '../diagnose/fix-command.js';
import type { Fix } from '../diagnose/types.js';

export const MANUAL_LEAD = 'this fix is done by you:';

export function manualText(fix: Fix): string {
  return [`${MANUAL_LEAD} ${fix.title}`, ...fix.steps.map((s, i) => `  ${i + 1}. ${s.title}\n     $ ${stepCommand(s)}`)].join('\n') + '\n';
}

/** The one stderr line: the lead and the commands in order. */
export function manualLine(fix: Fix): string {
  return `${MANUAL_LEAD} ${fix.steps.map(stepCommand).join(' ; ')}`;
}

/**
 * What to send a cluster admin when no profile of the user's can grant: the fix's commands, as the admin runs them —
 * as themself, so without the `--profile <admin-profile>` placeholder (like the app's ask-the-admin message).
 */
export function askAdminLine(fix: Fix): string {
  const asAdmin = fix.steps.map((s) => stepCommand(asAdminStep(s)));
  return `no profile of yours can grant access; ask the cluster admin: ${asAdmin.join(' ; ')}`;
}
