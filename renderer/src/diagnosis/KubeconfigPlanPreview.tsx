import type { ReactNode } from 'react';
import { Alert, Box, SpaceBetween } from '@cloudscape-design/components';
import type { KubeconfigPlanResult } from '../../../shared/diagnosis-types.js';
import { DiffView } from './DiffView.js';
import { currentContextSentence, entrySentence } from './kubeconfig-words.js';

interface Props {
  view: KubeconfigPlanResult['view'];
  /** Shown instead of the diff when the write would change nothing. */
  unchanged: ReactNode;
  /** The class the context name is set in (the diagnosis's or the wizards'). */
  nameClass: string;
  /** The profile the entry will sign in with, for the sentence. */
  profile?: string;
}

/** What an update-kubeconfig would write: in words (entry, current context), its warnings, then the diff. */
export function KubeconfigPlanPreview({ view, unchanged, nameClass, profile }: Props) {
  return (
    <SpaceBetween size="xs">
      <Box variant="h4">
        {view.updatingExisting ? 'Update' : 'Add'} context <span className={nameClass}>{view.contextName}</span> in {view.target}
      </Box>
      {view.changed && (
        <div data-testid="kubeconfig-words">
          <Box variant="p" data-testid="kubeconfig-entry-words">{entrySentence(view, profile)}</Box>
          <Box variant="p" data-testid="kubeconfig-context-words" data-changes={view.currentContext.before !== view.currentContext.after ? 'true' : 'false'}>
            {currentContextSentence(view)}
          </Box>
        </div>
      )}
      {view.warnings.map((w) => (
        <Alert key={w} type="warning">{w}</Alert>
      ))}
      {view.changed && view.relaidOutNote && <Box variant="small">{view.relaidOutNote}</Box>}
      {view.changed ? <DiffView diff={view.diff} /> : unchanged}
    </SpaceBetween>
  );
}
