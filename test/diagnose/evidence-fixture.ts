// Hand-built evidence for the rules' unit tests: a healthy baseline (profile "dev", IAM user dev, admin on
// CONFIG_MAP cluster "shop", kubectl presenting the same identity), changed per test.
import { parseAwsAuth } from '../../electron/diagnose/aws-auth-mappings.js';
import type { CellResult } from '../../electron/probe/types.js';
import type { Evidence } from '../../electron/diagnose/types.js';

export const ACCOUNT = '111122223333';
export const CLUSTER_ARN = `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/shop`;
export const DEV_ARN = `arn:aws:iam::${ACCOUNT}:user/dev`;
export const NODES = `- rolearn: arn:aws:iam::${ACCOUNT}:role/eks-node-role\n  username: system:node:{{EC2PrivateDNSName}}\n  groups:\n    - system:bootstrappers\n    - system:nodes\n`;

export function cell(profile: string, outcome: CellResult['outcome'], extra: Partial<CellResult> = {}): CellResult {
  return { profile, clusterArn: CLUSTER_ARN, outcome, ms: 5, evidence: { steps: [] }, ...extra };
}

export function awsAuth(data: Record<string, string>, via = 'admin'): Evidence['awsAuth'] {
  return { ok: true, via, value: { data, parsed: parseAwsAuth(data) } };
}

/** The identity of profile "dev" as an assumed role (session "me"). */
export function asRole(e: Evidence, role: string, path = '/'): Evidence {
  const sessionArn = `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/me`;
  const canonicalArn = `arn:aws:iam::${ACCOUNT}:role/${role}`;
  e.profileView = { ...e.profileView, type: 'assume-role', roleArn: `arn:aws:iam::${ACCOUNT}:role${path}${role}`, identity: { arn: sessionArn, account: ACCOUNT, userId: 'AROAX:me', kind: 'assumed-role', canonicalArn } };
  e.profiles = e.profiles.map((p) => (p.name === 'dev' ? { ...p, identityArn: sessionArn } : p));
  if (e.kubectl) e.kubectl = { ...e.kubectl, arn: sessionArn, canonicalArn };
  return e;
}

export function baseEvidence(): Evidence {
  const e: Evidence = {
    profile: 'dev',
    clusterName: 'shop',
    region: 'us-east-1',
    profileView: {
      name: 'dev',
      type: 'static',
      region: 'us-east-1',
      source: 'config+credentials',
      status: 'valid',
      identity: { arn: DEV_ARN, account: ACCOUNT, userId: 'AIDADEV', kind: 'user', canonicalArn: DEV_ARN },
      warnings: [],
    },
    ownDescribe: { ok: true, value: true, via: 'dev' },
    cluster: {
      name: 'shop',
      region: 'us-east-1',
      arn: CLUSTER_ARN,
      account: ACCOUNT,
      endpoint: 'https://shop.example:443',
      caData: 'Q0E=',
      createdAt: '2026-01-01T00:00:00.000Z',
      authenticationMode: 'CONFIG_MAP',
      bootstrapClusterCreatorAdminPermissions: true,
      endpointPublicAccess: true,
      endpointPrivateAccess: false,
      logTypes: ['authenticator'],
      describedVia: 'dev',
    },
    profiles: [
      { name: 'dev', type: 'static', region: 'us-east-1', status: 'valid', identityArn: DEV_ARN, account: ACCOUNT },
      { name: 'admin', type: 'static', region: 'us-east-1', status: 'valid', identityArn: `arn:aws:iam::${ACCOUNT}:user/boss`, account: ACCOUNT },
    ],
    cells: [cell('dev', 'ADMIN', { username: 'dev', groups: ['system:masters', 'system:authenticated'] }), cell('admin', 'ADMIN', { username: 'kubernetes-admin', groups: ['system:masters'] })],
    kubectl: {
      context: { name: CLUSTER_ARN, file: '/home/u/.kube/config', cluster: CLUSTER_ARN, user: CLUSTER_ARN, server: 'https://shop.example:443', matchedBy: 'current-context', isCurrent: true },
      currentContext: CLUSTER_ARN,
      exec: { command: 'aws', args: ['--region', 'us-east-1', 'eks', 'get-token', '--cluster-name', 'shop', '--output', 'json'], env: [{ name: 'AWS_PROFILE', value: 'dev' }], apiVersion: 'client.authentication.k8s.io/v1beta1' },
      via: 'exec',
      envOverrides: [],
      arn: DEV_ARN,
      canonicalArn: DEV_ARN,
      account: ACCOUNT,
    },
    kubeconfigProfiles: ['dev'],
    server: { serverMatches: true, caMatches: true, kubeconfigServer: 'https://shop.example:443', clusterEndpoint: 'https://shop.example:443', caSource: 'data' },
    awsAuth: awsAuth({ mapRoles: NODES, mapUsers: `- userarn: ${DEV_ARN}\n  username: dev\n  groups:\n    - system:masters\n` }),
    logs: { ok: true, via: 'dev', value: { identityLines: [], creatorLines: [`time="x" level=info msg="access granted" arn="arn:aws:iam::${ACCOUNT}:user/boss" username=kubernetes-admin`] } },
    creator: { arn: `arn:aws:iam::${ACCOUNT}:user/boss`, source: 'authenticator-log', createdAt: '2026-01-01T00:00:00.000Z', notes: [] },
  };
  e.cell = e.cells[0];
  return e;
}

/** dev is refused (401); admin (the creator, "boss") gets in; aws-auth maps only the nodes unless told otherwise. */
export function unauthorizedEvidence(mapUsers = '', mapRoles = NODES): Evidence {
  const e = baseEvidence();
  e.cells = [cell('dev', 'UNAUTHORIZED', { message: '401 Unauthorized' }), cell('admin', 'ADMIN', { username: 'kubernetes-admin', groups: ['system:masters'] })];
  e.cell = e.cells[0];
  e.awsAuth = awsAuth({ mapRoles, ...(mapUsers ? { mapUsers } : {}) });
  e.logs = { ok: true, via: 'dev', value: { identityLines: [`time="x" level=warning msg="access denied" arn="${DEV_ARN}" client="127.0.0.1:1" error="ARN is not mapped" method=POST path=/authenticate`], creatorLines: [] } };
  return e;
}
