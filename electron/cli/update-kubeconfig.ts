// `update-kubeconfig --profile P --cluster NAME [--region R] [--role-arn ARN] [--alias A] [--assume-role-arn ARN]
//   [--user-alias U] [--kubeconfig FILE] [--pin-profile] [--keep-current-context] [--use-app-token] [--verbose] [--dry-run] [--json]`
// The entries `aws eks update-kubeconfig` writes, with a preview, a backup and an in-place, change-checked write
// under kubectl's lock — through the app's own channels: `kubeconfig.plan` (the cluster by name and region, as the
// aws CLI takes it), then `kubeconfig.apply` with verify: false (the command prints what it wrote and checks nothing
// after). `--kubeconfig` is the host's setting, as restore's folder is: a request never names a file.
// Exit 0 done, 2 bad arguments, 1 anything else — with one line on stderr (AWS's own for AWS's failures).
import { stringify } from 'yaml';
import { backupStoreFor } from '../authmap/backup.js';
import { kubeconfigHandlers } from '../kubeconfig/handlers.js';
import { readKubeconfigFile } from '../kubeconfig/read-settled.js';
import type { KubeconfigContent } from '../kubeconfig/types.js';
import type { MfaSessionStore } from '../profiles/credentials.js';
import type { Env } from '../profiles/deps.js';
import { kubeconfigBackupWords } from '../../shared/backup-words.js';
import { envSecrets, redactKnown } from '../../shared/redact.js';
import { callContract, contractRequest } from './contract-request.js';
import { bool, jsonText, runCommand, str, type CommandResult, type Flags } from './result.js';

export interface UpdateKubeconfigDeps {
  env: Env;
  now?: () => Date;
  mfa?: MfaSessionStore;
  /** Where the write's record goes, for `restore --backup ID` (default ~/.eks-access-doctor/backups/). */
  backupDir?: string;
}

const FLAG_OF = { profile: 'profile', cluster: 'cluster', region: 'region', roleArn: 'role-arn', alias: 'alias', assumeRoleArn: 'assume-role-arn', userAlias: 'user-alias' };

/** The flags as the kubeconfig.plan request, checked with its schema. */
function planRequest(flags: Flags) {
  return contractRequest(
    'kubeconfig.plan',
    {
      profile: str(flags, 'profile'),
      cluster: str(flags, 'cluster'),
      region: str(flags, 'region'),
      roleArn: str(flags, 'role-arn'),
      alias: str(flags, 'alias'),
      assumeRoleArn: str(flags, 'assume-role-arn'),
      userAlias: str(flags, 'user-alias'),
      ...(bool(flags, 'pin-profile') ? { pinProfile: true } : {}),
      ...(bool(flags, 'keep-current-context') ? { keepCurrentContext: true } : {}),
      ...(bool(flags, 'use-app-token') ? { appTokenHelper: true } : {}),
    },
    FLAG_OF,
  );
}

export async function runUpdateKubeconfig(args: string[], deps: UpdateKubeconfigDeps): Promise<CommandResult> {
  return runCommand('update-kubeconfig', args, async ({ flags }) => update(flags, planRequest(flags), deps));
}

async function update(flags: Flags, request: ReturnType<typeof planRequest>, deps: UpdateKubeconfigDeps): Promise<CommandResult> {
  const { env } = deps;
  const kubeconfig = str(flags, 'kubeconfig');
  const handlers = kubeconfigHandlers({
    env,
    ...(deps.mfa ? { mfa: () => deps.mfa } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    records: backupStoreFor(env, deps.backupDir),
    ...(kubeconfig ? { kubeconfig } : {}),
    redact: (text) => redactKnown(text, envSecrets(env)),
    // Asked only when a request wants the write checked; this command's does not (verify: false).
    kubectlEnv: async () => env,
    reprobe: async () => ({ message: 'Not probed again: the command line keeps no scan' }),
  });
  const { planId, view } = await callContract(handlers, 'kubeconfig.plan', request);
  if (bool(flags, 'dry-run')) {
    if (bool(flags, 'json')) return { exitCode: 0, stdout: jsonText({ dryRun: true, ...view }), stderr: '' };
    const text = view.changed ? `${view.diff}${view.relaidOutNote ? `note: ${view.relaidOutNote}\n` : ''}` : `${view.target} already holds these entries; nothing would change\n`;
    return { exitCode: 0, stdout: `${text}(dry run: would print "${view.message}")\n`, stderr: '' };
  }
  const applied = await callContract(handlers, 'kubeconfig.apply', { planId, verify: false });
  if (bool(flags, 'json')) return { exitCode: 0, stdout: jsonText({ dryRun: false, ...view, backupPath: applied.backupPath, backupId: applied.backupId }), stderr: '' };
  const backup = `Saved as ${kubeconfigBackupWords(applied.backupId, applied.backupPath)}\n`;
  const entries = bool(flags, 'verbose') ? `Entries:\n\n${await writtenEntries(view.target, view.contextName)}` : '';
  return { exitCode: 0, stdout: `${applied.message}\n${entries}${backup}Undo: restore --backup ${applied.backupId} (shows what it restores; add --yes to restore)\n`, stderr: '' };
}

/**
 * --verbose: the entries as the aws CLI prints them (context, user, cluster; each YAML then a blank line), read
 * back from the file just written (the plan's entries stay in the kubeconfig room).
 */
async function writtenEntries(file: string, contextName: string): Promise<string> {
  const content: KubeconfigContent = (await readKubeconfigFile(file)).content ?? {};
  const context = content.contexts?.find((c) => c?.name === contextName);
  const user = content.users?.find((u) => u?.name === context?.context.user);
  const cluster = content.clusters?.find((c) => c?.name === context?.context.cluster);
  return [context, user, cluster].filter(Boolean).map((e) => `${stringify(e, { indentSeq: false, lineWidth: 0 })}\n`).join('');
}
