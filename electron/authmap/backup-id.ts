// A backup record's id: the cluster, the time and a little randomness (a leaf module: the records of every kind use it).
import { BACKUP_ID } from '../../shared/backup-types.js';
import type { ClusterTarget } from './types.js';

export function newBackupId(cluster: ClusterTarget, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `${cluster.name}-${cluster.region}-${stamp}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Whether an id may name a backup record (the rule is the contract's). */
export function isBackupId(id: string): boolean {
  return BACKUP_ID.test(id);
}
