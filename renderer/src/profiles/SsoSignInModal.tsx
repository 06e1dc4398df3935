import { useEffect, useState } from 'react';
import { Alert, Box, Button, Link, Modal, SpaceBetween, StatusIndicator } from '@cloudscape-design/components';
import type { ProfileView, SsoPollResult } from '../../../shared/profile-types.js';
import { api } from '../api.js';
import { useCall } from '../useCall.js';

/** SSO device authorization: shows the code and the verification link, completes by polling. */
export function SsoSignInModal(props: { profile: ProfileView; onClose: () => void; onSignedIn: (view: ProfileView) => void }) {
  const { profile, onClose, onSignedIn } = props;
  const startCall = useCall((name: string) => api['sso.start']({ profile: name }));
  const start = startCall.result;
  const [state, setState] = useState<SsoPollResult | undefined>();
  const [pollError, setPollError] = useState<string | undefined>();
  const error = startCall.error?.message ?? pollError;

  const { run: runStart } = startCall;
  useEffect(() => {
    void runStart(profile.name);
  }, [runStart, profile.name]);

  useEffect(() => {
    if (!start) return;
    const finish = (result: SsoPollResult) => {
      if (result.flowId !== start.flowId || result.state === 'pending') return;
      setState(result);
      if (result.state === 'complete' && result.result) onSignedIn(result.result);
    };
    const off = api.on('sso.completed', finish);
    const timer = setInterval(() => {
      api['sso.poll']({ flowId: start.flowId }).then(finish, (err: Error) => setPollError(err.message));
    }, Math.max(1, start.intervalSeconds) * 1000);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [start, onSignedIn]);

  const done = state && state.state !== 'pending';
  return (
    <Modal
      visible
      onDismiss={onClose}
      header={`Sign in: ${profile.name}`}
      footer={<Box float="right"><Button variant={done ? 'primary' : 'normal'} onClick={onClose}>{done ? 'Close' : 'Cancel'}</Button></Box>}
    >
      <SpaceBetween size="m">
        {error && <Alert type="error" header="Sign-in could not start">{error}</Alert>}
        {!start && !error && <StatusIndicator type="loading">Starting the device authorization…</StatusIndicator>}
        {start && (
          <SpaceBetween size="s">
            <Box>Open the verification page, check that it shows this code, and approve the request:</Box>
            <Box variant="h1" fontSize="display-l" textAlign="center" data-testid="sso-user-code">{start.userCode}</Box>
            <Box textAlign="center">
              <Link external href={start.verificationUriComplete ?? start.verificationUri} data-testid="sso-verification-link">
                {start.verificationUri}
              </Link>
            </Box>
            {!done && <StatusIndicator type="loading">Waiting for approval…</StatusIndicator>}
            {state?.state === 'complete' && <StatusIndicator type="success">Signed in. The aws CLI and kubectl use this sign-in too.</StatusIndicator>}
            {done && state.state !== 'complete' && <StatusIndicator type="error">{state.message ?? state.state}</StatusIndicator>}
            <Box variant="small">Same as <Box variant="code">aws sso login --profile {profile.name}</Box></Box>
          </SpaceBetween>
        )}
      </SpaceBetween>
    </Modal>
  );
}
