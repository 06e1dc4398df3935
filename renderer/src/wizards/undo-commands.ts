import type { RestorePreview } from '../../../shared/backup-types.js';

/** The app's restore for one backup, as it runs on this machine (`cli` from app.info: the bin script by its path). */
export function restoreCommand(cli: string, backup: string): string {
  return `${cli} restore --backup ${backup} --yes`;
}

/**
 * The terminal equivalent of an undo: the app's own restore, or by hand its steps' commands — only when every step
 * has one (writing aws-auth back as it was has none: by hand, the rest alone would leave the grant in place).
 */
export function undoCommands(preview: RestorePreview, cli: string): string[] {
  const restore = restoreCommand(cli, preview.backup);
  const byHand = preview.steps.every((s) => s.command) ? preview.steps.map((s) => s.command!) : [];
  return byHand.length ? [`${restore}   # or by hand, instead:`, ...byHand] : [restore];
}
