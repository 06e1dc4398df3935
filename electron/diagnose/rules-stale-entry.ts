// An access entry names the identity, yet the cluster answers 401: EKS binds an entry to the principal's unique ID
// when it is created, so a role or user deleted and re-created with the same ARN is a stranger to its old entry.
import { cause, type RankedCause, type RuleContext } from './context.js';
import { mappingLines } from './rules-mapping.js';
import type { AccessEntryFacts } from './types.js';

export function policyText(entry: AccessEntryFacts): string {
  return entry.policies.map((p) => `${p.policyArn.split('/').pop()} (${p.scope}${p.namespaces.length ? `: ${p.namespaces.join(', ')}` : ''})`).join(', ') || 'no policy';
}

export function staleEntryRules(ctx: RuleContext): RankedCause[] {
  const { e } = ctx;
  const entry = ctx.entry;
  const mode = e.cluster?.authenticationMode;
  if (!entry || !e.cluster || !ctx.canonicalArn || e.cell?.outcome !== 'UNAUTHORIZED' || e.profileView.status !== 'valid') return [];
  if (mode !== 'API' && mode !== 'API_AND_CONFIG_MAP') return [];
  const kind = /:role\//.test(entry.principalArn) ? 'role' : 'user';
  const log = e.logs?.ok ? e.logs.value.identityLines[0] : undefined;
  return [
    cause(
      'ACCESS_ENTRY_STALE',
      `${e.cluster.name} has an access entry for ${entry.principalArn}${entry.createdAt ? ` (created ${entry.createdAt})` : ''}, yet it refuses ${ctx.identityArn} with 401 Unauthorized. EKS ties an access entry to the IAM ${kind}'s unique ID, not its name: the ${kind} was deleted and re-created since, so the entry still belongs to the deleted one. Delete the entry and create it again with the same policies and groups (${policyText(entry)}${entry.kubernetesGroups.length ? `; groups ${entry.kubernetesGroups.join(', ')}` : ''}).`,
      [
        `probe with profile ${e.profile}: UNAUTHORIZED${e.cell.message ? ` (${e.cell.message})` : ''} — AWS verified the token as ${ctx.identityArn}`,
        `access entry ${entry.principalArn}: username ${entry.username ?? '(default)'}; groups [${entry.kubernetesGroups.join(', ')}]; policies ${entry.policies.map((p) => `${p.policyArn} scope=${p.scope}${p.namespaces.length ? ` [${p.namespaces.join(', ')}]` : ''}`).join('; ') || 'none'}`,
        ...mappingLines(ctx).filter((l) => !l.startsWith('access entry: ') && (!log || !l.startsWith('authenticator log'))),
        log ? `authenticator log: ${log}` : '',
      ],
      9,
    ),
  ];
}
