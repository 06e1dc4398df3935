// The equivalent CLI commands of each plan, shown next to the button that does it.
import { commandLine } from '../../shared/shell-arg.js';
import type { ClusterTarget } from './types.js';


/** What aws-auth's data is before and after the edit, whether it exists (else it is created), the version read. */
export interface AwsAuthChange {
  before: Record<string, string>;
  after: Record<string, string>;
  exists: boolean;
  resourceVersion?: string;
}

const AWS_AUTH = ['-n', 'kube-system'];

/**
 * The edit with kubectl alone (what everyone who reaches the cluster has): a merge patch of the keys that change, each
 * with its whole new text, and the resourceVersion that was read, so the API server refuses the patch (409 Conflict)
 * if someone changed aws-auth since the preview instead of overwriting their change. Absent aws-auth: it is created.
 */
export function awsAuthKubectlCommand(context: string, c: AwsAuthChange): string | undefined {
  const keys = [...new Set([...Object.keys(c.before), ...Object.keys(c.after)])].filter((k) => c.before[k] !== c.after[k]).sort();
  if (!keys.length) return undefined;
  if (!c.exists) {
    const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'aws-auth', namespace: 'kube-system' }, data: c.after };
    return `${commandLine(['echo', JSON.stringify(manifest)])} | ${commandLine(['kubectl', 'create', '-f', '-', '--context', context])}`;
  }
  const patch = { ...(c.resourceVersion ? { metadata: { resourceVersion: c.resourceVersion } } : {}), data: Object.fromEntries(keys.map((k) => [k, c.after[k] ?? null])) };
  return commandLine(['kubectl', 'patch', 'configmap', 'aws-auth', ...AWS_AUTH, '--context', context, '--type', 'merge', '-p', JSON.stringify(patch)]);
}

/** Said after the kubectl command: what its refusal means, in words. */
export const KUBECTL_PATCH_NOTE = '# refused if the list changed since this preview: preview again';
/** Said after an eksctl command: setup does not install eksctl. */
export const EKSCTL_NOTE = '# the same, if you have eksctl';

export function awsAuthCommands(
  cluster: Pick<ClusterTarget, 'name' | 'region' | 'arn'>,
  profile: string,
  m: { arn: string; username: string; groups: string[]; replacing?: string },
  change?: AwsAuthChange,
): string[] {
  const where = ['--cluster', cluster.name, '--region', cluster.region, '--profile', profile];
  const out: string[] = [];
  const kubectl = change ? awsAuthKubectlCommand(cluster.arn, change) : undefined;
  if (kubectl) out.push(change?.resourceVersion ? `${kubectl}   ${KUBECTL_PATCH_NOTE}` : kubectl);
  if (m.replacing) out.push(`${commandLine(['eksctl', 'delete', 'iamidentitymapping', ...where, '--arn', m.replacing])}   ${EKSCTL_NOTE}`);
  out.push(`${commandLine(['eksctl', 'create', 'iamidentitymapping', ...where, '--arn', m.arn, '--username', m.username, ...m.groups.flatMap((g) => ['--group', g]), '--no-duplicate-arns'])}   ${EKSCTL_NOTE}`);
  if (!kubectl) out.push(commandLine(['kubectl', 'edit', 'configmap', 'aws-auth', '-n', 'kube-system']) + '   # the same edit by hand');
  return out;
}

export function updateModeCommand(cluster: Pick<ClusterTarget, 'name' | 'region'>, profile: string): string {
  return commandLine(['aws', 'eks', 'update-cluster-config', '--name', cluster.name, '--access-config', 'authenticationMode=API_AND_CONFIG_MAP', '--region', cluster.region, '--profile', profile]);
}

export function createAccessEntryArgv(
  cluster: Pick<ClusterTarget, 'name' | 'region'>,
  profile: string,
  e: { principalArn: string; username?: string; groups?: string[]; type?: string },
): string[] {
  return [
    'aws', 'eks', 'create-access-entry', '--cluster-name', cluster.name, '--principal-arn', e.principalArn,
    ...(e.username ? ['--username', e.username] : []),
    ...(e.groups && e.groups.length ? ['--kubernetes-groups', ...e.groups] : []),
    '--region', cluster.region, '--profile', profile,
    ...(e.type && e.type !== 'STANDARD' ? ['--type', e.type] : []),
  ];
}

export function createAccessEntryCommand(cluster: Pick<ClusterTarget, 'name' | 'region'>, profile: string, e: { principalArn: string; username?: string; groups?: string[] }): string {
  return commandLine(createAccessEntryArgv(cluster, profile, e));
}

export function associatePolicyArgv(
  cluster: Pick<ClusterTarget, 'name' | 'region'>,
  profile: string,
  a: { principalArn: string; policyArn: string; scope: 'cluster' | 'namespace'; namespaces?: string[] },
): string[] {
  const scope = a.scope === 'cluster' ? 'type=cluster' : `type=namespace,namespaces=${(a.namespaces ?? []).join(',')}`;
  return [
    'aws', 'eks', 'associate-access-policy', '--cluster-name', cluster.name, '--principal-arn', a.principalArn,
    '--policy-arn', a.policyArn, '--access-scope', scope, '--region', cluster.region, '--profile', profile,
  ];
}

export function associatePolicyCommand(cluster: Pick<ClusterTarget, 'name' | 'region'>, profile: string, a: Parameters<typeof associatePolicyArgv>[2]): string {
  return commandLine(associatePolicyArgv(cluster, profile, a));
}

export function deleteAccessEntryArgv(cluster: Pick<ClusterTarget, 'name' | 'region'>, profile: string, principalArn: string): string[] {
  return ['aws', 'eks', 'delete-access-entry', '--cluster-name', cluster.name, '--principal-arn', principalArn, '--region', cluster.region, '--profile', profile];
}

export function deleteAccessEntryCommand(cluster: Pick<ClusterTarget, 'name' | 'region'>, profile: string, principalArn: string): string {
  return commandLine(deleteAccessEntryArgv(cluster, profile, principalArn));
}

export function disassociatePolicyCommand(cluster: Pick<ClusterTarget, 'name' | 'region'>, profile: string, a: { principalArn: string; policyArn: string }): string {
  return commandLine([
    'aws', 'eks', 'disassociate-access-policy', '--cluster-name', cluster.name, '--principal-arn', a.principalArn,
    '--policy-arn', a.policyArn, '--region', cluster.region, '--profile', profile,
  ]);
}
