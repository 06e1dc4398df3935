import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Box, Button, Checkbox, ExpandableSection, Modal, SpaceBetween, Spinner, StatusIndicator } from '@cloudscape-design/components';
import type { DiagnosisFixView, KubeconfigApplyResult, KubeconfigPlanResult } from '../../../shared/diagnosis-types.js';
import type { RequestOf } from '../../../shared/contract.js';
import { kubeconfigFixRequest } from '../../../shared/kubeconfig-fix-request.js';
import { api } from '../api.js';
import { useCall } from '../useCall.js';
import { CommandLine } from './CommandLine.js';
import { KubeconfigPlanPreview } from './KubeconfigPlanPreview.js';
import { KubectlOutput } from './KubectlOutput.js';
import { SaveProfileFirst } from './SaveProfileFirst.js';
import { canKeepCurrentContext, contextLabel } from './kubeconfig-words.js';
import { kubeconfigWriteCommand } from './wording.js';
import { OUTCOME_WORD } from '../matrix/format.js';
import { probeMessageWords } from '../../../shared/network-words.js';

type KubeconfigPlanRequest = RequestOf<'kubeconfig.plan'>;

interface Props {
  fix: DiagnosisFixView;
  clusterArn: string;
  /** Pre-tick "pin the profile" (the fix asks for it, or environment keys override the profile). */
  suggestPin: boolean;
  onClose: () => void;
  /** After an apply or an undo: the diagnosis may have changed. */
  onChanged: () => void;
}

const OK = new Set(['ADMIN', 'ACCESS']);

