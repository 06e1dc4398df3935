// Authenticated: FORBIDDEN (an access entry without policy, RBAC that grants nothing here) or OK.
import { cause, cellWorks, type RankedCause, type RuleContext } from './context.js';
import { mappingLines } from './rules-mapping.js';

export function accessRules(ctx: RuleContext): RankedCause[] {
  const { e } = ctx;
  const cell = e.cell;
  if (!cell || !e.cluster) return [];
  const who = `profile ${e.profile}: ${cell.outcome}${cell.username ? ` as Kubernetes user "${cell.username}"` : ''}${cell.groups?.length ? ` in groups [${cell.groups.join(', ')}]` : ''}`;
  const answers = cell.evidence.steps.filter((s) => s.call.startsWith('SelfSubjectAccessReview')).map((s) => `${s.call.replace('SelfSubjectAccessReview: ', 'may ')}: ${s.allowed === undefined ? 'no answer' : s.allowed ? 'yes' : 'no'}`);
  if (cell.outcome === 'FORBIDDEN') {
    const entry = ctx.entry;
    const mapped = ctx.analysis?.exact;
    let detail: string;
    const lines = [who, ...answers];
    if (entry && !entry.policies.length && !entry.kubernetesGroups.length) {
      detail = `The access entry for ${entry.principalArn} has no access policy and no Kubernetes group, so the cluster knows who you are but lets you do nothing. Associate an access policy (for example AmazonEKSViewPolicy) with the entry.`;
      lines.push(`access entry ${entry.principalArn}: username ${entry.username ?? '(default)'}, no access policies, no Kubernetes groups`);
    } else if (entry) {
      detail = `The access entry for ${entry.principalArn} grants ${entry.policies.map((p) => `${p.policyArn.split('/').pop()} (${p.scope}${p.namespaces.length ? `: ${p.namespaces.join(', ')}` : ''})`).join(', ') || 'only the groups ' + entry.kubernetesGroups.join(', ')}, which does not include listing services in "default". Widen the policy's scope or bind the groups with RBAC.`;
      lines.push(`access entry ${entry.principalArn}: policies ${entry.policies.map((p) => `${p.policyArn} scope=${p.scope}${p.namespaces.length ? ` [${p.namespaces.join(', ')}]` : ''}`).join('; ') || 'none'}; groups [${entry.kubernetesGroups.join(', ')}]`);
    } else {
      detail = `You are signed in as "${cell.username ?? '?'}"${cell.groups?.length ? ` in groups ${cell.groups.filter((g) => g !== 'system:authenticated').join(', ') || '(none but system:authenticated)'}` : ''}, but no RBAC binding lets those list services in "default". A cluster administrator must bind a role (for example view) to the user or group in this namespace.`;
      if (mapped) lines.push(`aws-auth entry: ${mapped.key} ${mapped.arn} → username ${mapped.username}, groups [${mapped.groups.join(', ')}]`);
    }
    return [cause('FORBIDDEN', detail, [...lines, ...mappingLines(ctx).slice(1, 2)], 18)];
  }
  if (cellWorks(cell)) {
    return [cause('OK', `${ctx.identityArn ?? e.profile} signs in to ${e.cluster.name} as "${cell.username ?? '?'}" and ${cell.outcome === 'ADMIN' ? 'may do everything' : 'may list services in "default"'}. Nothing needs fixing for this profile.`, [who, ...answers], 20)];
  }
  return [];
}
