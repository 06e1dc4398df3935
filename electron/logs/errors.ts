// AWS failures of the logs wizard as one plain sentence with a code (never the request, which could carry credentials).
import { ContractError, PassedOnError } from '../../shared/contract-kit.js';
import { awsErrorOf, isAccessDenied } from '../clusters/errors.js';
import { CredentialFailure } from '../profiles/credentials.js';
import type { ClusterRef } from './cluster-ref.js';

/** The IAM action a call needs, named in the message when IAM says no. */
export type LogsAction =
  | 'eks:DescribeCluster'
  | 'eks:UpdateClusterConfig'
  | 'eks:DescribeUpdate'
  | 'logs:StartQuery'
  | 'logs:GetQueryResults';

export function loggingOffError(c: ClusterRef): ContractError {
  return new ContractError(
    'LOGGING_OFF',
    `The log group ${c.logGroup} does not exist: cluster ${c.name} does not send its authenticator log to CloudWatch yet — turn it on in the wizard's "Turn on" step, then try again after the next kubectl call.`,
  );
}

/** Credentials that could not be obtained, or the AWS call's failure, as a ContractError. */
export function logsErrorOf(err: unknown, profile: string, action: LogsAction, c: ClusterRef): ContractError {
  if (err instanceof ContractError) return err;
  if (err instanceof CredentialFailure) {
    if (err.code === 'ProfileNotFound') return new ContractError('PROFILE_NOT_FOUND', err.message);
    return new PassedOnError(err.code, `profile "${profile}" has no usable credentials: ${err.message}`);
  }
  const { code, message } = awsErrorOf(err);
  if (isAccessDenied(code)) {
    return new PassedOnError(code, `Profile "${profile}" is not allowed ${action} on cluster ${c.name} (${c.region}): use a profile that has it, or ask an administrator to grant it.`);
  }
  if (code === 'ResourceNotFoundException') {
    if (action === 'logs:StartQuery') return loggingOffError(c);
    if (action === 'logs:GetQueryResults') return new PassedOnError(code, 'Logs Insights no longer knows this query: run it again.');
    if (action === 'eks:DescribeUpdate') return new PassedOnError(code, `Cluster ${c.name} has no update with this id: start the logging update again.`);
    return new PassedOnError(code, `Cluster ${c.name} was not found in ${c.region} with profile "${profile}".`);
  }
  if (code === 'ResourceInUseException') {
    return new PassedOnError(code, `Cluster ${c.name} is busy with another update: wait until it finishes, then turn the log on again.`);
  }
  if (code === 'ExpiredTokenException' || code === 'ExpiredToken') {
    return new PassedOnError(code, `The credentials of profile "${profile}" have expired: sign in again, then retry.`);
  }
  return new PassedOnError(code, `${action} failed with profile "${profile}": ${message}`);
}
