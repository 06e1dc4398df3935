// Backups kept by the app (one JSON file per write) under an injectable folder, default ~/.eks-access-doctor/backups/:
// aws-auth edits, access-entry grants and kubeconfig writes, each named by an id that `restore --backup ID` takes.
// An aws-auth backup is written before the change is sent and completed with the resourceVersion our write
// produced, so a restore can tell whether anyone changed aws-auth since.
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { KubeconfigBackup } from '../kubeconfig/apply.js';
import type { AccessEntryBackup } from './access-entry-backup.js';
import type { RecreateBackup } from './access-entry-recreate.js';
import type { ClusterTarget } from './types.js';
import { homeDirOf, type Env } from '../profiles/deps.js';
import { isBackupId, newBackupId } from './backup-id.js';

export { newBackupId };

export interface AwsAuthBackup {
  version: 1;
  /** Absent in backups written before other kinds existed. */
  kind?: 'aws-auth';
  id: string;
  cluster: { name: string; region: string; arn: string };
  namespace: string;
  name: string;
  /** When the backup was taken (before the write). */
  time: string;
  /** The ConfigMap as it was: absent when our write created it. */
  previous: { existed: boolean; data: Record<string, string>; resourceVersion?: string };
  /** What we wrote and the resourceVersion it got (set once the write succeeded). */
  written?: { data: Record<string, string>; resourceVersion: string };
  profile: string;
  /** The view group's ClusterRoleBinding, when the grant of this write created it (restore deletes it again). */
  createdViewBinding?: { uid: string };
}

export type StoredBackup = AwsAuthBackup | AccessEntryBackup | RecreateBackup | KubeconfigBackup;

export const backupKindOf = (b: StoredBackup) => b.kind ?? 'aws-auth';

export function defaultBackupDir(home = homedir()): string {
  return path.join(home, '.eks-access-doctor', 'backups');
}

/** The backup records of a host: in the folder it was given, else in the user's own (`defaultBackupDir`). */
export function backupStoreFor(env: Env, dir?: string): BackupStore {
  return new BackupStore(dir ?? defaultBackupDir(homeDirOf(env)));
}

export class BackupStore {
  constructor(readonly dir: string = defaultBackupDir()) {}

  private file(id: string): string {
    if (!isBackupId(id)) throw new Error(`bad backup id: ${id}`);
    return path.join(this.dir, `${id}.json`);
  }

  async save(backup: StoredBackup): Promise<string> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = this.file(backup.id);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(backup, null, 2) + '\n', { mode: 0o600 });
    await rename(tmp, file);
    return file;
  }

  async remove(id: string): Promise<void> {
    await rm(this.file(id), { force: true });
  }

  async load(id: string): Promise<AwsAuthBackup> {
    const backup = await this.loadAny(id);
    if (backupKindOf(backup) !== 'aws-auth') throw new Error(`backup ${id} is of a ${backupKindOf(backup)} write, not of aws-auth`);
    return backup as AwsAuthBackup;
  }

  /** Any kind of backup, by id; one clear line when there is none. */
  async loadAny(id: string): Promise<StoredBackup> {
    let text: string;
    try {
      text = await readFile(this.file(id), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`there is no backup ${id} in ${this.dir}`, { cause: err });
      throw err;
    }
    try {
      return JSON.parse(text) as StoredBackup;
    } catch {
      throw new Error(`${this.file(id)} is not a backup record (not JSON)`);
    }
  }

  /** aws-auth backups of one cluster, newest first. */
  async list(clusterArn?: string): Promise<AwsAuthBackup[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const all = await Promise.all(names.filter((n) => n.endsWith('.json')).map((n) => this.load(n.slice(0, -5)).catch(() => undefined)));
    // load() refuses other kinds, so they drop out here.
    return all.filter((b): b is AwsAuthBackup => Boolean(b) && (!clusterArn || b!.cluster.arn === clusterArn)).sort((a, b) => b.time.localeCompare(a.time));
  }
}

/** The backup of aws-auth as it is before a write by `profile` (the write's result is added once it succeeds). */
export function backupBefore(cluster: ClusterTarget, profile: string, previous: AwsAuthBackup['previous'], now: Date): AwsAuthBackup {
  return {
    version: 1,
    kind: 'aws-auth',
    id: newBackupId(cluster, now),
    cluster: { name: cluster.name, region: cluster.region, arn: cluster.arn },
    namespace: 'kube-system',
    name: 'aws-auth',
    time: now.toISOString(),
    previous,
    profile,
  };
}
