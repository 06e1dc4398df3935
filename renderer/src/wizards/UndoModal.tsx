import { useEffect } from 'react';
import { Alert, Box, Button, Modal, SpaceBetween, StatusIndicator } from '@cloudscape-design/components';
import { api } from '../api.js';
import { useCall } from '../useCall.js';
import type { UndoNotice } from './undo-notice.js';
import { UndoPreview } from './UndoPreview.js';

interface Props {
  notice: UndoNotice;
  onClose: () => void;
  onUndone: () => void;
}

/** Undo a change a closed wizard made: what the undo would change now (read when the window opens), then the undo. */
export function UndoModal({ notice, onClose, onUndone }: Props) {
  const preview = useCall((backupId: string) => api['backups.preview']({ backupId }));
  const restore = useCall((backupId: string) => api['backups.restore']({ backupId }));
  const { run: runPreview } = preview;
  useEffect(() => {
    void runPreview(notice.backupId);
  }, [runPreview, notice.backupId]);
  const p = preview.result;
  const done = restore.result;
  const undo = () => void restore.run(notice.backupId).then((r) => r?.restored && onUndone());
  const footer = (
    <Box float="right">
      <SpaceBetween direction="horizontal" size="xs">
        <Button variant="link" onClick={onClose} data-testid="undo-close">{done?.restored ? 'Close' : 'Cancel'}</Button>
        {!done?.restored && (
          <Button variant="primary" onClick={undo} loading={restore.running} disabled={!p || p.problems.length > 0} data-testid="undo-confirm">
            Undo {notice.what}
          </Button>
        )}
      </SpaceBetween>
    </Box>
  );
  return (
    <Modal visible onDismiss={onClose} size="large" header={`Undo ${notice.what}`} footer={footer} data-testid="undo-modal">
      <SpaceBetween size="m">
        <Box data-testid="undo-intro">
          {done?.restored ? `${notice.done} That is undone now.` : `${notice.done} Nothing changes until you press “Undo ${notice.what}”, and the undo is refused if someone changed it again since.`}
        </Box>
        {preview.running && !p && <StatusIndicator type="loading">Reading what the undo would change now…</StatusIndicator>}
        {preview.error && <Alert type="error" header="The undo cannot be prepared" data-testid="undo-error">{preview.error.message}</Alert>}
        {p && <UndoPreview preview={p} done={Boolean(done?.restored)} />}
        {done?.restored && <Alert type="success" header="Undone" data-testid="undo-done">{done.message}</Alert>}
        {done && !done.restored && (
          <Alert type="error" header="Nothing was undone" data-testid="undo-error">{done.problems.join(' ') || done.message}</Alert>
        )}
        {restore.error && <Alert type="error" header="Nothing was undone" data-testid="undo-error">{restore.error.message}</Alert>}
      </SpaceBetween>
    </Modal>
  );
}
