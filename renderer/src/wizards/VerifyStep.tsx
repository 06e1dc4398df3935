import { useEffect, useState } from 'react';
import { Alert, Box, Button, SpaceBetween, StatusIndicator } from '@cloudscape-design/components';
import type { VerificationView } from '../../../shared/wizard-types.js';
import { api } from '../api.js';
import { KubectlOutput } from '../diagnosis/KubectlOutput.js';
import { probeResultWords } from '../diagnosis/wording.js';
import { UseWithKubectlModal } from '../kubectl/UseWithKubectlModal.js';
import { StepAction } from './StepAction.js';
import { useCall } from '../useCall.js';
import { useAppCommands } from '../app-commands.js';
import { verifyCommands } from './verify-commands.js';

// A status indicator breaks its text anywhere ("namespac e"): these words wrap between words.
const WHOLE_WORDS = { wordBreak: 'normal', overflowWrap: 'anywhere' } as const;

interface Props {
  profile: string;
  clusterArn: string;
  clusterName: string;
  region: string;
  /** A verification that came with the previous step (the grant's apply); shown until the user verifies again. */
  initial?: VerificationView;
  /** Verify when the step opens. */
  auto?: boolean;
  /** Told whether the check shown passed (false while none is shown). */
  onResult?: (ok: boolean) => void;
}

const OK = new Set(['ADMIN', 'ACCESS']);

/** Who kubectl really signed in as, against the profile that was fixed; a mismatch offers the one click that fixes it. */
function KubectlIdentity({ v }: { v: VerificationView }) {
  const [open, setOpen] = useState(false);
  const k = v.kubectlIdentity;
  if (!k) return null;
  const who = k.arn ?? k.username;
  if (k.sameAsProfile === false) {
    return (
      <Alert
        type="warning"
        header={`kubectl signed in as someone else than ${v.profile}`}
        data-testid="verify-identity"
        data-same="false"
        action={<Button onClick={() => setOpen(true)} data-testid="verify-use-profile">Make kubectl use {v.profile} for this cluster</Button>}
      >
        kubectl (context {k.context}) signed in as <span className="dg-arn">{who ?? 'nobody'}</span>, but the fix was made for profile {v.profile}
        {k.profileArn ? <> (<span className="dg-arn">{k.profileArn}</span>)</> : null}. Until kubectl uses that profile for this cluster, what you type in
        your terminal is not what was fixed.
        {open && <UseWithKubectlModal initialContext={k.context} initialProfile={v.profile} onClose={() => setOpen(false)} onChanged={() => undefined} />}
      </Alert>
    );
  }
  return (
    <div data-testid="verify-identity" data-same={String(k.sameAsProfile ?? 'unknown')}>
      <StatusIndicator type={k.sameAsProfile ? 'success' : 'info'}>
        <span style={WHOLE_WORDS}>
          {who ? <>kubectl signed in as <span className="dg-arn">{who}</span>{k.username && k.username !== who ? ` (Kubernetes user ${k.username})` : ''}{k.sameAsProfile ? ` — that is ${v.profile}` : ''}</> : `kubectl could not sign in: ${k.error ?? 'no identity'}`}
        </span>
      </StatusIndicator>
    </div>
  );
}

export function VerificationResult({ v }: { v: VerificationView }) {
  return (
    <SpaceBetween size="s">
      <div data-testid="verify-result" data-ok={String(v.ok)} data-outcome={v.outcome ?? 'NONE'}>
        <StatusIndicator type={v.ok ? 'success' : 'error'}>
          {v.ok ? `${v.profile} gets in` : v.kubectlIdentity?.sameAsProfile === false && (v.outcome === 'ADMIN' || v.outcome === 'ACCESS') ? `${v.profile} gets in, but kubectl does not use it` : `${v.profile} does not get in yet`}
        </StatusIndicator>
      </div>
      <div data-testid="verify-probe">
        {v.outcome ? (
          <>
            <StatusIndicator type={OK.has(v.outcome) ? 'success' : 'error'}>
              <span style={WHOLE_WORDS}>{probeResultWords({ ...v, outcome: v.outcome }).words}</span>
            </StatusIndicator>
            <Box variant="small" display="block" color="text-body-secondary" data-testid="verify-probe-technical">{probeResultWords({ ...v, outcome: v.outcome }).technical}</Box>
          </>
        ) : (
          <StatusIndicator type="info">{v.message ?? 'Not probed'}</StatusIndicator>
        )}
      </div>
      <KubectlIdentity v={v} />
      {v.kubectl ? (
        <KubectlOutput run={v.kubectl} testId="verify-kubectl" outputTestId="verify-kubectl-output" />
      ) : (
        <Box color="text-body-secondary" data-testid="verify-kubectl-note">{v.kubectlNote}</Box>
      )}
    </SpaceBetween>
  );
}

/** The last step of every wizard: the cell probed again and the real `kubectl get svc` with the user's kubeconfig. */
export function VerifyStep({ profile, clusterArn, clusterName, region, initial, auto, onResult }: Props) {
  const verify = useCall((profile: string, clusterArn: string) => api['cell.verify']({ profile, clusterArn }));
  // When the step opens, unless the previous step already verified.
  const { run: runVerify } = verify;
  const verified = Boolean(initial);
  useEffect(() => {
    if (auto && !verified) void runVerify(profile, clusterArn);
  }, [runVerify, auto, verified, profile, clusterArn]);
  const shown = verify.result ?? initial;
  const passed = Boolean(shown?.ok);
  useEffect(() => onResult?.(passed), [onResult, passed]);
  const { tempDir } = useAppCommands();
  return (
    <StepAction
      commands={verifyCommands(profile, clusterName, region, tempDir)}
      commandsLabel="The same check by hand (it writes a throwaway file: your own kubeconfig stays as it is)"
      action={{ label: shown ? 'Verify again' : 'Verify', onClick: () => void verify.run(profile, clusterArn), loading: verify.running, testId: 'verify-button', primary: !shown }}
      {...(verify.error ? { error: verify.error } : {})}
      errorHeader="The check could not run"
    >
      {shown && <VerificationResult v={shown} />}
    </StepAction>
  );
}
