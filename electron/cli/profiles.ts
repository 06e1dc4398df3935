// `profiles [--json]`: every AWS profile, the identity it really is, and its status — the Profiles page's
// profiles.list, called through dispatch on the profiles room alone (not the app's whole context, which loads the
// Kubernetes client and more).
import type { ProfileView } from '../../shared/profile-types.js';
import type { Env } from '../profiles/deps.js';
import { profilesHandlers } from '../profiles/handlers.js';
import { defaultProfilesDeps, ProfilesService } from '../profiles/service.js';
import { callContract, contractRequest } from './contract-request.js';
import { bool, jsonText, runCommand, type CommandResult } from './result.js';

/** docs/cli.md: {name, type, region, identity:{arn, account}?, accountAlias?, status, error?}. */
function cliProfile(p: ProfileView) {
  return {
    name: p.name,
    type: p.type,
    region: p.region,
    ...(p.identity ? { identity: { arn: p.identity.arn, account: p.identity.account } } : {}),
    ...(p.accountAlias ? { accountAlias: p.accountAlias } : {}),
    status: p.status,
    ...(p.error ? { error: `${p.error.code}: ${p.error.message}` } : {}),
  };
}

export async function runProfiles(args: string[], deps: { env: Env }): Promise<CommandResult> {
  return runCommand('profiles', args, async ({ flags }) => {
    const handlers = profilesHandlers(new ProfilesService(defaultProfilesDeps(deps.env), {}, { accountAliases: true }));
    const list = await callContract(handlers, 'profiles.list', contractRequest('profiles.list', { refresh: true, wait: true }));
    if (bool(flags, 'json')) return { exitCode: 0, stdout: jsonText({ profiles: list.profiles.map(cliProfile), problems: list.problems }), stderr: '' };
    const [{ STATUS_LABEL, TYPE_LABEL }, { describeAwsError }, { textTable }] = await Promise.all([
      import('../../shared/profile-words.js'),
      import('../../shared/aws-error-words.js'),
      import('./text-table.js'),
    ]);
    const stderr = list.problems.map((p) => `warning: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}\n`).join('');
    if (!list.profiles.length) return { exitCode: 0, stdout: `no AWS profiles in ${list.files.config} or ${list.files.credentials}\n`, stderr };
    const rows = list.profiles.map((p) => [
      p.name,
      STATUS_LABEL[p.status],
      TYPE_LABEL[p.type],
      p.region ?? '-',
      p.identity ? p.identity.arn : p.error ? describeAwsError(p.error.code, p.error.message) : '',
    ]);
    return { exitCode: 0, stdout: textTable(['PROFILE', 'STATUS', 'TYPE', 'REGION', 'IDENTITY OR PROBLEM'], rows), stderr };
  });
}
