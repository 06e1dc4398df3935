// `update-kubeconfig --profile P --cluster NAME [--region R] [--role-arn ARN] [--alias A] [--user-alias U]
//   [--kubeconfig FILE] [--pin-profile] [--keep-current-context] [--use-app-token] [--dry-run] [--json]`
// The entries `aws eks update-kubeconfig` writes, with a preview, a backup and an in-place, change-checked write under kubectl's lock.
// Exit 0 done, 2 bad arguments, 1 anything else — with one line on stderr.
import { stringify } from 'yaml';
import { awsErrorOf } from '../clusters/errors.js';
import { applyPlan } from '../kubeconfig/apply.js';
import { BackupStore, defaultBackupDir } from '../authmap/backup.js';
import { KubeconfigLockedError } from '../kubeconfig/file-lock.js';
import { KubeconfigChangedError, KubeconfigPermissionError } from '../kubeconfig/write-in-place.js';
import { planUpdateForProfile, UnknownProfileError } from '../kubeconfig/plan-for-profile.js';
import { planView } from '../kubeconfig/plan.js';
import { KubeconfigFileError } from '../kubeconfig/read.js';
import { CredentialFailure, type MfaSessionStore } from '../profiles/credentials.js';
import { homeDirOf, type Env } from '../profiles/deps.js';
import { clusterFlags } from './cluster-flags.js';
import { contractFields } from './contract-request.js';
import { bool, CommandFailure, failed, runCommand, str, type CommandResult, type Flags } from './result.js';

export interface UpdateKubeconfigDeps {
  env: Env;
  now?: () => Date;
  mfa?: MfaSessionStore;
  /** Where the write's record goes, for `restore --backup ID` (default ~/.eks-access-doctor/backups/). */
  backupDir?: string;
}

interface ParsedArgs {
  profile: string;
  cluster: string;
  region?: string;
  roleArn?: string | undefined;
  assumeRoleArn?: string;
  alias?: string;
  userAlias?: string;
  kubeconfig?: string;
  verbose: boolean;
  pinProfile: boolean;
  useAppToken: boolean;
  keepCurrentContext: boolean;
  dryRun: boolean;
  json: boolean;
}

/** The flags as the app's kubeconfig.plan request would carry them, checked with its schemas. */
function updateArgs(flags: Flags): ParsedArgs {
  const cell = clusterFlags(flags, 'kubeconfig.plan');
  const roleArn = str(flags, 'role-arn');
  const assumeRoleArn = str(flags, 'assume-role-arn');
  // --assume-role-arn is a role ARN too: the same schema as the request's roleArn.
  contractFields('kubeconfig.plan', { roleArn, alias: str(flags, 'alias') }, { roleArn: 'role-arn' });
  contractFields('kubeconfig.plan', { roleArn: assumeRoleArn, alias: str(flags, 'user-alias') }, { roleArn: 'assume-role-arn', alias: 'user-alias' });
  return {
    ...cell,
    roleArn,
    assumeRoleArn,
    verbose: bool(flags, 'verbose'),
    alias: str(flags, 'alias'),
    userAlias: str(flags, 'user-alias'),
    kubeconfig: str(flags, 'kubeconfig'),
    pinProfile: bool(flags, 'pin-profile'),
    useAppToken: bool(flags, 'use-app-token'),
    keepCurrentContext: bool(flags, 'keep-current-context'),
    dryRun: bool(flags, 'dry-run'),
    json: bool(flags, 'json'),
  };
}

export async function runUpdateKubeconfig(args: string[], deps: UpdateKubeconfigDeps): Promise<CommandResult> {
  return runCommand('update-kubeconfig', args, async ({ flags }) => {
    const parsed = updateArgs(flags);
    try {
      return await update(parsed, deps);
    } catch (err) {
      if (err instanceof CommandFailure) throw err;
      return failed(1, failureLine(err));
    }
  });
}

async function update(a: ParsedArgs, deps: UpdateKubeconfigDeps): Promise<CommandResult> {
  let plan;
  try {
    const { profile, cluster, region, roleArn, assumeRoleArn, alias, userAlias, kubeconfig, pinProfile, keepCurrentContext } = a;
    plan = await planUpdateForProfile({ env: deps.env, profile, cluster, region, roleArn, assumeRoleArn, alias, userAlias, kubeconfig, pinProfile, keepCurrentContext, appTokenHelper: a.useAppToken, mfa: deps.mfa, now: deps.now });
  } catch (err) {
    if (err instanceof UnknownProfileError) throw new CommandFailure('PROFILE_NOT_FOUND', err.message);
    throw err;
  }
  const view = planView(plan);
  if (a.dryRun) {
    if (a.json) return { exitCode: 0, stdout: JSON.stringify({ dryRun: true, ...view }, null, 2) + '\n', stderr: '' };
    const text = view.changed ? plan.diff : `${plan.target} already holds these entries; nothing would change\n`;
    return { exitCode: 0, stdout: `${text}(dry run: would print "${plan.message}")\n`, stderr: '' };
  }
  const applied = await applyPlan(plan, { now: deps.now, records: new BackupStore(deps.backupDir ?? defaultBackupDir(homeDirOf(deps.env))) });
  if (a.json) {
    const out = { dryRun: false, ...view, backupPath: applied.backupPath, backupId: applied.record.id };
    return { exitCode: 0, stdout: JSON.stringify(out, null, 2) + '\n', stderr: '' };
  }
  const backup = applied.backupPath ? `Backup of the previous file: ${applied.backupPath}\n` : '';
  // --verbose: the written entries as the CLI prints them (context, user, cluster; each YAML then a blank line).
  const entries = a.verbose ? `Entries:\n\n${[plan.entries.context, plan.entries.user, plan.entries.cluster].map((e) => `${stringify(e, { indentSeq: false, lineWidth: 0 })}\n`).join('')}` : '';
  return { exitCode: 0, stdout: `${applied.message}\n${entries}${backup}Undo: restore --backup ${applied.record.id}\n`, stderr: '' };
}

function failureLine(err: unknown): string {
  if (err instanceof KubeconfigFileError || err instanceof KubeconfigChangedError || err instanceof KubeconfigLockedError || err instanceof KubeconfigPermissionError) return err.message;
  if (err instanceof CredentialFailure) return `profile credentials: ${err.code}: ${err.message}`.split('\n')[0]!;
  const aws = awsErrorOf(err);
  const text = aws.code && aws.code !== 'Error' ? `${aws.code}: ${aws.message}` : aws.message;
  return text.split('\n')[0]!;
}
