import { Box, Button, SpaceBetween } from '@cloudscape-design/components';
import type { DiagnosisSummaryView } from '../../../shared/diagnosis-types.js';

export type WizardName = 'creator' | 'logs' | 'ask-admin';

interface Props {
  diagnosis: DiagnosisSummaryView;
  onOpen: (name: WizardName) => void;
}

/** The article's other branches as wizards: use the creator's identity, read the authenticator log, ask the admin. */
export function GuidedHelp({ diagnosis: d, onOpen }: Props) {
  if (d.causes[0]?.code === 'OK') return null;
  return (
    <div data-testid="guided-help">
      <SpaceBetween size="xxs">
        <Box variant="small" color="text-body-secondary">More help, step by step</Box>
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="inline-link" onClick={() => onOpen('creator')} data-testid="open-creator-wizard">
            {d.creator.isOneOfYourProfiles ? `Use the creator's profile (${d.creator.isOneOfYourProfiles})` : 'I created this cluster / find the creator'}
          </Button>
          <Button variant="inline-link" onClick={() => onOpen('logs')} data-testid="open-logs-wizard">
            Turn on and read the authenticator log
          </Button>
          <Button variant="inline-link" onClick={() => onOpen('ask-admin')} data-testid="open-ask-admin">
            Ask the cluster admin
          </Button>
        </SpaceBetween>
      </SpaceBetween>
    </div>
  );
}
