import { Alert, Box, SpaceBetween } from '@cloudscape-design/components';
import type { RestorePreview } from '../../../shared/backup-types.js';
import { CommandLine } from '../diagnosis/CommandLine.js';
import { DiffView } from '../diagnosis/DiffView.js';
import { useAppCommands } from '../app-commands.js';
import { undoCommands } from './undo-commands.js';

/** What an undo would change now, read from its backup record: the steps, the diff, and why it will not (a change made since). */
export function UndoPreview({ preview, done = false }: { preview: RestorePreview; done?: boolean }) {
  const { cli } = useAppCommands();
  return (
    <SpaceBetween size="s">
      <div data-testid="undo-preview">
        <Box variant="awsui-key-label">{done ? 'What the undo did' : 'What the undo does'}</Box>
        {preview.steps.length ? (
          <ul className="wz-list">
            {preview.steps.map((s) => <li key={s.title}>{s.title}</li>)}
          </ul>
        ) : (
          !preview.diff && !preview.problems.length && <Box>Nothing is left to undo: it is already as it was before.</Box>
        )}
      </div>
      {preview.diff && !done && <DiffView diff={preview.diff} testId="undo-diff" label="What the undo changes" />}
      {preview.notes.map((n) => (
        <Box key={n} variant="small" color="text-body-secondary">{n}</Box>
      ))}
      {preview.problems.map((p) => (
        <Alert key={p} type="error" header="This cannot be undone as it is now" data-testid="undo-problem">{p}</Alert>
      ))}
      <div data-testid="undo-commands">
        <Box variant="awsui-key-label">The same on the command line</Box>
        {undoCommands(preview, cli).map((c) => <CommandLine key={c} command={c} />)}
      </div>
    </SpaceBetween>
  );
}
