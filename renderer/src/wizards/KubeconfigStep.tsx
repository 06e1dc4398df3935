import { useEffect } from 'react';
import { Box, Button, StatusIndicator } from '@cloudscape-design/components';
import type { KubeconfigApplyResult, KubeconfigPlanResult } from '../../../shared/diagnosis-types.js';
import { api } from '../api.js';
import { KubeconfigPlanPreview } from '../diagnosis/KubeconfigPlanPreview.js';
import { StepAction } from './StepAction.js';
import { useCall } from './useCall.js';

interface Props {
  profile: string;
  clusterArn: string;
  clusterName: string;
  region: string;
  onApplied?: (r: KubeconfigApplyResult) => void;
}

/** update-kubeconfig for the profile inside a wizard: the diff first, then the write (backup, refused if the file changed). */
export function KubeconfigStep({ profile, clusterArn, clusterName, region, onApplied }: Props) {
  const plan = useCall((): Promise<KubeconfigPlanResult> => api['kubeconfig.plan']({ profile, clusterArn }));
  const apply = useCall((planId: string): Promise<KubeconfigApplyResult> => api['kubeconfig.apply']({ planId }));
  useEffect(() => {
    void plan.run();
    // Re-previewed when the profile changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [profile, clusterArn]);
  const p = plan.result;
  const done = apply.result;
  return (
    <StepAction
      commands={[`aws eks update-kubeconfig --name ${clusterName} --region ${region} --profile ${profile}`]}
      {...(!done && p ? { action: { label: p.view.changed ? 'Write the kubeconfig' : 'Nothing to write', onClick: () => void apply.run(p.planId).then((r) => r && onApplied?.(r)), loading: apply.running, disabled: !p.view.changed, testId: 'wizard-kubeconfig-apply' } } : {})}
      {...(plan.error ?? apply.error ? { error: (plan.error ?? apply.error)! } : {})}
      errorHeader="The kubeconfig was not written"
    >
      {plan.running && !p && <StatusIndicator type="loading">Preparing the preview with profile {profile}…</StatusIndicator>}
      {apply.error?.code === 'KUBECONFIG_CHANGED' && <Button onClick={() => { apply.reset(); void plan.run(); }} data-testid="wizard-kubeconfig-repreview">Preview again</Button>}
      {p && !done && (
        <KubeconfigPlanPreview
          view={p.view}
          nameClass="wz-arn"
          profile={profile}
          unchanged={<StatusIndicator type="success">Your kubeconfig already uses {profile} for this cluster: nothing to write — go on to Verify.</StatusIndicator>}
        />
      )}
      {done && (
        <div data-testid="wizard-kubeconfig-done">
          <StatusIndicator type="success">{done.message}</StatusIndicator>
          <Box variant="small" color="text-body-secondary">{done.backupPath ? `Backup of the previous file: ${done.backupPath}` : 'The file is new.'}</Box>
        </div>
      )}
    </StepAction>
  );
}
