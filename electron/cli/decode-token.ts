// `decode-token TOKEN [--json]`: what a token says, without its secrets.
import { decodeToken, TokenDecodeError } from '../token/decode.js';
import type { CommandResult } from './result.js';
import { parse, usage } from './token.js';
import { usageLine } from './catalog.js';

export const DECODE_USAGE = usageLine('decode-token');

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
