import type { ReactNode } from 'react';
import { Alert, Box, SpaceBetween } from '@cloudscape-design/components';
import type { KubeconfigPlanResult } from '../../../shared/diagnosis-types.js';
import { DiffView } from './DiffView.js';

interface Props {
  view: KubeconfigPlanResult['view'];
  /** Shown instead of the diff when the write would change nothing. */
  unchanged: ReactNode;
  /** The class the context name is set in (the diagnosis's or the wizards'). */
  nameClass: string;
}

/** What an update-kubeconfig would write: the context added or updated, its warnings, the diff. */
export function KubeconfigPlanPreview({ view, unchanged, nameClass }: Props) {
  return (
    <SpaceBetween size="xs">
      <Box variant="h4">
        {view.updatingExisting ? 'Update' : 'Add'} context <span className={nameClass}>{view.contextName}</span> in {view.target}
      </Box>
      {view.warnings.map((w) => (
        <Alert key={w} type="warning">{w}</Alert>
      ))}
      {view.changed ? <DiffView diff={view.diff} /> : unchanged}
    </SpaceBetween>
  );
}
