// The kubeconfig a scenario starts with, each entry written the way its tool writes it: `aws eks update-kubeconfig`
// (awscli/customizations/eks/update_kubeconfig.py get_cluster_entry/get_user_entry, kubeconfig.py), eksctl
// (pkg/utils/kubeconfig), the aws-iam-authenticator README, or a pasted static token. Entries may go to a second file.
import { stringify } from 'yaml';
import type { ScenarioKubeconfigEntry } from './scenario/schema.js';
import type { ClusterState } from './world/types.js';
import type { World } from './world/world.js';

export interface StaleEndpoint {
  endpoint: string;
  caData: string;
}

type Named = { name: string } & Record<string, unknown>;

interface KubeconfigLists {
  clusters: Named[];
  contexts: Named[];
  users: Named[];
  current: string;
}

/** Entry index → a bearer token minted at start (entries of style `token`). */
export type StaticTokens = ReadonlyMap<number, string>;

/** The names an entry's tool gives its cluster, context and user entries. */
export function entryNames(world: World, cluster: ClusterState, entry: ScenarioKubeconfigEntry): { cluster: string; context: string; user: string } {
  if (entry.style === 'eksctl') {
    const host = `${cluster.name}.${cluster.region}.eksctl.io`;
    const who = `${identityName(world, entry.profile)}@${host}`;
    return { cluster: host, context: who, user: entry.user ?? who };
  }
  if (entry.style === 'aws-iam-authenticator') return { cluster: cluster.name, context: cluster.name, user: entry.user ?? `aws-${cluster.name}` };
  return { cluster: cluster.arn, context: cluster.arn, user: entry.user ?? cluster.arn };
}

/** eksctl names a context after the IAM identity that wrote it (user or role name). */
function identityName(world: World, profileName?: string): string {
  const profile = world.scenario.profiles.find((p) => p.name === profileName);
  if (profile?.user) return profile.user;
  if (profile?.roleArn) return profile.roleArn.split('/').pop()!;
  return profileName ?? 'iam-root-account';
}

/** The kubeconfig files' objects: [first, second] (second undefined when no entry goes there). */
export function kubeconfigObjects(world: World, stale: StaleEndpoint, tokens: StaticTokens = new Map()): [Record<string, unknown>, Record<string, unknown> | undefined] {
  const files: [KubeconfigLists, KubeconfigLists] = [
    { clusters: [], contexts: [], users: [], current: '' },
    { clusters: [], contexts: [], users: [], current: '' },
  ];
  const current = world.scenario.currentContext ? clusterNamed(world, world.scenario.currentContext) : undefined;
  files[0].current = current?.arn ?? '';
  world.scenario.kubeconfig.forEach((entry, index) => {
    const cluster = clusterNamed(world, entry.cluster);
    if (!cluster) return;
    const file = files[entry.file - 1];
    const names = entryNames(world, cluster, entry);
    const server = entry.stale ? stale.endpoint : cluster.endpoint;
    const caData = entry.stale ? stale.caData : cluster.caData;
    upsert(file.clusters, { cluster: { 'certificate-authority-data': caData, server }, name: names.cluster });
    upsert(file.users, { name: names.user, user: userEntry(cluster, entry, tokens.get(index)) });
    upsert(file.contexts, { context: { cluster: names.cluster, user: names.user }, name: names.context });
    if (!current || current === cluster) file.current = names.context;
  });
  const render = (f: KubeconfigLists) => ({
    apiVersion: 'v1',
    clusters: f.clusters,
    contexts: f.contexts,
    'current-context': f.current,
    kind: 'Config',
    preferences: {},
    users: f.users,
  });
  return [render(files[0]), world.scenario.kubeconfig.some((e) => e.file === 2) ? render(files[1]) : undefined];
}

export function kubeconfigObject(world: World, stale: StaleEndpoint): Record<string, unknown> {
  return kubeconfigObjects(world, stale)[0];
}

/** The YAML of each file; indentSeq false puts list items at the parent's indentation, as PyYAML (and so the CLI) writes them. */
export function renderKubeconfigs(world: World, stale: StaleEndpoint, tokens?: StaticTokens): [string, string | undefined] {
  const [first, second] = kubeconfigObjects(world, stale, tokens);
  const yaml = (o: Record<string, unknown>) => stringify(o, { indentSeq: false, lineWidth: 0 });
  return [yaml(first), second && yaml(second)];
}

export function renderKubeconfig(world: World, stale: StaleEndpoint): string {
  return renderKubeconfigs(world, stale)[0];
}

function userEntry(cluster: ClusterState, entry: ScenarioKubeconfigEntry, token?: string): Record<string, unknown> {
  if (entry.style === 'token') return { token: token ?? '' };
  const profileArgs = entry.profile && entry.profileArg ? ['--profile', entry.profile] : [];
  const env: Array<{ name: string; value: string }> = [];
  if (entry.profile && !entry.profileArg) env.push({ name: 'AWS_PROFILE', value: entry.profile });
  if (entry.style === 'eksctl') {
    const args = ['eks', 'get-token', '--output', 'json', '--cluster-name', cluster.name, '--region', cluster.region, ...profileArgs];
    if (entry.roleArn) args.push('--role-arn', entry.roleArn);
    env.unshift({ name: 'AWS_STS_REGIONAL_ENDPOINTS', value: 'regional' });
    return { exec: { apiVersion: entry.execApiVersion, args, command: 'aws', env, interactiveMode: 'IfAvailable', provideClusterInfo: false } };
  }
  if (entry.style === 'aws-iam-authenticator') {
    const args = ['token', '-i', cluster.name, ...profileArgs];
    if (entry.roleArn) args.push('-r', entry.roleArn);
    return { exec: { apiVersion: entry.execApiVersion, args, command: 'aws-iam-authenticator', ...(env.length ? { env } : {}) } };
  }
  const args = ['--region', cluster.region, 'eks', 'get-token', '--cluster-name', cluster.name, '--output', 'json', ...profileArgs];
  // The CLI itself appends "--role" (an accepted abbreviation of get-token's --role-arn).
  if (entry.roleArn) args.push('--role', entry.roleArn);
  return { exec: { apiVersion: entry.execApiVersion, args, command: 'aws', ...(env.length ? { env } : {}) } };
}

/** Same-name entries are replaced in place, as the CLI's KubeconfigAppender does. */
function upsert(list: Named[], item: Named): void {
  const i = list.findIndex((e) => e.name === item.name);
  if (i >= 0) list[i] = item;
  else list.push(item);
}

function clusterNamed(world: World, name: string): ClusterState | undefined {
  return world.clusters.find((c) => c.name === name);
}
