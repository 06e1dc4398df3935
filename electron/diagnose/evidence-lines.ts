// Everything the diagnosis gathered, as readable lines by topic, for the UI's Evidence section and the report.
// Only names, ARNs, statuses and messages are picked out of the evidence; each line is redacted by the caller.
import type { EvidenceSection } from '../../shared/diagnosis-types.js';
import type { Evidence } from './types.js';

export function evidenceSections(e: Evidence): EvidenceSection[] {
  const sections: EvidenceSection[] = [];
  const add = (title: string, lines: Array<string | false | undefined>) => {
    const kept = lines.filter((l): l is string => typeof l === 'string' && l.length > 0);
    if (kept.length) sections.push({ title, lines: kept });
  };

  const pv = e.profileView;
  add('The profile', [
    `profile ${e.profile} (${pv.type}): status ${pv.status}`,
    pv.identity && `identity: ${pv.identity.arn}`,
    pv.identity && pv.identity.canonicalArn !== pv.identity.arn && `EKS matches it as ${pv.identity.canonicalArn}`,
    pv.error && `error ${pv.error.code}: ${pv.error.message}`,
    e.clockSkewSeconds !== undefined && `AWS clock − local clock = ${e.clockSkewSeconds} s`,
  ]);

  const c = e.cluster;
  add('The cluster (DescribeCluster)', [
    c && `${c.arn} — status ${c.status ?? 'unknown'}, described via profile ${c.describedVia}`,
    c && `endpoint ${c.endpoint} (public ${c.endpointPublicAccess ?? '?'}, private ${c.endpointPrivateAccess ?? '?'})`,
    c && `authentication mode: ${c.authenticationMode ?? 'CONFIG_MAP (not reported)'}`,
    c && c.createdAt && `created ${c.createdAt}${c.bootstrapClusterCreatorAdminPermissions !== undefined ? `, creator admin access entry: ${c.bootstrapClusterCreatorAdminPermissions}` : ''}`,
    c && `control-plane logs: ${c.logTypes.length ? c.logTypes.join(', ') : 'none enabled'}`,
    e.ownDescribe && !e.ownDescribe.ok && `DescribeCluster with ${e.profile}: ${e.ownDescribe.failure.code} — ${e.ownDescribe.failure.message}`,
    !c && `the cluster could not be described${e.clusterArnHint ? ` (kubeconfig names ${e.clusterArnHint})` : ''}`,
  ]);

  add('The probe (what the app tested)', [
    e.cell && `outcome ${e.cell.outcome}${e.cell.message ? `: ${e.cell.message}` : ''}`,
    e.cell?.username !== undefined && `Kubernetes user "${e.cell?.username}"${e.cell?.groups?.length ? ` in groups [${e.cell.groups.join(', ')}]` : ''}`,
    ...(e.cell?.evidence.steps ?? []).map((s) => `${s.ok ? 'ok' : 'failed'}: ${s.call}${s.status ? ` → ${s.status}` : ''}${s.errorCode ? ` ${s.errorCode}` : ''}${s.allowed !== undefined ? ` allowed=${s.allowed}` : ''}${s.message ? ` — ${s.message}` : ''}`),
  ]);

  const k = e.kubectl;
  add('kubectl', [
    k?.context ? `context ${k.context.name} in ${k.context.file}${k.context.isCurrent ? ' (current context)' : ''}` : 'no kubeconfig context for this cluster',
    k?.currentContext && !k.context?.isCurrent && `current context: ${k.currentContext}`,
    k?.context?.server && `server ${k.context.server}`,
    k?.exec && `exec: ${[k.exec.command, ...k.exec.args].join(' ')} (apiVersion ${k.exec.apiVersion})`,
    ...(k?.exec?.env ?? []).map((v) => `exec env ${v.name}=${v.value}`),
    k?.envOverrides.length ? `environment overrides the profile: ${k.envOverrides.join(', ')}` : undefined,
    k?.arn && `token resolves to ${k.arn}`,
    k?.failure && `failure (${k.failure.kind}): ${k.failure.message}${k.failure.stderr ? ` — ${k.failure.stderr}` : ''}`,
    e.server && `kubeconfig server ${e.server.kubeconfigServer} vs cluster endpoint ${e.server.clusterEndpoint}: server matches ${e.server.serverMatches}, CA matches ${e.server.caMatches}`,
    e.kubeconfigProfiles?.length ? `profiles your kubeconfig uses: ${e.kubeconfigProfiles.join(', ')}` : undefined,
  ]);

  if (e.accessEntries) {
    add(
      'Access entries',
      e.accessEntries.ok
        ? e.accessEntries.value.length
          ? e.accessEntries.value.map((a) => `${a.principalArn}${a.username ? ` as ${a.username}` : ''}; groups [${a.kubernetesGroups.join(', ')}]; policies ${a.policies.length ? a.policies.map((p) => `${p.policyArn.split('/').pop()} (${p.scope}${p.namespaces.length ? `: ${p.namespaces.join(', ')}` : ''})`).join(', ') : 'none'}`)
          : [`none${e.accessEntries.via ? ` (read via ${e.accessEntries.via})` : ''}`]
        : [`could not be read: ${e.accessEntries.failure.code} — ${e.accessEntries.failure.message}`],
    );
  }
  if (e.awsAuth) {
    add(
      'aws-auth ConfigMap',
      e.awsAuth.ok
        ? [
            e.awsAuth.via && `read via profile ${e.awsAuth.via}`,
            ...(e.awsAuth.value.data ? Object.entries(e.awsAuth.value.data).flatMap(([key, v]) => [`${key}:`, ...v.split('\n').filter((l) => l.trim()).map((l) => `  ${l}`)]) : ['the ConfigMap does not exist']),
          ]
        : [`could not be read: ${e.awsAuth.failure.code} — ${e.awsAuth.failure.message}`],
    );
  }
  if (e.logs) {
    add(
      'Authenticator logs',
      e.logs.ok
        ? [...e.logs.value.identityLines.slice(0, 20), ...e.logs.value.creatorLines.slice(0, 5).map((l) => `creator: ${l}`), !e.logs.value.identityLines.length && 'no lines for this identity']
        : [`could not be read: ${e.logs.failure.code} — ${e.logs.failure.message}`],
    );
  }
  if (e.creator) add('Cluster creator', [e.creator.arn ? `${e.creator.arn} (from ${e.creator.source ?? 'unknown source'})` : 'not found', ...e.creator.notes]);
  const others = e.cells.filter((cell) => cell.profile !== e.profile);
  add('Your other profiles on this cluster', others.map((cell) => `${cell.profile}: ${cell.outcome}${cell.username ? ` as ${cell.username}` : ''}`));
  return sections;
}
