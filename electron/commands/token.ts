// `token --profile P --cluster NAME [--region R] [--role-arn ARN]`: an ExecCredential like `aws eks get-token`, made in-process,
// so it can stand in for `aws` in a kubeconfig exec block. `decode-token TOKEN [--json]`: what a token says, without its secrets.
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { regionFor } from '../profiles/credentials.js';
import type { Env } from '../profiles/deps.js';
import { defaultProfilesDeps, ProfilesService } from '../profiles/service.js';
import { decodeToken, TokenDecodeError } from '../token/decode.js';
import { execCredential, generateToken } from '../token/generate.js';
import type { CommandResult } from './result.js';

export const TOKEN_USAGE = 'usage: token --profile P --cluster NAME [--region R] [--role-arn ARN]';
export const DECODE_USAGE = 'usage: decode-token TOKEN [--json]';

function usage(message: string, usageLine: string): CommandResult {
  return { exitCode: 2, stdout: '', stderr: `error: ${message} (${usageLine})\n` };
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>, allowPositionals = false) {
  return parseArgs({ args, options, strict: true, allowPositionals });
}

export async function runToken(args: string[], deps: { env: Env }): Promise<CommandResult> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parse(args, { profile: { type: 'string' }, cluster: { type: 'string' }, region: { type: 'string' }, 'role-arn': { type: 'string' } }));
  } catch (err) {
    return usage((err as Error).message.split('\n')[0], TOKEN_USAGE);
  }
  const profile = values.profile as string | undefined;
  const cluster = values.cluster as string | undefined;
  if (!profile) return usage('--profile is required', TOKEN_USAGE);
  if (!cluster) return usage('--cluster is required', TOKEN_USAGE);
  const service = new ProfilesService(defaultProfilesDeps(deps.env));
  const loaded = await service.load();
  const descriptor = loaded.profiles.find((p) => p.name === profile);
  if (!descriptor) return { exitCode: 1, stdout: '', stderr: `error: no profile named "${profile}" in ${loaded.files.config} or ${loaded.files.credentials}\n` };
  const region = (values.region as string | undefined) ?? regionFor(descriptor, service.deps);
  try {
    let credentials = await service.credentials(profile);
    const roleArn = values['role-arn'] as string | undefined;
    if (roleArn) {
      // As `aws eks get-token --role-arn`: assume the role first, with the CLI's session name.
      const assumed = await service.deps.aws.sts(region, credentials).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'EKSGetTokenAuth' }));
      const c = assumed.Credentials!;
      credentials = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken, expiration: c.Expiration };
    }
    const { token, expiresAt } = await generateToken(service.deps.aws.sts(region, credentials), cluster);
    return { exitCode: 0, stdout: `${JSON.stringify(execCredential(token, expiresAt, deps.env.KUBERNETES_EXEC_INFO))}\n`, stderr: '' };
  } catch (err) {
    const e = err as { name?: string; code?: string; message?: string };
    return { exitCode: 1, stdout: '', stderr: `error: ${e.code ?? e.name ?? 'Error'}: ${(e.message ?? String(err)).split('\n')[0]}\n` };
  }
}

export async function runDecodeToken(args: string[]): Promise<CommandResult> {
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parse(args, { json: { type: 'boolean' } }, true));
  } catch (err) {
    return usage((err as Error).message.split('\n')[0], DECODE_USAGE);
  }
  if (positionals.length !== 1) return usage(positionals.length ? 'expected one token' : 'the token is required', DECODE_USAGE);
  try {
    const d = decodeToken(positionals[0]);
    const view = {
      host: d.host,
      region: d.region,
      accessKeyId: d.accessKeyId,
      date: d.date,
      expiresSeconds: d.expiresSeconds,
      signedHeaders: d.signedHeaders,
      clusterIdSigned: d.clusterIdSigned,
    };
    if (values.json) return { exitCode: 0, stdout: `${JSON.stringify(view, null, 2)}\n`, stderr: '' };
    const lines = [
      `STS host          ${view.host}`,
      `region            ${view.region}`,
      `access key        ${view.accessKeyId}${d.hasSessionToken ? ' (temporary credentials)' : ''}`,
      `signed at         ${view.date}`,
      `URL expires after ${view.expiresSeconds} s (EKS accepts the token for 15 minutes from signing)`,
      `signed headers    ${view.signedHeaders.join(', ')}`,
      `cluster bound     ${view.clusterIdSigned ? 'yes (x-k8s-aws-id is signed)' : 'NO: x-k8s-aws-id is not signed, every EKS cluster rejects it'}`,
    ];
    return { exitCode: 0, stdout: `${lines.join('\n')}\n`, stderr: '' };
  } catch (err) {
    if (err instanceof TokenDecodeError) return { exitCode: 1, stdout: '', stderr: `error: not an EKS token: ${err.message}\n` };
    throw err;
  }
}
