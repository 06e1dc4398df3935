// Fixes the app cannot do for the user (unset-env-credentials, sso-login, refresh-credentials, mfa-session,
// new-access-key, configure-profile, sync-clock, allow-describe-cluster, list-clusters, endpoint-access,
// recreate-creator, …): their steps, to be run by the user (or an IAM administrator).
import { asAdminStep, stepCommand } from '../diagnose/fix-command.js';
import type { Fix } from '../diagnose/types.js';

export const MANUAL_LEAD = 'this fix is done by you:';

export function manualText(fix: Fix): string {
  return [`${MANUAL_LEAD} ${fix.title}`, ...fix.steps.map((s, i) => `  ${i + 1}. ${s.title}${s.caution ? `\n     CAUTION: ${s.caution}` : ''}\n     $ ${stepCommand(s)}`)].join('\n') + '\n';
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
  return `no profile of yours can grant access; ${askAdmin(fix)}`;
}

/** When every profile that could write is one that cannot: why each cannot, the flag to name another, and the ask. */
export function refusedWritersLine(fix: Fix, reasons: string[]): string {
  return `no profile of yours can grant access (${reasons.join('; ')}); pass --admin-profile <profile> with a profile that administers the cluster, or ${askAdmin(fix)}`;
}

function askAdmin(fix: Fix): string {
  return `ask the cluster admin: ${fix.steps.map((s) => stepCommand(asAdminStep(s))).join(' ; ')}`;
}
