import { useEffect, useState } from 'react';
import { Alert, Box, Button, Checkbox, StatusIndicator } from '@cloudscape-design/components';
import type { KubeconfigApplyResult, KubeconfigPlanResult, KubeconfigUndoResult } from '../../../shared/diagnosis-types.js';
import { api } from '../api.js';
import { KubeconfigPlanPreview } from '../diagnosis/KubeconfigPlanPreview.js';
import { contextLabel, currentContextSentence } from '../diagnosis/kubeconfig-words.js';
import { shellArg } from '../../../shared/shell-arg.js';
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

/**
 * The step's terminal equivalent. `aws eks update-kubeconfig` always makes the cluster kubectl's current context; when
 * the user keeps theirs, the honest equivalent puts it back after, and the app's own command does both at once.
 */
export function kubeconfigStepCommands(o: { clusterName: string; region: string; profile: string; keepsCurrent?: string | null }): string[] {
  const aws = `aws eks update-kubeconfig --name ${o.clusterName} --region ${o.region} --profile ${o.profile}`;
  if (o.keepsCurrent === undefined) return [aws];
  return [
    `${aws}   # also makes ${o.clusterName} kubectl's current context`,
    o.keepsCurrent ? `kubectl config use-context ${shellArg(o.keepsCurrent)}   # puts your current context back` : 'kubectl config unset current-context   # as it was: none',
    `eks-access-doctor update-kubeconfig --profile ${o.profile} --cluster ${o.clusterName} --region ${o.region} --keep-current-context   # both in one, as the app does it`,
  ];
}

/**
 * update-kubeconfig for the profile inside a wizard: the diff first, then the write (backup, refused if the file
 * changed). kubectl's current context moves only when the user ticks it: plain `kubectl` keeps going where it went.
 */
export function KubeconfigStep({ profile, clusterArn, clusterName, region, onApplied, onUndone }: Props) {
  const [makeCurrent, setMakeCurrent] = useState(false);
  const plan = useCall((profile: string, clusterArn: string, keepCurrentContext: boolean): Promise<KubeconfigPlanResult> => api['kubeconfig.plan']({ profile, clusterArn, keepCurrentContext }));
  const apply = useCall((planId: string): Promise<KubeconfigApplyResult> => api['kubeconfig.apply']({ planId }));
  const undo = useCall((undoId: string): Promise<KubeconfigUndoResult> => api['kubeconfig.undo']({ undoId }));
  // Previewed when the step opens, and again when the profile or the choice of current context changes.
  const { run: runPlan } = plan;
  useEffect(() => {
    void runPlan(profile, clusterArn, !makeCurrent);
  }, [runPlan, profile, clusterArn, makeCurrent]);
  const p = plan.result;
  const done = apply.result;
  // Whether the write could move the current context: it is not this cluster's context already.
  const before = p?.view.currentContext.before;
  const atStake = Boolean(p?.view.changed) && before !== p?.view.contextName;
  return (
    <StepAction
      commands={kubeconfigStepCommands({ clusterName, region, profile, ...(atStake && !makeCurrent ? { keepsCurrent: before ?? null } : {}) })}
      {...(!done && p ? { action: { label: p.view.changed ? 'Write the kubeconfig' : 'Nothing to write', onClick: () => void apply.run(p.planId).then((r) => r && onApplied?.(r)), loading: apply.running, disabled: !p.view.changed, testId: 'wizard-kubeconfig-apply' } } : {})}
      {...(plan.error ?? apply.error ?? undo.error ? { error: (plan.error ?? apply.error ?? undo.error)! } : {})}
      errorHeader="The kubeconfig was not written"
      choices={p && atStake && (
        <Checkbox checked={makeCurrent} onChange={(e) => setMakeCurrent(e.detail.checked)} disabled={Boolean(done) || plan.running} data-testid="wizard-kubeconfig-current">
          Also make plain <code>kubectl</code> use this cluster ({before ? `now it uses ${contextLabel(before)}` : 'now it uses none'})
        </Checkbox>
      )}
    >
      {plan.running && !p && <StatusIndicator type="loading">Preparing the preview with profile {profile}…</StatusIndicator>}
      {apply.error?.code === 'KUBECONFIG_CHANGED' && <Button onClick={() => { apply.reset(); void plan.run(profile, clusterArn, !makeCurrent); }} data-testid="wizard-kubeconfig-repreview">Preview again</Button>}
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
          kubectl's entry for {clusterName} now signs in with profile {profile}. {done.message}.{' '}
          {p && <span data-testid="wizard-kubeconfig-current-after">{currentContextSentence(p.view)}</span>}
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
