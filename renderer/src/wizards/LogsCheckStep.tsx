import { Box, Button, Container, FormField, Header, Select, SpaceBetween, Spinner, StatusIndicator } from '@cloudscape-design/components';
import type { LogsStatusView } from '../../../shared/wizard-types.js';
import { CommandLine } from '../diagnosis/CommandLine.js';
import { LogsStepAlert } from './LogsStepAlert.js';
import type { CallState } from '../useCall.js';

export interface LogsCheckStepProps {
  profiles: string[];
  profile: string;
  onProfile: (next: string) => void;
  /** Another step is calling AWS: the profile stays as it is meanwhile. */
  busy: boolean;
  status: CallState<LogsStatusView>;
  /** The command shown before the check ran. */
  previewCommand: string;
  onCheck: () => void;
}

/** Step 1: which profile makes the calls, and whether the cluster sends its authenticator log to CloudWatch Logs. */
export function LogsCheckStep({ profiles, profile, onProfile, busy, status, previewCommand, onCheck }: LogsCheckStepProps) {
  const view = status.result;
  return (
    <Container header={<Header variant="h3" description="Whether the cluster sends its authenticator log to CloudWatch Logs.">1. Check the logging</Header>}>
      <SpaceBetween size="s">
        <FormField label="Profile that makes the AWS calls" description="It needs eks:DescribeCluster, eks:UpdateClusterConfig and logs:StartQuery on this cluster.">
          <Select
            data-testid="logs-profile"
            selectedOption={{ value: profile, label: profile }}
            options={profiles.map((p) => ({ value: p, label: p }))}
            onChange={(e) => onProfile(e.detail.selectedOption.value ?? profile)}
            disabled={status.running || busy}
          />
        </FormField>
        <CommandLine command={view?.command ?? previewCommand} />
        <Button onClick={onCheck} loading={status.running} data-testid="logs-check">
          Check again
        </Button>
        <div data-testid="logs-status" data-enabled={view ? String(view.enabled) : 'unknown'}>
          {status.running && !view && (
            <Box>
              <Spinner /> Asking EKS with profile {profile}…
            </Box>
          )}
          {view && (
            <StatusIndicator type={view.enabled ? 'success' : 'stopped'}>
              {view.enabled
                ? `The authenticator log is on: lines go to ${view.logGroup}.`
                : `The authenticator log is off${view.enabledTypes.length ? ` (on: ${view.enabledTypes.join(', ')})` : ''}: nothing is written to ${view.logGroup} yet.`}
            </StatusIndicator>
          )}
        </div>
        <LogsStepAlert error={status.error} step="status" />
      </SpaceBetween>
    </Container>
  );
}
