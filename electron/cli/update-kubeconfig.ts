// `update-kubeconfig --profile P --cluster NAME [--region R] [--role-arn ARN] [--alias A] [--user-alias U]
//   [--kubeconfig FILE] [--pin-profile] [--keep-current-context] [--use-app-token] [--dry-run] [--json]`
// The entries `aws eks update-kubeconfig` writes, with a preview, a backup and an in-place, change-checked write under kubectl's lock.
// Exit 0 done, 2 bad arguments, 1 anything else — with one line on stderr.
import { awsErrorOf } from '../clusters/errors.js';
import { isRegionName } from '../clusters/regions.js';
import { applyPlan } from '../kubeconfig/apply.js';
import { BackupStore, defaultBackupDir } from '../authmap/backup.js';
import { KubeconfigLockedError } from '../kubeconfig/file-lock.js';
import { KubeconfigChangedError, KubeconfigPermissionError } from '../kubeconfig/write-in-place.js';
import { planUpdateForProfile, UnknownProfileError } from '../kubeconfig/plan-for-profile.js';
import { planView } from '../kubeconfig/plan.js';
import { KubeconfigFileError } from '../kubeconfig/read.js';
import { CredentialFailure, type MfaSessionStore } from '../profiles/credentials.js';
import { homeDirOf, type Env } from '../profiles/deps.js';
import { parseFlags, UsageError, type CommandResult } from './result.js';
import { usageLine } from './catalog.js';

export interface UpdateKubeconfigDeps {
  env: Env;
  now?: () => Date;
  mfa?: MfaSessionStore;
  /** Where the write's record goes, for `restore --backup ID` (default ~/.eks-access-doctor/backups/). */
  backupDir?: string;
}

export const UPDATE_KUBECONFIG_USAGE = usageLine('update-kubeconfig');

interface ParsedArgs {
  profile: string;
  cluster: string;
  region?: string;
  roleArn?: string;
  alias?: string;
  userAlias?: string;
  kubeconfig?: string;
  pinProfile: boolean;
  useAppToken: boolean;
  keepCurrentContext: boolean;
  dryRun: boolean;
  json: boolean;
}

export function parseUpdateKubeconfigArgs(args: string[]): ParsedArgs {
  const values = parseFlags(args, {
    profile: { type: 'string' },
    cluster: { type: 'string' },
    region: { type: 'string' },
    'role-arn': { type: 'string' },
    alias: { type: 'string' },
    'user-alias': { type: 'string' },
    kubeconfig: { type: 'string' },
    'pin-profile': { type: 'boolean' },
    'use-app-token': { type: 'boolean' },
    'keep-current-context': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (!values.profile) throw new UsageError(`--profile is required (${UPDATE_KUBECONFIG_USAGE})`);
  if (!values.cluster) throw new UsageError(`--cluster is required (${UPDATE_KUBECONFIG_USAGE})`);
  if (values.region !== undefined && !isRegionName(values.region)) throw new UsageError(`--region: "${values.region}" is not a region name (like us-east-1)`);
  if (values['role-arn'] !== undefined && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+/.test(values['role-arn'])) {
    throw new UsageError(`--role-arn: "${values['role-arn']}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`);
  }
  for (const key of ['alias', 'user-alias', 'kubeconfig'] as const) if (values[key] === '') throw new UsageError(`--${key} must not be empty`);
  return {
    profile: values.profile,
    cluster: values.cluster,
    region: values.region,
    roleArn: values['role-arn'],
    alias: values.alias,
    userAlias: values['user-alias'],
    kubeconfig: values.kubeconfig,
    pinProfile: Boolean(values['pin-profile']),
    useAppToken: Boolean(values['use-app-token']),
    keepCurrentContext: Boolean(values['keep-current-context']),
    dryRun: Boolean(values['dry-run']),
    json: Boolean(values.json),
  };
}

export async function runUpdateKubeconfig(args: string[], deps: UpdateKubeconfigDeps): Promise<CommandResult> {
  let parsed: ParsedArgs;
  try {
    parsed = parseUpdateKubeconfigArgs(args);
  } catch (err) {
    return { exitCode: 2, stdout: '', stderr: `error: ${(err as Error).message}\n` };
  }
  try {
    return await update(parsed, deps);
  } catch (err) {
    if (err instanceof UsageError) return { exitCode: 2, stdout: '', stderr: `error: ${err.message}\n` };
    return { exitCode: 1, stdout: '', stderr: `error: ${failureLine(err)}\n` };
  }
}

async function update(a: ParsedArgs, deps: UpdateKubeconfigDeps): Promise<CommandResult> {
  let plan;
  try {
    const { profile, cluster, region, roleArn, alias, userAlias, kubeconfig, pinProfile, keepCurrentContext } = a;
        plan = await planUpdateForProfile({ env: deps.env, profile, cluster, region, roleArn, alias, userAlias, kubeconfig, pinProfile, keepCurrentContext, appTokenHelper: a.useAppToken, mfa: deps.mfa, now: deps.now });
  } catch (err) {
    if (err instanceof UnknownProfileError) throw new UsageError(err.message);
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
  return { exitCode: 0, stdout: `${applied.message}\n${backup}Undo: restore --backup ${applied.record.id}\n`, stderr: '' };
}

function failureLine(err: unknown): string {
  if (err instanceof KubeconfigFileError || err instanceof KubeconfigChangedError || err instanceof KubeconfigLockedError || err instanceof KubeconfigPermissionError) return err.message;
  if (err instanceof CredentialFailure) return `profile credentials: ${err.code}: ${err.message}`.split('\n')[0]!;
  const aws = awsErrorOf(err);
  const text = aws.code && aws.code !== 'Error' ? `${aws.code}: ${aws.message}` : aws.message;
  return text.split('\n')[0]!;
}
