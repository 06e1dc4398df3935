// The fix of ACCESS_ENTRY_STALE (recreate-access-entry): the entry is read with the writer's credentials for the
// preview, then deleted and created again with the same settings, with a backup that `restore --backup ID` takes.
import { applyRecreate, readEntry, recreateSteps } from '../authmap/access-entry-recreate.js';
import { backupStoreFor } from '../authmap/backup.js';
import type { ClusterTarget, Writer } from '../authmap/types.js';
import { createScanAwsClients } from '../clusters/aws-clients.js';
import { accessEntryFor } from '../diagnose/match.js';
import { FixRefusal, type FixContext, type PreparedFix } from './types.js';

export async function prepareRecreateFix(ctx: FixContext, cluster: ClusterTarget, writer: Writer): Promise<PreparedFix> {
  const e = ctx.evidence;
  const canonical = e.profileView.identity?.canonicalArn;
  const listed = canonical && e.accessEntries?.ok ? accessEntryFor(canonical, e.accessEntries.value) : undefined;
  if (!listed) throw new FixRefusal(`no access entry for ${canonical ?? ctx.diagnosis.profile} was found on ${cluster.name}; run the diagnosis again`);
  const aws = createScanAwsClients(ctx.env, { maxAttempts: 3 });
  let entry;
  try {
    entry = await readEntry(aws.eks(cluster.region, writer.credentials), cluster.name, listed.principalArn);
  } finally {
    aws.destroy();
  }
  if (!entry) throw new FixRefusal(`the access entry of ${listed.principalArn} no longer exists on ${cluster.name}; run the diagnosis again`);
  const steps = recreateSteps(cluster, writer.profile, entry);
  const previewText = [
    `Re-create the access entry of ${entry.principalArn} on ${cluster.name} with the same settings, as ${writer.profile}:`,
    ...steps.map((s, i) => `  ${i + 1}. ${s.title}\n     $ ${s.command}`),
    'note: the entry is kept as a backup first; between the delete and the create (a second or two) the entry does not exist',
  ].join('\n');
  return {
    previewText,
    preview: { kind: 'access-entry-recreate', cluster: { name: cluster.name, region: cluster.region, arn: cluster.arn }, writerProfile: writer.profile, entry, steps, problems: [] },
    problems: [],
    writer: writer.profile,
    cluster,
    async apply() {
      const backups = backupStoreFor(ctx.env, ctx.backupDir);
      const r = await applyRecreate(cluster, writer, entry, { env: ctx.env, backups });
      return {
        applied: { id: ctx.fix.id, title: ctx.fix.title, steps: r.steps },
        ...(r.ok ? {} : { failure: `the access entry was not re-created: ${r.problems.join('; ')}` }),
        ...(r.backupId ? { backup: `${backups.dir}/${r.backupId}.json`, backupId: r.backupId } : {}),
      };
    },
  };
}
