// What a closed wizard left done (a grant, a kubeconfig write) stays undoable from whatever page is open: a note with
// an Undo button, until the user undoes it or dismisses the note. The undo goes through the write's backup record, as
// `eks-access-doctor restore --backup ID` does: a preview first, and a refusal when the thing changed since.
import { useState, useSyncExternalStore, type ReactNode } from 'react';
import { Button, type FlashbarProps } from '@cloudscape-design/components';
import type { UndoNotice } from './undo-notice.js';
import { UndoModal } from './UndoModal.js';


let notices: UndoNotice[] = [];
const listeners = new Set<() => void>();
function publish(next: UndoNotice[]): void {
  notices = next;
  for (const l of listeners) l();
}
function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Called as a wizard closes, once for each change of its that is still in place. */
export function leaveUndo(n: UndoNotice): void {
  publish([...notices.filter((x) => x.backupId !== n.backupId), n]);
}

function drop(backupId: string): void {
  publish(notices.filter((x) => x.backupId !== backupId));
}

/** The notes for the page's Flashbar, and the undo window when one is open. `onUndone`: the pages read again. */
export function useUndoNotices(onUndone: () => void): { items: FlashbarProps.MessageDefinition[]; modal: ReactNode } {
  const list = useSyncExternalStore(subscribe, () => notices);
  const [open, setOpen] = useState<UndoNotice | undefined>();
  const items = list.map((n): FlashbarProps.MessageDefinition => ({
    id: `undo-${n.backupId}`,
    type: 'success',
    content: <span data-testid="undo-notice" data-backup={n.backupId}>{n.done}</span>,
    action: <Button onClick={() => setOpen(n)} data-testid="undo-notice-open">Undo {n.what}…</Button>,
    dismissible: true,
    dismissLabel: `Dismiss (${n.what} stays)`,
    onDismiss: () => drop(n.backupId),
  }));
  const modal = open && (
    <UndoModal
      notice={open}
      onClose={() => setOpen(undefined)}
      onUndone={() => {
        drop(open.backupId);
        onUndone();
      }}
    />
  );
  return { items, modal };
}
