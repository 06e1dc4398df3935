// Plans a grant by access entry (API / API_AND_CONFIG_MAP; offered first): CreateAccessEntry (only when the
// identity has no entry yet), then AssociateAccessPolicy with the chosen policy and scope; on a CONFIG_MAP cluster, first the one-way switch to
// API_AND_CONFIG_MAP (only with the user's consent). Each step carries its CLI command. Nothing is called here.
import { normaliseForAccessEntry } from './arn.js';
import { ACCESS_POLICIES, ACCESS_POLICY_SUMMARY, policyArnOf, type AccessPolicyName } from './access-policies.js';
import { associatePolicyCommand, createAccessEntryCommand, updateModeCommand } from './cli-commands.js';
import type { ClusterTarget } from './types.js';

export interface AccessEntryGrantRequest {
  /** As the identity's profile reports it (STS GetCallerIdentity); session ARNs become role ARNs. */
  identityArn: string;
  policy: AccessPolicyName;
  scope: 'cluster' | 'namespace';
  namespaces?: string[];
  username?: string;
  groups?: string[];
  /** Consent to switch a CONFIG_MAP cluster to API_AND_CONFIG_MAP (one-way). */
  switchMode?: boolean;
  /** Whether the identity has an access entry already, as the writer found it (undefined: it could not tell). */
  entryExists?: boolean;
}

export type AccessEntryStepId = 'update-mode' | 'create-entry' | 'associate-policy';

export interface AccessEntryStep {
  id: AccessEntryStepId;
  title: string;
  why: string;
  command: string;
}

export interface AccessEntryPlan {
  kind: 'access-entry';
  cluster: { name: string; region: string; arn: string; authenticationMode: string };
  writerProfile: string;
  principalArn: string;
  /** The role ARN was derived from a session ARN: a role path, if any, is not in it. */
  pathUnknown: boolean;
  /** The entry exists (no create step), does not (apply refuses one made meanwhile), or is unknown (an existing one is used). */
  entryExists?: boolean;
  policyArn: string;
  accessScope: { type: 'cluster' | 'namespace'; namespaces?: string[] };
  username?: string;
  groups?: string[];
  steps: AccessEntryStep[];
  notes: string[];
  warnings: string[];
  /** Non-empty: apply refuses. */
  problems: string[];
}

export const ONE_WAY_EXPLANATION =
  'Access entries need the authentication mode API_AND_CONFIG_MAP (or API). The switch is one-way: a cluster can never go back to CONFIG_MAP. aws-auth keeps working in API_AND_CONFIG_MAP, and the cluster creator gets a visible access entry.';

/** The refusal of a CONFIG_MAP cluster without the consent to switch it. */
export const SWITCH_REFUSAL = `the cluster's authentication mode is CONFIG_MAP. ${ONE_WAY_EXPLANATION} Agree to the switch, or grant access in aws-auth instead.`;

export function planAccessEntryGrant(cluster: ClusterTarget, writerProfile: string, req: AccessEntryGrantRequest): AccessEntryPlan {
  const principal = normaliseForAccessEntry(req.identityArn);
  const problems: string[] = [];
  const warnings: string[] = [];
  const notes = [...principal.notes];
  if (!ACCESS_POLICIES.includes(req.policy)) problems.push(`unknown access policy ${String(req.policy)}`);
  const namespaces = (req.namespaces ?? []).map((n) => n.trim()).filter(Boolean);
  if (req.scope === 'namespace' && namespaces.length === 0) problems.push('namespace scope needs at least one namespace');
  for (const g of req.groups ?? []) if (g.startsWith('system:')) problems.push(`access entries reject the group ${g} (names may not start with system:); use an access policy instead`);
  if (req.policy === 'AmazonEKSClusterAdminPolicy') warnings.push('AmazonEKSClusterAdminPolicy gives everything on the cluster; a narrower policy or a namespace scope is safer when it is enough.');
  const steps: AccessEntryStep[] = [];
  if (cluster.authenticationMode === 'CONFIG_MAP') {
    if (!req.switchMode) problems.push(SWITCH_REFUSAL);
    steps.push({ id: 'update-mode', title: 'Switch the authentication mode to API_AND_CONFIG_MAP', why: ONE_WAY_EXPLANATION, command: updateModeCommand(cluster, writerProfile) });
  }
  const policyArn = policyArnOf(req.policy, cluster.region);
  const accessScope = req.scope === 'cluster' ? { type: 'cluster' as const } : { type: 'namespace' as const, namespaces };
  const entryExists = cluster.authenticationMode === 'CONFIG_MAP' ? false : req.entryExists;
  if (entryExists !== true) {
    steps.push({
      id: 'create-entry',
      title: `Create an access entry for ${principal.arn}`,
      why: `An access entry signs the identity in (the cluster maps it to a Kubernetes user).${entryExists === undefined ? ' Whether one exists already could not be checked; if one does, the policy is associated with it.' : ''}`,
      command: createAccessEntryCommand(cluster, writerProfile, { principalArn: principal.arn, username: req.username, groups: req.groups }),
    });
  }
  steps.push({
    id: 'associate-policy',
    title: `Associate ${req.policy} (${req.scope === 'cluster' ? 'whole cluster' : `namespaces ${namespaces.join(', ')}`})`,
    why: `${entryExists ? `${principal.arn} has an access entry already, so it signs in; this adds the policy to it. ` : ''}Without a policy or a group bound by RBAC the identity is signed in but may do nothing (403). ${req.policy}: ${ACCESS_POLICY_SUMMARY[req.policy] ?? ''}.`,
    command: associatePolicyCommand(cluster, writerProfile, { principalArn: principal.arn, policyArn, scope: req.scope, namespaces }),
  });
  return {
    kind: 'access-entry',
    cluster: { name: cluster.name, region: cluster.region, arn: cluster.arn, authenticationMode: cluster.authenticationMode },
    writerProfile,
    principalArn: principal.arn,
    pathUnknown: principal.pathUnknown,
    ...(entryExists !== undefined ? { entryExists } : {}),
    policyArn,
    accessScope,
    ...(req.username ? { username: req.username } : {}),
    ...(req.groups?.length ? { groups: req.groups } : {}),
    steps,
    notes,
    warnings,
    problems,
  };
}
