/** What the app's file watcher saw change on disk, and what it checks again because of it. */
export type WatchedFileKind = 'aws-config' | 'aws-credentials' | 'sso-cache' | 'kubeconfig';

export interface FilesChanged {
  kinds: WatchedFileKind[];
  /** Profiles whose settings or sign-in changed: their rows are checked again. */
  profiles: string[];
  /** kubeconfig contexts that were added, removed or changed. */
  contexts: string[];
  /** Matrix cells checked again (profile × cluster ARN). */
  cells: Array<{ profile: string; clusterArn: string }>;
}
