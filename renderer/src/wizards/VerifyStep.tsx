import { useEffect } from 'react';
import { Box, SpaceBetween, StatusIndicator } from '@cloudscape-design/components';
import type { VerificationView } from '../../../shared/wizard-types.js';
import { api } from '../api.js';
import { KubectlOutput } from '../diagnosis/KubectlOutput.js';
import { StepAction } from './StepAction.js';
import { useCall } from './useCall.js';

interface Props {
  profile: string;
  clusterArn: string;
  clusterName: string;
  region: string;
  /** A verification that came with the previous step (the grant's apply); shown until the user verifies again. */
  initial?: VerificationView;
  /** Verify when the step opens. */
  auto?: boolean;
}

const OK = new Set(['ADMIN', 'ACCESS']);

export function VerificationResult({ v }: { v: VerificationView }) {
  return (
    <SpaceBetween size="s">
      <div data-testid="verify-result" data-ok={String(v.ok)} data-outcome={v.outcome ?? 'NONE'}>
        <StatusIndicator type={v.ok ? 'success' : 'error'}>
          {v.ok ? `${v.profile} gets in` : `${v.profile} does not get in yet`}
        </StatusIndicator>
      </div>
      <div data-testid="verify-probe">
        {v.outcome ? (
          <StatusIndicator type={OK.has(v.outcome) ? 'success' : 'error'}>
            The app's probe: {v.outcome}
            {v.username !== undefined ? ` as ${v.username || '(empty)'}` : ''}
            {v.groups?.length ? ` in ${v.groups.join(', ')}` : ''}
            {v.message ? ` — ${v.message}` : ''}
          </StatusIndicator>
        ) : (
          <StatusIndicator type="info">{v.message ?? 'Not probed'}</StatusIndicator>
        )}
      </div>
      {v.kubectl ? (
        <KubectlOutput run={v.kubectl} testId="verify-kubectl" outputTestId="verify-kubectl-output" />
      ) : (
        <Box color="text-body-secondary" data-testid="verify-kubectl-note">{v.kubectlNote}</Box>
      )}
    </SpaceBetween>
  );
}

/** The last step of every wizard: the cell probed again and the real `kubectl get svc` with the user's kubeconfig. */
export function VerifyStep({ profile, clusterArn, clusterName, region, initial, auto }: Props) {
  const verify = useCall(() => api['cell.verify']({ profile, clusterArn }));
  useEffect(() => {
    if (auto && !initial) void verify.run();
    // Once, when the step opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const shown = verify.result ?? initial;
  return (
    <StepAction
      commands={[`aws eks update-kubeconfig --name ${clusterName} --region ${region} --profile ${profile}   # once, if not done`, 'kubectl get svc']}
      action={{ label: shown ? 'Verify again' : 'Verify', onClick: () => void verify.run(), loading: verify.running, testId: 'verify-button', primary: !shown }}
      {...(verify.error ? { error: verify.error } : {})}
      errorHeader="The check could not run"
    >
      {shown && <VerificationResult v={shown} />}
    </StepAction>
  );
}
