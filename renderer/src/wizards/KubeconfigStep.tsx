import { useEffect } from 'react';
import { Alert, Box, Button, StatusIndicator } from '@cloudscape-design/components';
import type { KubeconfigApplyResult, KubeconfigPlanResult, KubeconfigUndoResult } from '../../../shared/diagnosis-types.js';
import { api } from '../api.js';
import { KubeconfigPlanPreview } from '../diagnosis/KubeconfigPlanPreview.js';
import { StepAction } from './StepAction.js';
import { useCall } from '../useCall.js';

interface Props {
  profile: string;
  clusterArn: string;
  clusterName: string;
  region: string;
  onApplied?: (r: KubeconfigApplyResult) => void;
  /** The write was undone: the kubeconfig is as it was. */
  onUndone?: () => void;
}

/** update-kubeconfig for the profile inside a wizard: the diff first, then the write (backup, refused if the file changed). */
export function KubeconfigStep({ profile, clusterArn, clusterName, region, onApplied, onUndone }: Props) {
  const plan = useCall((profile: string, clusterArn: string): Promise<KubeconfigPlanResult> => api['kubeconfig.plan']({ profile, clusterArn }));
  const apply = useCall((planId: string): Promise<KubeconfigApplyResult> => api['kubeconfig.apply']({ planId }));
  const undo = useCall((undoId: string): Promise<KubeconfigUndoResult> => api['kubeconfig.undo']({ undoId }));
  // Previewed when the step opens, and again when the profile changes.
  const { run: runPlan } = plan;
  useEffect(() => {
    void runPlan(profile, clusterArn);
  }, [runPlan, profile, clusterArn]);
  const p = plan.result;
  const done = apply.result;
  return (
    <StepAction
      commands={[`aws eks update-kubeconfig --name ${clusterName} --region ${region} --profile ${profile}`]}
      {...(!done && p ? { action: { label: p.view.changed ? 'Write the kubeconfig' : 'Nothing to write', onClick: () => void apply.run(p.planId).then((r) => r && onApplied?.(r)), loading: apply.running, disabled: !p.view.changed, testId: 'wizard-kubeconfig-apply' } } : {})}
      {...(plan.error ?? apply.error ?? undo.error ? { error: (plan.error ?? apply.error ?? undo.error)! } : {})}
      errorHeader="The kubeconfig was not written"
    >
      {plan.running && !p && <StatusIndicator type="loading">Preparing the preview with profile {profile}…</StatusIndicator>}
      {apply.error?.code === 'KUBECONFIG_CHANGED' && <Button onClick={() => { apply.reset(); void plan.run(profile, clusterArn); }} data-testid="wizard-kubeconfig-repreview">Preview again</Button>}
      {p && !done && (
        <KubeconfigPlanPreview
          view={p.view}
          nameClass="wz-arn"
          profile={profile}
          unchanged={<StatusIndicator type="success">Your kubeconfig already uses {profile} for this cluster: nothing to write — go on to Verify.</StatusIndicator>}
        />
      )}
      {done && !undo.result && (
        <Alert
          type="success"
          header="Kubeconfig updated"
          data-testid="wizard-kubeconfig-done"
          action={
            <Button iconName="undo" onClick={() => void undo.run(done.undoId).then((r) => r && onUndone?.())} loading={undo.running} data-testid="wizard-kubeconfig-undo">
              Undo
            </Button>
          }
        >
          kubectl now signs in to {clusterName} with profile {profile}. {done.message}.
          <Box variant="small" color="text-body-secondary">
            {done.backupPath ? `Undo puts back the previous file, kept in ${done.backupPath}.` : 'The file is new: Undo removes it.'}
          </Box>
        </Alert>
      )}
      {undo.result && (
        <Alert type="success" header="Undone" data-testid="wizard-kubeconfig-undone">
          {undo.result.message}. Your kubeconfig is as it was before this step.
        </Alert>
      )}
    </StepAction>
  );
}