/** The one-click update-kubeconfig: preview (diff) → Apply → CLI line, backup, re-probe and `kubectl get svc` → Undo. */
export function KubeconfigFixModal({ fix, clusterArn, suggestPin, onClose, onChanged }: Props) {
  const target = fix.kubeconfig!;
  const command = kubeconfigWriteCommand(fix);
  const [pin, setPin] = useState(target.pinProfile || suggestPin);
  const [keep, setKeep] = useState(false);
  const [profileSaved, setProfileSaved] = useState(false);
  const planCall = useCall((req: KubeconfigPlanRequest): Promise<KubeconfigPlanResult> => api['kubeconfig.plan'](req));
  const applyCall = useCall((planId: string): Promise<KubeconfigApplyResult> => api['kubeconfig.apply']({ planId }));
  const undoCall = useCall((undoId: string) => api['kubeconfig.undo']({ undoId }));
  const plan = planCall.result;
  const planning = planCall.running;
  const applied = applyCall.result;
  const undoMessage = undoCall.result?.message;
  const error = undoCall.error ?? applyCall.error ?? planCall.error;

  // By its fields: a diagnosis run again after the apply hands a new fix object, which must not start a new preview.
  const { profile, roleArn, alias, appTokenHelper } = target;
  const request = useMemo(
    () => kubeconfigFixRequest({ profile, roleArn, alias, appTokenHelper, pinProfile: pin }, clusterArn, { keepCurrentContext: keep }),
    [profile, roleArn, alias, appTokenHelper, clusterArn, pin, keep],
  );
  // A new preview replaces the old one and its refusal; nothing is written by then (the checkboxes lock after Apply).
  const { run: runPlan, reset: resetPlan } = planCall;
  const { reset: resetApply } = applyCall;
  const preview = useCallback(() => {
    resetApply();
    resetPlan();
    void runPlan(request);
  }, [resetApply, resetPlan, runPlan, request]);
  // On open, and again when a checkbox changes the request.
  useEffect(() => {
    preview();
  }, [preview]);

  const apply = () => {
    if (plan) void applyCall.run(plan.planId).then((r) => r && onChanged());
  };
  const undo = () => {
    if (applied) void undoCall.run(applied.undoId).then((r) => r && onChanged());
  };

  const stale = error?.code === 'KUBECONFIG_CHANGED' && !applied;
  const footer = (
    <Box float="right">
      <SpaceBetween direction="horizontal" size="xs" alignItems="center">
        {plan?.needsSavedProfile && !profileSaved && !applied && (
          <Box color="text-body-secondary" data-testid="kubeconfig-apply-waits">Apply is possible once step 1 has saved the profile</Box>
        )}
        <Button variant="link" onClick={onClose} data-testid="kubeconfig-close">
          {applied ? 'Close' : 'Cancel'}
        </Button>
        {!applied && (
          <Button
            variant="primary"
            onClick={apply}
            loading={applyCall.running}
            disabled={!plan || planning || stale || !plan.view.changed || (Boolean(plan.needsSavedProfile) && !profileSaved)}
            data-testid="kubeconfig-apply"
          >
            Apply
          </Button>
        )}
        {applied && !undoMessage && (
          <Button onClick={undo} loading={undoCall.running} iconName="undo" data-testid="kubeconfig-undo">
            Undo
          </Button>
        )}
      </SpaceBetween>
    </Box>
  );

  return (
    <Modal visible onDismiss={onClose} size="large" header={fix.title} footer={footer} data-testid="kubeconfig-modal">
      <SpaceBetween size="m">
        <Box color="text-body-secondary">
          Writes the same entries as <code>aws eks update-kubeconfig</code> with profile {target.profile}, after a timestamped backup, and refuses to write if
          the file changed since this preview. The equivalent command:
        </Box>
        {command && <CommandLine command={command} />}
        <Checkbox
          checked={pin}
          disabled={Boolean(applied) || planning}
          onChange={(e) => {
            setPin(e.detail.checked);
          }}
          data-testid="kubeconfig-pin"
        >
          Pin this profile with --profile (so AWS_* keys in your environment cannot override it)
        </Checkbox>
        {plan && canKeepCurrentContext(plan.view, keep) && (
          <Checkbox
            checked={keep}
            disabled={Boolean(applied) || planning}
            onChange={(e) => {
              setKeep(e.detail.checked);
            }}
            data-testid="kubeconfig-keep-current"
          >
            Keep {contextLabel(plan.view.currentContext.before!)} as kubectl's current context (plain kubectl keeps going there; this cluster then needs --context)
          </Checkbox>
        )}

        {planning && (
          <Box data-testid="kubeconfig-planning">
            <Spinner /> Describing the cluster with profile {target.profile} and preparing the preview…
          </Box>
        )}

        {error && (
          <Alert
            type="error"
            header={stale ? 'Not written' : 'The kubeconfig fix failed'}
            data-testid="kubeconfig-error"
            data-code={error.code}
            action={stale ? <Button onClick={preview} data-testid="kubeconfig-repreview">Preview again</Button> : undefined}
          >
            {error.message}
          </Alert>
        )}

        {plan?.needsSavedProfile && !applied && <SaveProfileFirst needs={plan.needsSavedProfile} onSaved={() => setProfileSaved(true)} />}

        {plan && !applied && (
          <KubeconfigPlanPreview
            view={plan.view}
            profile={target.profile}
            nameClass="dg-arn"
            unchanged={<StatusIndicator type="info">The kubeconfig already holds exactly these entries: nothing to write.</StatusIndicator>}
          />
        )}

        {applied && (
          <SpaceBetween size="s">
            <ResultSentence applied={applied} clusterLabel={plan ? contextLabel(plan.view.contextName) : 'the cluster'} profile={target.profile} />
            <ExpandableSection headerText="What was written, and what kubectl printed" data-testid="kubeconfig-details">
              <SpaceBetween size="s">
                <pre className="dg-pre" data-testid="kubeconfig-message">{applied.message}</pre>
                <Box data-testid="kubeconfig-backup">
                  {applied.backupPath ? <>Saved as backup {applied.backupId}: a copy of the previous file is at <span className="dg-arn">{applied.backupPath}</span></> : 'The file did not exist before: Undo removes it.'}
                </Box>
                <div data-testid="kubeconfig-reprobe" data-outcome={applied.reprobe.outcome ?? 'NONE'}>
                  {applied.reprobe.outcome ? (
                    <StatusIndicator type={OK.has(applied.reprobe.outcome) ? 'success' : 'error'}>
                      The app's probe with profile {target.profile}: {OUTCOME_WORD[applied.reprobe.outcome]}
                      {applied.reprobe.username !== undefined ? ` as ${applied.reprobe.username || '(empty)'}` : ''}
                      {applied.reprobe.message ? ` — ${probeMessageWords(applied.reprobe.message).words}` : ''}
                    </StatusIndicator>
                  ) : (
                    <StatusIndicator type="info">{applied.reprobe.message ?? 'Not probed again'}</StatusIndicator>
                  )}
                </div>
                {applied.kubectl ? (
                  <KubectlOutput run={applied.kubectl} testId="kubectl-run" outputTestId="kubectl-output" />
                ) : (
                  <Box color="text-body-secondary" data-testid="kubectl-note">{applied.kubectlNote}</Box>
                )}
              </SpaceBetween>
            </ExpandableSection>
            {undoMessage && (
              <Alert type="success" header="Undone" data-testid="kubeconfig-undone">
                {undoMessage}
              </Alert>
            )}
          </SpaceBetween>
        )}
      </SpaceBetween>
    </Modal>
  );
}

/** The result in one sentence and the next step. */
function ResultSentence({ applied, clusterLabel, profile }: { applied: KubeconfigApplyResult; clusterLabel: string; profile: string }) {
  const kubectlOk = applied.kubectl ? applied.kubectl.exitCode === 0 : applied.reprobe.outcome ? OK.has(applied.reprobe.outcome) : false;
  const [type, sentence, next] = kubectlOk
    ? (['success', `kubectl now gets in to ${clusterLabel} with profile ${profile}.`, 'Nothing else to do; the diagnosis is checked again by itself.'] as const)
    : !applied.kubectl
      ? (['warning', `The entry for ${clusterLabel} is written, but kubectl is not installed here, so it could not be tried.`, 'Next: install kubectl, then run kubectl get svc.'] as const)
      : ([
          'error',
          `The entry for ${clusterLabel} is written, but kubectl is still refused: the entry alone does not fix this.`,
          'Next: close this window and follow the fix the diagnosis now puts first (for example, granting access). Undo puts the file back as it was.',
        ] as const);
  return (
    <Alert type={type} header={<span data-testid="kubeconfig-result">{sentence}</span>} data-testid="kubeconfig-result-alert" data-ok={kubectlOk ? 'true' : 'false'}>
      <Box data-testid="kubeconfig-changed">
        What changed: {applied.message}. {applied.backupPath ? 'Undo puts the previous file back.' : 'The file is new: Undo removes it.'}
      </Box>
      <span data-testid="kubeconfig-next">{next}</span>
    </Alert>
  );
}
