// A backup record's id: the cluster, the time and a little randomness (a leaf module: the records of every kind use it).
import type { ClusterTarget } from './types.js';

export function newBackupId(cluster: ClusterTarget, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `${cluster.name}-${cluster.region}-${stamp}-${Math.random().toString(36).slice(2, 8)}`;
}

/** What a backup id may hold (it names the record's file): letters, digits, `_`, `.` and `-`. */
export function isBackupId(id: string): boolean {
  return /^[\w.-]+$/.test(id);
}
