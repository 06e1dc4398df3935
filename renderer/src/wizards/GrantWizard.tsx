import { useEffect, useState } from 'react';
import { Alert, Box, Button, RadioGroup, SpaceBetween, StatusIndicator } from '@cloudscape-design/components';
import type { DiagnosisFixView } from '../../../shared/diagnosis-types.js';
import type { GrantApplyResult, GrantOptionsView, GrantPlanView } from '../../../shared/wizard-types.js';
import { api } from '../api.js';
import { authModeWords, grantedArnNote } from '../diagnosis/wording.js';
import { choiceBlocker, GrantChoices, grantedWords, groupsOf, initialChoice, namespacesOf, type GrantChoice } from './GrantChoices.js';
import { GrantPreview } from './GrantPreview.js';
import { KubeconfigStep } from './KubeconfigStep.js';
import { StepAction } from './StepAction.js';
import { leaveUndo } from './undo-notices.js';
import { UndoPreview } from './UndoPreview.js';
import { useAppCommands } from '../app-commands.js';
import { undoCommands } from './undo-commands.js';
import { useCall } from '../useCall.js';
import { VerifyStep } from './VerifyStep.js';
import { WizardModal, type WizardStep } from './WizardModal.js';

interface Props {
  profile: string;
  clusterArn: string;
  fix: DiagnosisFixView;
  onClose: () => void;
  /** Something changed on the cluster or in the kubeconfig: the diagnosis is stale. */
  onChanged: () => void;
  onAskAdmin: () => void;
}

/**
 * "You're not the cluster creator": confirm the identity, pick an admin profile, choose the access (narrowest first)
 * and preview it, grant, update the kubeconfig, verify with the identity that needed access.
 */
