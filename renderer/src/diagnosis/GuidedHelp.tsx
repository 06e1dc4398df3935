import { Box, Button, Container, Header, SpaceBetween } from '@cloudscape-design/components';
import type { DiagnosisSummaryView } from '../../../shared/diagnosis-types.js';

export type WizardName = 'creator' | 'logs' | 'ask-admin';

interface Props {
  diagnosis: DiagnosisSummaryView;
  onOpen: (name: WizardName) => void;
}

/** The article's branches as wizards: use the creator's identity, read the authenticator log, ask the admin. */
export function GuidedHelp({ diagnosis: d, onOpen }: Props) {
  if (d.outcome === 'ADMIN' && d.causes[0]?.code === 'OK') return null;
  return (
    <Container header={<Header variant="h3" description="Step by step, with the command for each step">Guided help</Header>} data-testid="guided-help">
      <SpaceBetween size="s">
        <SpaceBetween direction="horizontal" size="xs">
          <Button onClick={() => onOpen('creator')} data-testid="open-creator-wizard">
            {d.creator.isOneOfYourProfiles ? `Use the creator's profile (${d.creator.isOneOfYourProfiles})` : "I created this cluster / find the creator"}
          </Button>
          <Button onClick={() => onOpen('logs')} data-testid="open-logs-wizard">
            Turn on and read the authenticator log
          </Button>
          <Button onClick={() => onOpen('ask-admin')} data-testid="open-ask-admin">
            Ask the cluster admin
          </Button>
        </SpaceBetween>
        <Box variant="small" color="text-body-secondary">
          The creator of a cluster is its first administrator. If none of your profiles can grant access, the app writes the message for the person who can.
        </Box>
      </SpaceBetween>
    </Container>
  );
}
