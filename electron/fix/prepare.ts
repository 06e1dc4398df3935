// One grant of a diagnosis, prepared: the writer given, the cluster as the writer sees it, and the
// family's plan — for the grant wizard's channels (the `fix` command goes through them too).
import { prepareAccessEntryFix } from './access-entry-fixes.js';
import { prepareAwsAuthFix } from './aws-auth-fixes.js';
import { familyOf, needsWriter } from '../diagnose/fix-families.js';
import { askAdminLine, manualLine } from './manual-fixes.js';
import { prepareRbacFix } from './rbac-fixes.js';
import { prepareRecreateFix } from './recreate-entry-fix.js';
import { FixRefusal, type FixContext, type PreparedFix } from './types.js';
import { clusterTarget, principalOf, writerFor } from './writer.js';
import { unknownProfileMessage } from '../common/unknown-profile.js';

export async function prepareFix(ctx: FixContext): Promise<PreparedFix> {
  const family = familyOf(ctx.fix.id);
  if (!needsWriter(family)) throw new FixRefusal(manualLine(ctx.fix));
  const identityArn = principalOf(ctx.evidence);
  if (!identityArn) throw new FixRefusal(`the identity of ${ctx.diagnosis.profile} is unknown (${ctx.evidence.profileView.error?.message ?? ctx.evidence.profileView.status}); fix its credentials first`);
  // The writer is always named: the wizard's choice, or the one `fix` takes from grant.options (which says who cannot grant).
  const writerName = ctx.options.adminProfile;
  if (!writerName) throw new FixRefusal(askAdminLine(ctx.fix));
  if (!ctx.evidence.profiles.some((p) => p.name === writerName)) throw new FixRefusal(`--admin-profile: ${unknownProfileMessage(writerName)}`, 2);
  const writer = await writerFor(ctx.profiles, writerName);
  const cluster = await clusterTarget(ctx.evidence, writer, ctx.env);
  if (!cluster) throw new FixRefusal(`the cluster ${ctx.diagnosis.cluster.name} could not be described`);
  if (ctx.fix.id === 'recreate-access-entry') return prepareRecreateFix(ctx, cluster, writer);
  if (family === 'access-entry') return prepareAccessEntryFix(ctx, cluster, writer, identityArn);
  if (family === 'aws-auth') return prepareAwsAuthFix(ctx, cluster, writer, identityArn);
  return prepareRbacFix(ctx, cluster, writer, identityArn);
}
