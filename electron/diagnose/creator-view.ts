// "You're the cluster creator": who made the cluster, where each source said so (with the command that shows it),
// and which of the user's profiles is that identity — else how to add one.
import type { CreatorProfileView, CreatorSourceView, CreatorView } from '../../shared/wizard-types.js';
import { shellArg } from '../../shared/shell-arg.js';
import { CREATOR_QUERY } from './gather-logs.js';
import { canonicalArnOf, roleOfSession, roleWithoutPath, sameIdentity } from '../../shared/arn.js';
import type { DiagnosedCell } from './service.js';

function sources(d: DiagnosedCell): CreatorSourceView[] {
  const { evidence: e, diagnosis } = d;
  const c = e.creator;
  const name = diagnosis.cluster.name;
  const region = diagnosis.cluster.region;
  const noteAbout = (re: RegExp) => c?.notes.find((n) => re.test(n));
  const logsNote = e.logs && !e.logs.ok ? `the authenticator log could not be read (${e.logs.failure.code}): turn the log type on with the logs wizard` : noteAbout(/authenticator log/);
  const entriesNote =
    e.cluster?.authenticationMode === 'CONFIG_MAP'
      ? 'the cluster uses aws-auth only (CONFIG_MAP): it has no access entries'
      : e.accessEntries && !e.accessEntries.ok
        ? `access entries could not be listed (${e.accessEntries.failure.code})`
        : noteAbout(/access entr/);
  return [
    {
      source: 'cloudtrail',
      label: 'CloudTrail CreateCluster event (last 90 days)',
      command: `aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=CreateCluster --region ${region}`,
      ...(c?.source === 'cloudtrail' && c.arn ? { found: c.arn } : {}),
      ...(c?.source !== 'cloudtrail' && noteAbout(/CloudTrail/) ? { note: noteAbout(/CloudTrail/)! } : {}),
    },
    {
      source: 'authenticator-logs',
      label: 'Authenticator log: who signs in as kubernetes-admin',
      command: `aws logs start-query --log-group-name /aws/eks/${name}/cluster --region ${region} --start-time $(date -d '-7 days' +%s) --end-time $(date +%s) --query-string ${shellArg(CREATOR_QUERY)}`,
      ...(c?.source === 'authenticator-log' && c.arn ? { found: c.arn } : {}),
      ...(c?.source !== 'authenticator-log' && logsNote ? { note: logsNote } : {}),
    },
    {
      source: 'access-entry',
      label: 'The access entry made with the cluster (API modes)',
      command: `aws eks list-access-entries --cluster-name ${shellArg(name)} --region ${region}`,
      ...(c?.source === 'access-entry' && c.arn ? { found: c.arn } : {}),
      ...(c?.source !== 'access-entry' && entriesNote ? { note: entriesNote } : {}),
    },
  ];
}

function profilesOf(d: DiagnosedCell, creatorArn: string | undefined): CreatorProfileView[] {
  if (!creatorArn) return [];
  const e = d.evidence;
  return e.profiles
    .filter((p) => p.identityArn && sameIdentity(p.identityArn, creatorArn))
    .map((p) => {
      const cell = e.cells.find((c) => c.profile === p.name);
      return { profile: p.name, canonicalArn: canonicalArnOf(p.identityArn!), ...(cell ? { outcome: cell.outcome } : {}) };
    });
}

function makeProfile(creatorArn: string, someProfile: string | undefined): CreatorView['makeProfile'] {
  const role = roleWithoutPath(creatorArn) ? creatorArn : roleOfSession(creatorArn);
  if (role) {
    return {
      title: `Add a profile that assumes the creator's role ${role} (from a profile allowed to assume it)`,
      command: `aws configure set role_arn ${role} --profile cluster-creator && aws configure set source_profile ${someProfile ?? '<your-profile>'} --profile cluster-creator`,
    };
  }
  const user = /:user\/(?:.*\/)?([^/]+)$/.exec(creatorArn)?.[1];
  return {
    title: `Add a profile with an access key of the IAM user ${user ?? creatorArn} (an IAM administrator can create one)`,
    command: `aws iam create-access-key --user-name ${user ?? '<user>'} && aws configure --profile cluster-creator`,
  };
}

export function creatorView(d: DiagnosedCell): CreatorView {
  const creatorArn = d.evidence.creator?.arn ?? d.diagnosis.creator.arn;
  const profiles = profilesOf(d, creatorArn);
  return {
    cluster: { name: d.diagnosis.cluster.name, region: d.diagnosis.cluster.region, arn: d.diagnosis.cluster.arn },
    ...(creatorArn ? { creatorArn } : {}),
    sources: sources(d),
    isThisIdentity: d.diagnosis.creator.isThisIdentity,
    profiles,
    ...(creatorArn && profiles.length === 0 ? { makeProfile: makeProfile(creatorArn, d.diagnosis.profile) } : {}),
  };
}
