// The `admin.message` channel: the ask-the-admin message for a profile and a cluster. The identity comes from the
// profile's own check (its credentials must work); the authentication mode from the matrix, else DescribeCluster with
// the profile, else it stays unknown and the message gives both routes.
import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { ContractError } from '../../shared/contract-kit.js';
import { parseClusterArn } from '../../shared/cluster-arn.js';
import type { AdminMessageResult } from '../../shared/wizard-types.js';
import type { Handlers } from '../common/channel-handlers.js';
import { createDiagnoseAwsClients } from '../diagnose/aws-clients.js';
import { AdminMessageError, buildAdminMessage, type AdminAuthMode, type AdminMessageCluster } from './message.js';
import type { MatrixService } from '../matrix/service.js';
import { UPDATE_AWS_AUTH } from '../fix/writer.js';
import type { Env } from '../profiles/deps.js';
import type { ProfilesService } from '../profiles/service.js';

export interface AdminMessageDeps {
  env: Env;
  profiles: ProfilesService;
  matrix: MatrixService;
  /** DescribeCluster's time limit; default 8 s. */
  describeTimeoutMs?: number;
}

const MODES: readonly string[] = ['CONFIG_MAP', 'API_AND_CONFIG_MAP', 'API'];

function clusterOf(clusterArn: string): AdminMessageCluster {
  // The contract's schema has checked the form.
  const { name, region, account } = parseClusterArn(clusterArn)!;
  return { name, region, account, arn: clusterArn };
}

function modeFromMatrix(matrix: MatrixService, clusterArn: string): AdminAuthMode | undefined {
  try {
    const mode = matrix.current().clusters.find((c) => c.arn === clusterArn)?.authenticationMode;
    return mode && MODES.includes(mode) ? (mode as AdminAuthMode) : undefined;
  } catch {
    return undefined; // no scan yet
  }
}

/**
 * The user's other profiles that the last scan found able to grant access to the cluster themselves: an
 * administrator there, or allowed to update aws-auth. None before a scan.
 */
function grantersFromMatrix(matrix: MatrixService, clusterArn: string, profile: string): string[] {
  try {
    const cells = matrix.current().cells.filter((c) => c.clusterArn === clusterArn && c.profile !== profile);
    return cells
      .filter((c) => c.outcome === 'ADMIN' || c.evidence.steps.some((s) => s.call === UPDATE_AWS_AUTH && s.allowed))
      .map((c) => c.profile)
      .sort();
  } catch {
    return []; // no scan yet
  }
}

async function modeFromDescribe(deps: AdminMessageDeps, profile: string, cluster: AdminMessageCluster): Promise<AdminAuthMode> {
  const clients = createDiagnoseAwsClients(deps.env, deps.describeTimeoutMs ?? 8000);
  try {
    const credentials = await deps.profiles.credentials(profile);
    const out = await clients.eks(cluster.region, credentials).send(new DescribeClusterCommand({ name: cluster.name }));
    const mode = out.cluster?.arn === cluster.arn ? out.cluster.accessConfig?.authenticationMode : undefined;
    return mode && MODES.includes(mode) ? (mode as AdminAuthMode) : 'unknown';
  } catch {
    return 'unknown'; // not allowed, another account's cluster of the same name, offline: the message gives both routes
  } finally {
    clients.destroy();
  }
}

function credentialsProblem(profile: string, status: string, error?: { message: string }): string {
  const what =
    status === 'sso-login-needed' ? 'needs an IAM Identity Center sign-in' :
    status === 'mfa-needed' ? 'needs an MFA code' :
    status === 'expired' ? 'has expired credentials' :
    'has credentials that do not work';
  return `profile "${profile}" ${what}${error?.message ? ` (${error.message})` : ''}: fix its credentials first (Profiles page) — the message must name the identity it signs in as`;
}

export function adminMessageHandlers(deps: AdminMessageDeps): Pick<Handlers, 'admin.message'> {
  return {
    'admin.message': async (req): Promise<AdminMessageResult> => {
      const cluster = clusterOf(req.clusterArn);
      const view = await deps.profiles.check(req.profile);
      if (view.status !== 'valid' || !view.identity) throw new ContractError('CREDENTIALS_NOT_WORKING', credentialsProblem(req.profile, view.status, view.error));
      const mode = modeFromMatrix(deps.matrix, req.clusterArn) ?? (await modeFromDescribe(deps, req.profile, cluster));
      const granters = grantersFromMatrix(deps.matrix, req.clusterArn, req.profile);
      try {
        const message = buildAdminMessage({
          identityArn: view.identity.arn,
          ...(view.roleArn ? { roleArn: view.roleArn } : {}),
          cluster,
          mode,
          ...(req.policy ? { policy: req.policy } : {}),
          ...(req.namespaces ? { namespaces: req.namespaces } : {}),
          granters,
        });
        return { ...message, mimeType: 'text/plain', granters };
      } catch (err) {
        if (err instanceof AdminMessageError) throw new ContractError('NOT_GRANTABLE', `profile "${req.profile}": ${err.message}`);
        throw err;
      }
    },
  };
}
