// What the grant wizard offers for one fix of a diagnosed cell: who can write it, which groups or policies (narrowest
// first), and whether a CONFIG_MAP cluster needs the one-way switch.
import { ContractError } from '../../shared/contract-kit.js';
import { READ_ONLY_WORDS } from '../../shared/grant-words.js';
import type { AdminChoice, GrantFamily, GrantOptionsView, GroupChoice, PolicyChoice } from '../../shared/wizard-types.js';
import { ONE_WAY_EXPLANATION } from '../authmap/access-entry-plan.js';
import { ACCESS_POLICIES, ACCESS_POLICY_SUMMARY } from '../authmap/access-policies.js';
import { VIEW_BINDING, VIEW_CLUSTER_ROLE, VIEW_GROUP } from '../authmap/view-binding.js';
import type { Evidence, Fix } from '../diagnose/types.js';
import type { DiagnosedCell } from '../diagnose/service.js';
import { familyOf } from '../diagnose/fix-families.js';
import { adminCandidates, principalOf, UPDATE_AWS_AUTH } from '../fix/writer.js';

const MASTERS = 'system:masters';
export const MASTERS_CHOICE_WARNING = 'It may do anything on the cluster, and no rule on the cluster can take any of it back — choose it only if this identity must administer the cluster.';
/** Groups Kubernetes or EKS reserve for nodes and bootstrapping: never offered to a person. */
const RESERVED = new Set(['system:bootstrappers', 'system:nodes', 'system:node-proxier']);

/** Refused by Kubernetes: such a profile cannot write aws-auth or RBAC, nor grant the identity it stands for. */
const REFUSED = new Set(['FORBIDDEN', 'UNAUTHORIZED']);

function cannotGrantReason(profile: string, outcome: string): string {
  return outcome === 'UNAUTHORIZED'
    ? `${profile} cannot sign in to this cluster, so it cannot grant access`
    : `${profile} signs in but may not change who has access to this cluster, so it cannot grant access`;
}

function adminsOf(e: Evidence, family: GrantFamily): AdminChoice[] {
  const mode = e.cluster?.authenticationMode ?? 'CONFIG_MAP';
  return adminCandidates(e).map((profile) => {
    const cell = e.cells.find((c) => c.profile === profile);
    const outcome = cell?.outcome ?? 'ACCESS';
    const mayUpdateAwsAuth = cell?.evidence.steps.some((s) => s.call === UPDATE_AWS_AUTH && s.allowed) ?? false;
    const why =
      outcome === 'ADMIN'
        ? `administrator on the cluster (as ${cell?.username ?? 'its mapped user'})`
        : mayUpdateAwsAuth && mode !== 'API'
          ? 'may update aws-auth in kube-system'
          : 'may add access entries and their policies with the EKS API (it could list them)';
    // Only the EKS API route works without Kubernetes access, and never for the identity that needs the grant itself.
    const refused = REFUSED.has(outcome) && (family !== 'access-entry' || profile === e.profile);
    return { profile, outcome, why, ...(refused ? { cannotGrant: cannotGrantReason(profile, outcome) } : {}) };
  });
}

/**
 * Narrowest first: the read-only group the grant binds to ClusterRole view itself (the default of `fix` without
 * --group), groups other mappings of this aws-auth already use (so RBAC likely binds them), then system:masters, warned.
 */
function groupsOf(e: Evidence, family: GrantFamily): GroupChoice[] {
  const parsed = e.awsAuth?.ok ? e.awsAuth.value.parsed : undefined;
  const used = new Map<string, number>();
  for (const m of [...(parsed?.roles.values() ?? []), ...(parsed?.users.values() ?? [])]) {
    for (const g of m.groups) if (g !== MASTERS && g !== VIEW_GROUP && !RESERVED.has(g)) used.set(g, (used.get(g) ?? 0) + 1);
  }
  const narrower = [...used.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([group, n]): GroupChoice => ({ group, label: `The group ${group}, which ${n} other ${n === 1 ? 'identity already has' : 'identities already have'}`, technical: `What it allows is what the cluster's RBAC bindings give the group ${group}` }));
  // The aws-auth grant creates the view group's binding; the RoleBinding fix's groups must be bound already.
  const view: GroupChoice = {
    group: VIEW_GROUP,
    label: `${READ_ONLY_WORDS.charAt(0).toUpperCase()}${READ_ONLY_WORDS.slice(1)} (the default)`,
    technical: `Group ${VIEW_GROUP}, bound to ClusterRole ${VIEW_CLUSTER_ROLE} by ClusterRoleBinding ${VIEW_BINDING}, which the grant creates if it is missing`,
    isDefault: true,
  };
  const masters: GroupChoice = { group: MASTERS, label: 'Full administrator of the cluster', warning: MASTERS_CHOICE_WARNING, technical: `Group ${MASTERS}` };
  return [...(family === 'aws-auth' ? [view] : []), ...narrower, masters];
}

function policies(): PolicyChoice[] {
  return [...ACCESS_POLICIES].reverse().map((name) => ({ name, summary: ACCESS_POLICY_SUMMARY[name] }));
}

export function grantFamilyOf(fix: Fix): GrantFamily {
  const family = familyOf(fix.id);
  if (family === 'aws-auth' || family === 'access-entry' || family === 'rbac') return family;
  throw new ContractError('NOT_A_GRANT', `"${fix.title}" is not a grant: it is done ${family === 'kubeconfig' ? 'with update-kubeconfig' : 'by you, with the steps shown'}`);
}

export function findFix(d: DiagnosedCell, fixId: string): Fix {
  const fix = d.diagnosis.fixes.find((f) => f.id === fixId);
  if (!fix) {
    const ids = d.diagnosis.fixes.map((f) => f.id);
    throw new ContractError('FIX_NOT_APPLICABLE', `The fix "${fixId}" does not apply to ${d.diagnosis.profile} on ${d.diagnosis.cluster.name}${ids.length ? ` (the fixes that apply: ${ids.join(', ')})` : ''} — diagnose again if the cluster changed`);
  }
  return fix;
}

export function grantOptionsView(d: DiagnosedCell, fix: Fix): GrantOptionsView {
  const e = d.evidence;
  const family = grantFamilyOf(fix);
  const mode = e.cluster?.authenticationMode ?? 'CONFIG_MAP';
  const identityArn = e.profileView.identity?.arn;
  const principalArn = principalOf(e);
  return {
    fixId: fix.id,
    title: fix.title,
    family,
    cluster: { name: d.diagnosis.cluster.name, region: d.diagnosis.cluster.region, arn: d.diagnosis.cluster.arn ?? e.cluster?.arn ?? '', authenticationMode: mode },
    ...(identityArn ? { identityArn } : {}),
    ...(principalArn ? { principalArn } : {}),
    admins: adminsOf(e, family),
    groups: family === 'access-entry' ? [] : groupsOf(e, family),
    policies: family === 'access-entry' ? policies() : [],
    ...(family === 'access-entry' ? { modeSwitch: { needed: mode === 'CONFIG_MAP', explanation: ONE_WAY_EXPLANATION } } : {}),
  };
}
