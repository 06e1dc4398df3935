// The kubeconfig a scenario starts with: entries exactly as `aws eks update-kubeconfig` writes them
// (awscli/customizations/eks/update_kubeconfig.py get_cluster_entry/get_user_entry, kubeconfig.py).
import { stringify } from 'yaml';
import type { ScenarioKubeconfigEntry } from './scenario/schema.js';
import type { ClusterState } from './world/types.js';
import type { World } from './world/world.js';

export interface StaleEndpoint {
  endpoint: string;
  caData: string;
}

export function kubeconfigObject(world: World, stale: StaleEndpoint): Record<string, unknown> {
  const clusters: unknown[] = [];
  const contexts: unknown[] = [];
  const users: unknown[] = [];
  let lastArn = '';
  for (const entry of world.scenario.kubeconfig) {
    const cluster = clusterNamed(world, entry.cluster);
    if (!cluster) continue;
    const server = entry.stale ? stale.endpoint : cluster.endpoint;
    const caData = entry.stale ? stale.caData : cluster.caData;
    upsert(clusters, { cluster: { 'certificate-authority-data': caData, server }, name: cluster.arn });
    upsert(users, userEntry(cluster, entry));
    upsert(contexts, { context: { cluster: cluster.arn, user: cluster.arn }, name: cluster.arn });
    lastArn = cluster.arn;
  }
  const current = world.scenario.currentContext ? clusterNamed(world, world.scenario.currentContext)?.arn ?? '' : lastArn;
  return { apiVersion: 'v1', clusters, contexts, 'current-context': current, kind: 'Config', preferences: {}, users };
}

export function renderKubeconfig(world: World, stale: StaleEndpoint): string {
  // indentSeq false: list items at the parent's indentation, as PyYAML (and so the CLI) writes them.
  return stringify(kubeconfigObject(world, stale), { indentSeq: false, lineWidth: 0 });
}

function userEntry(cluster: ClusterState, entry: ScenarioKubeconfigEntry): { name: string; user: unknown } {
  const args = ['--region', cluster.region, 'eks', 'get-token', '--cluster-name', cluster.name, '--output', 'json'];
  // The CLI itself appends "--role" (an accepted abbreviation of get-token's --role-arn).
  if (entry.roleArn) args.push('--role', entry.roleArn);
  const exec: Record<string, unknown> = { apiVersion: entry.execApiVersion, args, command: 'aws' };
  if (entry.profile) exec.env = [{ name: 'AWS_PROFILE', value: entry.profile }];
  return { name: cluster.arn, user: { exec } };
}

/** Same-name entries are replaced in place, as the CLI's KubeconfigAppender does. */
function upsert(list: unknown[], item: { name: string } & Record<string, unknown>): void {
  const i = list.findIndex((e) => (e as { name: string }).name === item.name);
  if (i >= 0) list[i] = item;
  else list.push(item);
}

function clusterNamed(world: World, name: string): ClusterState | undefined {
  return world.clusters.find((c) => c.name === name);
}
