// The authenticator-logs wizard's channels: is the authenticator log on, turn it on, follow the update,
// and run the article's Logs Insights queries — each with the equivalent CLI command.
import { DescribeClusterCommand, DescribeUpdateCommand, UpdateClusterConfigCommand, type EKSClient } from '@aws-sdk/client-eks';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LogsEnableResult, LogsQueryResult, LogsStatusView, LogsUpdateView } from '../../shared/wizard-types.js';
import { awsErrorOf } from '../clusters/errors.js';
import { createDiagnoseAwsClients } from '../diagnose/aws-clients.js';
import type { Handlers } from '../common/channel-handlers.js';
import type { Env } from '../profiles/deps.js';
import type { ProfilesService } from '../profiles/service.js';
import { clusterRefOf, type ClusterRef } from './cluster-ref.js';
import { describeLoggingCommand, describeUpdateCommand, enableLoggingCommand, getQueryResultsCommand, startQueryCommand } from './commands.js';
import { logsErrorOf, type LogsAction } from './errors.js';
import { fieldOf, InsightsCallError, runInsightsQuery, type InsightsOptions } from './insights.js';
import { parseAuthenticatorLine } from './log-line.js';
import { planQuery } from './queries.js';

export type LogsHandlers = Pick<Handlers, 'logs.status' | 'logs.enable' | 'logs.update' | 'logs.query'>;

export interface LogsDeps {
  env: Env;
  profiles: ProfilesService;
  /** Tests: faster polling of Logs Insights. */
  insights?: Omit<InsightsOptions, 'now'>;
}

interface Clients {
  eks: EKSClient;
  logs: CloudWatchLogsClient;
}

const UPDATE_STATES = new Set<LogsUpdateView['status']>(['InProgress', 'Successful', 'Failed', 'Cancelled']);

export function logsHandlers(deps: LogsDeps): LogsHandlers {
  /** Runs `body` with SDK clients signed by the profile; every failure becomes a ContractError naming `action`. */
  const withClients = async <T>(profile: string, c: ClusterRef, action: LogsAction, body: (clients: Clients) => Promise<T>): Promise<T> => {
    let credentials;
    try {
      credentials = await deps.profiles.credentials(profile);
    } catch (err) {
      throw logsErrorOf(err, profile, action, c);
    }
    const aws = createDiagnoseAwsClients(deps.env);
    try {
      return await body({ eks: aws.eks(c.region, credentials), logs: aws.logs(c.region, credentials) });
    } catch (err) {
      if (err instanceof InsightsCallError) throw logsErrorOf(err.cause, profile, err.step === 'start' ? 'logs:StartQuery' : 'logs:GetQueryResults', c);
      throw logsErrorOf(err, profile, action, c);
    } finally {
      aws.destroy();
    }
  };

  const enabledTypesOf = async (eks: EKSClient, c: ClusterRef): Promise<string[]> => {
    const out = await eks.send(new DescribeClusterCommand({ name: c.name }));
    return (out.cluster?.logging?.clusterLogging ?? []).filter((s) => s.enabled).flatMap((s) => s.types ?? []);
  };

  return {
    'logs.status': async ({ profile, clusterArn }): Promise<LogsStatusView> => {
      const c = clusterRefOf(clusterArn);
      const enabledTypes = await withClients(profile, c, 'eks:DescribeCluster', ({ eks }) => enabledTypesOf(eks, c));
      return { logGroup: c.logGroup, enabled: enabledTypes.includes('authenticator'), enabledTypes, command: describeLoggingCommand(c, profile) };
    },

    'logs.enable': async ({ profile, clusterArn }): Promise<LogsEnableResult> => {
      const c = clusterRefOf(clusterArn);
      const command = enableLoggingCommand(c, profile);
      return withClients(profile, c, 'eks:UpdateClusterConfig', async ({ eks }) => {
        // Asking first avoids an update when the log is already on; a profile that may update but not describe still can.
        const types = await enabledTypesOf(eks, c).catch(() => undefined);
        if (types?.includes('authenticator')) return { alreadyEnabled: true, status: 'Successful', command };
        try {
          const out = await eks.send(
            new UpdateClusterConfigCommand({ name: c.name, logging: { clusterLogging: [{ types: ['authenticator'], enabled: true }] } }),
          );
          return { ...(out.update?.id ? { updateId: out.update.id } : {}), alreadyEnabled: false, status: out.update?.status ?? 'InProgress', command };
        } catch (err) {
          const { code, message } = awsErrorOf(err);
          if (code === 'InvalidParameterException' && /no changes needed/i.test(message)) return { alreadyEnabled: true, status: 'Successful', command };
          throw err;
        }
      });
    },

    'logs.update': async ({ profile, clusterArn, updateId }): Promise<LogsUpdateView> => {
      const c = clusterRefOf(clusterArn);
      const update = await withClients(profile, c, 'eks:DescribeUpdate', async ({ eks }) => (await eks.send(new DescribeUpdateCommand({ name: c.name, updateId }))).update);
      const status = UPDATE_STATES.has(update?.status as LogsUpdateView['status']) ? (update!.status as LogsUpdateView['status']) : 'InProgress';
      const errors = (update?.errors ?? []).map((e) => [e.errorCode, e.errorMessage].filter(Boolean).join(': ')).filter(Boolean);
      return { status, errors, command: describeUpdateCommand(c, profile, updateId) };
    },

    'logs.query': async ({ profile, clusterArn, query, identityArn }): Promise<LogsQueryResult> => {
      const c = clusterRefOf(clusterArn);
      const planned = planQuery(query, identityArn);
      return withClients(profile, c, 'logs:StartQuery', async ({ eks, logs }) => {
        // Whether the log is on now, only to explain an empty result; a profile without eks:DescribeCluster still queries.
        const typesNow = enabledTypesOf(eks, c).catch(() => undefined);
        const run = await runInsightsQuery(logs, c.logGroup, planned.queryString, deps.insights);
        const rows = run.rows
          .map((r) => parseAuthenticatorLine(fieldOf(r, '@message') ?? '', { timestamp: fieldOf(r, '@timestamp'), stream: fieldOf(r, '@logStream') }))
          .filter((row) => row.message && planned.keep(row));
        const types = await typesNow;
        return {
          query: planned.queryString,
          commands: [
            startQueryCommand(c, profile, { queryString: planned.queryString, startTime: run.startTime, endTime: run.endTime }),
            getQueryResultsCommand(c, profile, run.queryId),
          ],
          rows,
          ...(types && !types.includes('authenticator') ? { note: `Cluster ${c.name} does not log the authenticator now, so newer lines are missing: turn it on in the wizard's "Turn on" step.` } : {}),
        };
      });
    },
  };
}
