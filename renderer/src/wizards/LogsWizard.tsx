import { useCallback, useEffect, useState } from 'react';
import { Box, Button, Container, Header, Modal, SpaceBetween } from '@cloudscape-design/components';
import type { LogsStatusView } from '../../../shared/wizard-types.js';
import { api } from '../api.js';
import '../diagnosis/diagnosis.css';
import { clusterOf, previewCommands } from './logs-preview-commands.js';
import { LogsCheckStep } from './LogsCheckStep.js';
import { LogsEnableStep } from './LogsEnableStep.js';
import { LogsQueryStep } from './LogsQueryStep.js';
import { useCall } from '../useCall.js';
import { VerifyStep } from './VerifyStep.js';
import './logs-wizard.css';

export interface LogsWizardProps {
  profiles: string[];
  defaultProfile: string;
  clusterArn: string;
  /** The diagnosed identity (as STS reports it): enables the "this identity" query. */
  identityArn?: string;
  /** The diagnosed profile: the last step probes again and runs kubectl as it (which also writes a fresh line). */
  verifyProfile?: string;
  onClose: () => void;
}

/** The wizard: is the authenticator log on → turn it on and wait → run the article's queries and read the lines. */
export function LogsWizard({ profiles, defaultProfile, clusterArn, identityArn, verifyProfile, onClose }: LogsWizardProps) {
  const cluster = clusterOf(clusterArn);
  const [profile, setProfile] = useState(defaultProfile);
  const [enabling, setEnabling] = useState(false);
  const status = useCall((who: string, arn: string): Promise<LogsStatusView> => api['logs.status']({ profile: who, clusterArn: arn }));
  const { run: runCheck, reset: resetCheck } = status;
  const preview = previewCommands(clusterArn, profile);

  // On open, and whenever the profile changes.
  useEffect(() => {
    void runCheck(profile, clusterArn);
  }, [runCheck, profile, clusterArn]);

  const check = useCallback(() => void runCheck(profile, clusterArn), [runCheck, profile, clusterArn]);

  const chooseProfile = (next: string) => {
    resetCheck();
    setProfile(next);
  };

  return (
    <Modal
      visible
      onDismiss={onClose}
      // Wide: the table of log lines has seven columns.
      size="x-large"
      header={`Authenticator logs of ${cluster.name}`}
      data-testid="logs-wizard"
      footer={
        <Box float="right">
          <Button variant="link" data-testid="logs-close" onClick={onClose}>
            Close
          </Button>
        </Box>
      }
    >
      <SpaceBetween size="l">
        <Box color="text-body-secondary">
          EKS's authenticator writes one line for every kubectl call it lets in or refuses, with the ARN it saw and the reason. Those lines go to
          CloudWatch Logs only when the cluster's <code>authenticator</code> log type is on; they are the cluster's own answer to "why am I Unauthorized?".
        </Box>
        <LogsCheckStep profiles={profiles} profile={profile} onProfile={chooseProfile} busy={enabling} status={status} previewCommand={preview.status} onCheck={check} />
        {/* A new profile starts steps 2 and 3 afresh; unmounting the old ones stops their polling. */}
        <LogsEnableStep
          key={`enable:${profile}`}
          profile={profile}
          clusterArn={clusterArn}
          {...(status.result ? { status: status.result } : {})}
          preview={preview}
          onEnabled={check}
          onRunning={setEnabling}
        />
        <LogsQueryStep key={`query:${profile}`} profile={profile} clusterArn={clusterArn} clusterName={cluster.name} {...(identityArn ? { identityArn } : {})} />
        {verifyProfile && (
          <Container header={<Header variant="h3" description={`Probes the cluster again as ${verifyProfile} and runs the real kubectl get svc; each try writes a new line to read above.`}>4. Try again and check</Header>} data-testid="logs-verify">
            <VerifyStep profile={verifyProfile} clusterArn={clusterArn} clusterName={cluster.name} region={cluster.region} />
          </Container>
        )}
      </SpaceBetween>
    </Modal>
  );
}
