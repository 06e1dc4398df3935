// `decode-token TOKEN [--json]`: what a token says, without its secrets.
import { decodeToken, TokenDecodeError } from '../token/decode.js';
import { bool, failed, jsonText, runCommand, type CommandResult } from './result.js';

export async function runDecodeToken(args: string[]): Promise<CommandResult> {
  return runCommand('decode-token', args, async ({ flags, positional }) => decode(positional!, bool(flags, 'json')));
}

function decode(token: string, json: boolean): CommandResult {
  try {
    const d = decodeToken(token);
    const view = {
      host: d.host,
      region: d.region,
      accessKeyId: d.accessKeyId,
      date: d.date,
      expiresSeconds: d.expiresSeconds,
      signedHeaders: d.signedHeaders,
      clusterIdSigned: d.clusterIdSigned,
    };
    if (json) return { exitCode: 0, stdout: jsonText(view), stderr: '' };
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
    if (err instanceof TokenDecodeError) return failed(1, `not an EKS token: ${err.message}`);
    throw err;
  }
}
