import type { RestorePreview } from '../../../shared/backup-types.js';

/**
 * The terminal equivalent of an undo: the app's own restore, or by hand its steps' commands — only when every step
 * has one (writing aws-auth back as it was has none: by hand, the rest alone would leave the grant in place).
 */
export function undoCommands(preview: RestorePreview): string[] {
  const restore = `eks-access-doctor restore --backup ${preview.backup} --yes`;
  const byHand = preview.steps.every((s) => s.command) ? preview.steps.map((s) => s.command!) : [];
  return byHand.length ? [`${restore}   # or by hand, instead:`, ...byHand] : [restore];
}
