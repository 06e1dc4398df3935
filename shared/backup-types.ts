// The backup records the app keeps on disk, one per write it makes (an aws-auth edit, an access-entry grant or its
// re-creation, a kubeconfig or AWS config write), and what restoring one would do or did. A record is named by its
// id only: the folder is the host's, so no caller names a file.

/** What a backup id may hold (it names the record's file): letters, digits, `_`, `.` and `-`. */
export const BACKUP_ID = /^[\w.-]{1,256}$/;

export type BackupKind = 'aws-auth' | 'access-entry' | 'access-entry-recreate' | 'kubeconfig';

export interface RestorePreview {
  backup: string;
  kind: BackupKind;
  /** One line: what the backup is of. */
  subject: string;
  /** What restore would do: steps with their commands, or a diff. */
  steps: { title: string; command?: string }[];
  diff: string;
  notes: string[];
  /** Non-empty: restore is refused; each line says why and what can be done. */
  problems: string[];
}

export interface RestoreDone {
  backup: string;
  kind: BackupKind;
  restored: boolean;
  message: string;
  problems: string[];
  /** aws-auth: the backup of the state the restore replaced (a restore can be undone too). */
  newBackup?: string;
}
