// The equivalent CLI commands of each plan, shown next to the button that does it.
import { commandLine } from '../../shared/shell-arg.js';
import type { ClusterTarget } from './types.js';


export function awsAuthCommands(
  cluster: Pick<ClusterTarget, 'name' | 'region'>,
  profile: string,
  m: { arn: string; username: string; groups: string[]; replacing?: string },
): string[] {
  const where = ['--cluster', cluster.name, '--region', cluster.region, '--profile', profile];
  const out: string[] = [];
  if (m.replacing) out.push(commandLine(['eksctl', 'delete', 'iamidentitymapping', ...where, '--arn', m.replacing]));
  out.push(commandLine(['eksctl', 'create', 'iamidentitymapping', ...where, '--arn', m.arn, '--username', m.username, ...m.groups.flatMap((g) => ['--group', g]), '--no-duplicate-arns']));
  out.push(commandLine(['kubectl', 'edit', 'configmap', 'aws-auth', '-n', 'kube-system']) + '   # the same edit by hand');
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
