import { useEffect } from 'react';
import { Alert, Box, Button, Container, Header, ProgressBar, SpaceBetween, StatusIndicator } from '@cloudscape-design/components';
import type { LogsEnableResult, LogsStatusView } from '../../../shared/wizard-types.js';
import { api } from '../api.js';
import { CommandLine } from '../diagnosis/CommandLine.js';
import { LogsStepAlert } from './LogsStepAlert.js';
import { useCall } from '../useCall.js';
import { POLL_DEADLINE_MS, useUpdatePolling } from './useUpdatePolling.js';

export interface LogsEnableStepProps {
  profile: string;
  clusterArn: string;
  /** What step 1 found, if it ran. */
  status?: LogsStatusView;
  /** The commands shown before the step ran. */
  preview: { enable: string; update: string };
  /** The log is on now (or was already): step 1 checks again. */
  onEnabled: () => void;
  /** Tells the wizard while the enable call runs. */
  onRunning: (running: boolean) => void;
}

/** Step 2: turns the authenticator log type on, then follows EKS's update until it ends. */
export function LogsEnableStep({ profile, clusterArn, status, preview, onEnabled, onRunning }: LogsEnableStepProps) {
  const enableCall = useCall((): Promise<LogsEnableResult> => api['logs.enable']({ profile, clusterArn }));
  const polling = useUpdatePolling(profile, clusterArn);
  const enabled = enableCall.result;
  const { update, polls, waiting } = polling;

  useEffect(() => {
    onRunning(enableCall.running);
    return () => onRunning(false);
  }, [enableCall.running, onRunning]);

  const enable = async () => {
    const r = await enableCall.run();
    if (r?.alreadyEnabled) onEnabled();
    else if (r?.updateId) {
      const ended = await polling.follow(r.updateId);
      if (ended?.status === 'Successful') onEnabled();
    }
  };

  const isOn = Boolean(status?.enabled) || update?.status === 'Successful' || Boolean(enabled?.alreadyEnabled);

  return (
    <Container header={<Header variant="h3" description="Turns on the authenticator log type only; other log types stay as they are. CloudWatch charges for the stored lines.">2. Turn on the authenticator log</Header>}>
      <SpaceBetween size="s">
        {status?.enabled && !enabled ? (
          <StatusIndicator type="info">Already on: nothing to do. Go on to the queries.</StatusIndicator>
        ) : (
          <>
            <CommandLine command={enabled?.command ?? preview.enable} />
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="primary" onClick={() => void enable()} loading={enableCall.running} disabled={waiting || isOn} data-testid="logs-enable">
                Turn on
              </Button>
              {waiting && (
                <Button onClick={polling.stop} data-testid="logs-stop-waiting">
                  Stop waiting
                </Button>
              )}
            </SpaceBetween>
          </>
        )}
        {enabled?.alreadyEnabled && <StatusIndicator type="info">It was already on: nothing changed.</StatusIndicator>}
        {enabled?.updateId && (
          <SpaceBetween size="xs">
            <Box>EKS applies the change as update {enabled.updateId}; the app asks every second how it is going:</Box>
            <CommandLine command={update?.command ?? preview.update.replace('<the update id>', enabled.updateId)} />
            <div data-testid="logs-update" data-status={update?.status ?? enabled.status}>
              {(update?.status ?? 'InProgress') === 'InProgress' ? (
                waiting ? (
                  <ProgressBar status="in-progress" value={Math.min(95, polls)} label="Updating the cluster's logging" description={`Asked ${polls} time(s) — usually done within two minutes.`} />
                ) : (
                  <StatusIndicator type="pending">Not waiting any more: the update goes on in AWS. Check again later.</StatusIndicator>
                )
              ) : update?.status === 'Successful' ? (
                <StatusIndicator type="success">Done: the authenticator log is on. New kubectl calls are logged from now on.</StatusIndicator>
              ) : (
                <StatusIndicator type="error">The update ended {update?.status}{update?.errors.length ? `: ${update.errors.join('; ')}` : ''}.</StatusIndicator>
              )}
            </div>
          </SpaceBetween>
        )}
        {polling.timedOut && (
          <Alert type="warning">Still in progress after {Math.round(POLL_DEADLINE_MS / 60_000)} minutes: run the command above later to see how it ended.</Alert>
        )}
        <LogsStepAlert error={enableCall.error ?? polling.error} step="enable" />
      </SpaceBetween>
    </Container>
  );
}
