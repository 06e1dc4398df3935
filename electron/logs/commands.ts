// The CLI commands equivalent to each step of the logs wizard, shown next to its button.
import { commandLine } from '../../shared/shell-arg.js';
import type { ClusterRef } from './cluster-ref.js';

const where = (c: ClusterRef, profile: string) => ['--region', c.region, '--profile', profile];

export const ENABLE_AUTHENTICATOR_LOGGING = '{"clusterLogging":[{"types":["authenticator"],"enabled":true}]}';

export function describeLoggingCommand(c: ClusterRef, profile: string): string {
  return commandLine(['aws', 'eks', 'describe-cluster', '--name', c.name, '--query', 'cluster.logging', ...where(c, profile)]);
}

export function enableLoggingCommand(c: ClusterRef, profile: string): string {
  return commandLine(['aws', 'eks', 'update-cluster-config', '--name', c.name, '--region', c.region, '--logging', ENABLE_AUTHENTICATOR_LOGGING, '--profile', profile]);
}

export function describeUpdateCommand(c: ClusterRef, profile: string, updateId: string): string {
  return commandLine(['aws', 'eks', 'describe-update', '--name', c.name, '--update-id', updateId, ...where(c, profile)]);
}

export function startQueryCommand(c: ClusterRef, profile: string, q: { queryString: string; startTime: number; endTime: number }): string {
  return commandLine([
    'aws', 'logs', 'start-query', '--log-group-name', c.logGroup, '--start-time', String(q.startTime), '--end-time', String(q.endTime),
    '--query-string', q.queryString, ...where(c, profile),
  ]);
}

export function getQueryResultsCommand(c: ClusterRef, profile: string, queryId: string): string {
  return commandLine(['aws', 'logs', 'get-query-results', '--query-id', queryId, ...where(c, profile)]);
}
