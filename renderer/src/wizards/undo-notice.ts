// A change a closed wizard left in place, as the page's note offers to undo it.
export interface UndoNotice {
  backupId: string;
  /** What was done, in one sentence ("Granted tom access to analytics."). */
  done: string;
  /** What the undo takes back, for its button and window ("the grant", "the kubeconfig change"). */
  what: string;
}
