// One name for one kubeconfig backup. The write leaves two things: the backup record (its id, `kubeconfig-…`, is
// what Undo and `restore --backup` take) and the copy of the previous file next to it (`<file>.eks-doctor-backup-…`).
// Every text names the backup by its id and says where its copy is, so the two names read as one backup.

/** `backup kubeconfig-… (a copy of the previous file is at …/config.eks-doctor-backup-…)`. */
export function kubeconfigBackupWords(id: string | undefined, copyPath: string | null): string {
  const copy = copyPath ? `a copy of the previous file is at ${copyPath}` : 'the file did not exist before, so undo removes it';
  return id ? `backup ${id} (${copy})` : copy;
}
