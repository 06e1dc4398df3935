import type { DiscoveredCluster } from './types.js';

/** Clusters by ARN: the same cluster seen through several profiles is kept once, with who could describe it. */
export class ClusterRegistry {
  private readonly byArn = new Map<string, DiscoveredCluster>();

  /** Records that `profile` described the cluster; `isNew` when no profile had before. */
  add(described: Omit<DiscoveredCluster, 'describedBy'>, profile: string): { cluster: DiscoveredCluster; isNew: boolean } {
    const known = this.byArn.get(described.arn);
    if (known) {
      if (!known.describedBy.includes(profile)) known.describedBy.push(profile);
      return { cluster: known, isNew: false };
    }
    const cluster: DiscoveredCluster = { ...described, describedBy: [profile] };
    this.byArn.set(cluster.arn, cluster);
    return { cluster, isNew: true };
  }

  get(arn: string): DiscoveredCluster | undefined {
    return this.byArn.get(arn);
  }

  /** In discovery order. */
  list(): DiscoveredCluster[] {
    return [...this.byArn.values()];
  }

  get size(): number {
    return this.byArn.size;
  }
}