export function GrantWizard({ profile, clusterArn, fix, onClose, onChanged, onAskAdmin }: Props) {
  const { cli } = useAppCommands();
  const options = useCall((profile: string, clusterArn: string, fixId: string) => api['grant.options']({ profile, clusterArn, fixId }));
  const plan = useCall((req: Parameters<(typeof api)['grant.plan']>[0]): Promise<GrantPlanView> => api['grant.plan'](req));
  const apply = useCall((planId: string): Promise<GrantApplyResult> => api['grant.apply']({ planId }));
  const restore = useCall((backupId: string) => api['grant.restore']({ backupId }));
  // The undo is previewed first (what it would change now, its commands), then done on the user's word.
  const undoPreview = useCall((backupId: string) => api['backups.preview']({ backupId }));
  const [admin, setAdmin] = useState<string | undefined>();
  const [choice, setChoice] = useState<GrantChoice | undefined>();
  /** The backup record of the kubeconfig write of step 5, while it is in place. */
  const [kubeconfigBackup, setKubeconfigBackup] = useState<string | undefined>();
  const kubeconfigWritten = Boolean(kubeconfigBackup);
  /** The Verify step's check passed: the wizard has nothing left to do. */
  const [verified, setVerified] = useState(false);

  // When the wizard opens (its cell and fix stay the same while it is open).
  const { run: loadOptions } = options;
  const fixId = fix.id;
  useEffect(() => {
    void loadOptions(profile, clusterArn, fixId).then((o) => {
      if (!o) return;
      setAdmin(o.admins.find((a) => !a.cannotGrant)?.profile);
      setChoice(initialChoice(o));
    });
  }, [loadOptions, profile, clusterArn, fixId]);

  const o: GrantOptionsView | undefined = options.result;
  const c = choice;
  const granted = apply.result && !apply.result.failure;
  const change = (next: GrantChoice) => {
    setChoice(next);
    plan.reset();
  };
  const preview = () => {
    if (!o || !c || !admin) return;
    const groups = groupsOf(c);
    void plan.run({
      profile,
      clusterArn,
      fixId: fix.id,
      adminProfile: admin,
      ...(groups ? { groups } : {}),
      ...(o.family === 'access-entry' ? { policy: c.policy as 'AmazonEKSViewPolicy', ...(c.scope === 'namespace' ? { namespaces: namespacesOf(c) } : {}), switchMode: c.switchMode } : {}),
      ...(c.repairInvalid ? { repairInvalid: true } : {}),
    });
  };
  const loading = options.running && !o;
  const clusterName = o?.cluster.name ?? '';
  const region = o?.cluster.region ?? '';
  const backupId = apply.result?.backupId;
  // The steps done, in the preview's plain words when they are the steps previewed (the technical title below).
  const plainDone = plan.result?.steps && plan.result.steps.length === apply.result?.steps.length ? plan.result.steps : undefined;
  const undone = Boolean(restore.result);
  const askUndo = () => void undoPreview.run(backupId!);
  const confirmUndo = () => void restore.run(backupId!).then((r) => r && onChanged());
  // What is still in place when the wizard closes keeps its undo on the page.
  const close = () => {
    if (backupId && !undone) {
      leaveUndo({ backupId, what: 'the grant', done: granted ? `Granted ${profile} access to the cluster ${clusterName}.` : `Part of the grant for ${profile} on the cluster ${clusterName} was written.` });
    }
    if (kubeconfigBackup) leaveUndo({ backupId: kubeconfigBackup, what: 'the kubeconfig change', done: `Your kubeconfig's entry for ${clusterName} now signs in with profile ${profile}.` });
    onClose();
  };

  const steps: WizardStep[] = [
    {
      title: 'Confirm your identity',
      description: 'EKS decides who you are from the IAM identity behind your profile. This is the identity that needs access.',
      blocker: loading ? 'Still loading' : options.error ? 'This fix cannot be done here' : undefined,
      busy: loading,
      content: (
        <StepAction commands={[`aws sts get-caller-identity --profile ${profile}`]} {...(options.error ? { error: options.error } : {})} errorHeader="The grant cannot be prepared">
          {loading && <StatusIndicator type="loading">Reading the diagnosis…</StatusIndicator>}
          {o && (
            <SpaceBetween size="xs">
              <Box>
                Profile <strong>{profile}</strong> is <span className="wz-arn" data-testid="grant-identity">{o.identityArn ?? 'unknown'}</span>
              </Box>
              {o.principalArn && o.principalArn !== o.identityArn && (
                <div data-testid="grant-principal-note" style={{ overflowWrap: 'anywhere' }}>
                  <Box>{grantedArnNote(o.identityArn, o.principalArn).words}</Box>
                  <Box variant="small" color="text-body-secondary">{grantedArnNote(o.identityArn, o.principalArn).technical}</Box>
                </div>
              )}
              <Box>
                Cluster <strong>{o.cluster.name}</strong> ({o.cluster.region}) decides who may sign in from {authModeWords(o.cluster.authenticationMode)}. Fix: {o.title}.
              </Box>
            </SpaceBetween>
          )}
        </StepAction>
      ),
    },
    {
      title: 'Choose who grants',
      description: 'Someone who already administers the cluster must write the grant. Your profiles that can are listed below; one that cannot is greyed out, with the reason.',
      blocker: !admin ? 'Choose a profile that can grant, or ask the cluster admin' : undefined,
      content: o && (
        <StepAction commands={admin ? [`aws sts get-caller-identity --profile ${admin}`] : []}>
          {o.admins.some((a) => !a.cannotGrant) ? (
            <RadioGroup
              value={admin ?? null}
              onChange={(e) => {
                setAdmin(e.detail.value);
                plan.reset();
              }}
              items={o.admins.map((a) => ({ value: a.profile, label: a.profile, description: a.cannotGrant ?? a.why, disabled: Boolean(a.cannotGrant) }))}
              data-testid="grant-admins"
            />
          ) : (
            <Alert type="info" header="No profile of yours can grant access to this cluster" action={<Button onClick={onAskAdmin} data-testid="grant-ask-admin">Ask the cluster admin</Button>} data-testid="grant-no-admin">
              None of your profiles is an administrator of {o.cluster.name}. Send the cluster admin a message with exactly what to run.
            </Alert>
          )}
        </StepAction>
      ),
    },
    {
      title: 'Choose the access and preview it',
      description: 'Give the identity only what it needs. Nothing is written until the next step; the preview shows exactly what will change.',
      blocker: !plan.result ? 'Preview the change first' : plan.result.problems.length ? 'The preview shows why this cannot be done' : undefined,
      busy: plan.running,
      content: o && c && (
        <SpaceBetween size="m">
          <GrantChoices options={o} choice={c} onChange={change} disabled={Boolean(granted)} />
          {choiceBlocker(o, c) && <Box color="text-body-secondary" data-testid="grant-choice-blocker">{choiceBlocker(o, c)}</Box>}
          <StepAction
            action={{ label: plan.result ? 'Preview again' : 'Preview', onClick: preview, loading: plan.running, disabled: Boolean(choiceBlocker(o, c)) || !admin || Boolean(granted), testId: 'grant-preview-button', primary: !plan.result }}
            {...(plan.error ? { error: plan.error } : {})}
            errorHeader="No preview"
          >
            {plan.result && <GrantPreview plan={plan.result} />}
          </StepAction>
        </SpaceBetween>
      ),
    },
    {
      title: 'Grant access',
      description:
        o?.family === 'access-entry'
          ? `Writes the access entry as ${admin ?? 'the admin profile'} through the EKS API, and keeps a record of it so that you can undo the grant.`
          : `Writes the change to the cluster's list of who may sign in (aws-auth) as ${admin ?? 'the admin profile'}. A backup is kept so that you can undo the grant; the change refuses to lock anyone out and keeps a change someone else makes at the same time.`,
      blocker: !granted ? 'Grant the access first (or go back and change the choice)' : undefined,
      busy: apply.running || restore.running,
      content: plan.result && (
        <StepAction
          {...(undone && undoPreview.result ? { commands: undoCommands(undoPreview.result, cli), commandsLabel: 'The undo on the command line' } : { commands: plan.result.commands })}
          {...(!apply.result ? { action: { label: 'Grant access', onClick: () => void apply.run(plan.result!.planId).then((r) => r && onChanged()), loading: apply.running, disabled: plan.result.problems.length > 0, testId: 'grant-apply' } } : {})}
          {...(apply.error ? { error: apply.error } : {})}
          errorHeader="Nothing was granted"
        >
          {apply.result && (
            <SpaceBetween size="s">
              {granted && o && c && !undone && (
                <Alert
                  type="success"
                  header="Access granted"
                  data-testid="grant-done"
                  action={backupId && !undoPreview.result ? (
                    <Button iconName="undo" onClick={askUndo} loading={undoPreview.running} data-testid="grant-restore">
                      Undo this grant
                    </Button>
                  ) : undefined}
                >
                  <span data-testid="grant-done-words">{grantedWords(o, c, profile)}</span> Written as {admin}.{' '}
                  {apply.result.backupId ? 'Undo takes it back (from the backup made before the change).' : ''} Next: update your kubeconfig if needed, then verify.
                </Alert>
              )}
              {undoPreview.result && !undone && (
                <Alert
                  type="info"
                  header="Undo this grant?"
                  data-testid="grant-undo-preview"
                  action={
                    <SpaceBetween direction="horizontal" size="xs">
                      <Button onClick={() => { undoPreview.reset(); restore.reset(); }} disabled={restore.running} data-testid="grant-undo-keep">Keep the grant</Button>
                      <Button variant="primary" iconName="undo" onClick={confirmUndo} loading={restore.running} disabled={undoPreview.result.problems.length > 0} data-testid="grant-restore-confirm">
                        Undo the grant
                      </Button>
                    </SpaceBetween>
                  }
                >
                  <UndoPreview preview={undoPreview.result} />
                </Alert>
              )}
              {undoPreview.error && <Alert type="error" header="The undo cannot be prepared" data-testid="grant-restore-error">{undoPreview.error.message}</Alert>}
              {/* Undone: the grant's own ticks go, so that nothing on the step still reads as granted. */}
              {!undone && (
                <div data-testid="grant-steps">
                  {apply.result.steps.map((s, i) => (
                    <div key={i} data-testid="grant-step" data-ok={String(s.ok)}>
                      <StatusIndicator type={s.ok ? 'success' : 'error'}>
                        <span className="wz-words" data-testid="grant-step-title">{plainDone?.[i]?.words ?? s.title}</span>
                      </StatusIndicator>{' '}
                      <Box variant="small" display="inline">{s.message}</Box>
                      {plainDone && <Box variant="small" display="block" color="text-body-secondary">{s.title}</Box>}
                    </div>
                  ))}
                </div>
              )}
              {apply.result.failure && !undone && <Alert type="error" header="The grant did not complete" data-testid="grant-failure">{apply.result.failure}</Alert>}
              {apply.result.backupPath && !undone && (
                <Box variant="small" color="text-body-secondary" data-testid="grant-backup">
                  The backup of what this grant changed is kept in <span className="wz-arn">{apply.result.backupPath}</span>
                </Box>
              )}
              {backupId && !granted && !undone && !undoPreview.result && (
                <Box>
                  <Button iconName="undo" onClick={askUndo} loading={undoPreview.running} data-testid="grant-restore">
                    Undo this grant (restore from the backup)
                  </Button>
                </Box>
              )}
              {restore.result && (
                <Alert type="info" header="Grant undone" data-testid="grant-restored">
                  {restore.result.message.replace(/\.?$/, '.')} The cluster is as it was before this grant; Verify checks again.
                </Alert>
              )}
              {restore.error && <Alert type="error" header="Not restored" data-testid="grant-restore-error">{restore.error.message}</Alert>}
            </SpaceBetween>
          )}
        </StepAction>
      ),
    },
    {
      title: 'Update your kubeconfig',
      description: `So that kubectl signs in as ${profile}. Skip this if your kubeconfig already uses this profile for the cluster.`,
      isOptional: true,
      content: o && <KubeconfigStep profile={profile} clusterArn={clusterArn} clusterName={clusterName} region={region} onApplied={(r) => { setKubeconfigBackup(r.backupId); onChanged(); }} onUndone={() => { setKubeconfigBackup(undefined); onChanged(); }} />,
    },
    {
      title: 'Verify',
      description: `The app probes the cluster again as ${profile} and runs the real kubectl get svc with your kubeconfig.`,
      // The check made right after the grant holds until the kubeconfig is written or the grant undone: then it checks again.
      content: o && <VerifyStep key={`${kubeconfigWritten}-${Boolean(restore.result)}`} profile={profile} clusterArn={clusterArn} clusterName={clusterName} region={region} {...(apply.result && !kubeconfigWritten && !restore.result ? { initial: apply.result.verification } : {})} auto onResult={setVerified} />,
    },
  ];
  return <WizardModal title={`Grant access: ${fix.title}`} steps={steps} onClose={close} testId="grant-wizard" changed={Boolean(apply.result) || kubeconfigWritten} finished={verified} />;
}
