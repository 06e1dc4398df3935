import { useEffect, useMemo, useState } from 'react';
import { Alert, Box, Button, FormField, Modal, Select, SpaceBetween, Spinner, StatusIndicator } from '@cloudscape-design/components';
import type { KubectlContextView } from '../../../shared/contexts-types.js';
import { api } from '../api.js';
import { useCall } from '../useCall.js';
import { DiffView } from '../diagnosis/DiffView.js';
import { clusterWords, outcomeWords } from './format.js';
import { outcomeWorks } from '../../../shared/matrix-types.js';
import { kubeconfigBackupWords } from '../../../shared/backup-words.js';
import { matrixKnowledge, preferredProfile, standingsOn } from './profile-standing.js';
import { ProfileChoiceWarning, ProfileStandingLine } from './ProfileChoiceWarning.js';
import { lastCheckedContexts } from './checked-contexts.js';

interface Props {
  /** The context to start with (a failing context's button); else the current one. */
  initialContext?: string;
  /** The profile to start with (verification: the profile that was fixed). */
  initialProfile?: string;
  /** The contexts the Your kubectl page has checked (else its last checks, if it made any): what each context's own profile got on its cluster. */
  checked?: KubectlContextView[];
  onClose: () => void;
  /** The kubeconfig was written or restored. */
  onChanged: () => void;
}

/** The cluster's name, and the context's own name when it is not the ARN update-kubeconfig writes. */
function contextLabel(c: KubectlContextView): string {
  return !c.clusterName ? c.name : c.name === c.clusterArn ? c.clusterName : `${c.clusterName} (${c.name})`;
}

/**
 * "Use with kubectl": a cluster context and the AWS profile it should run as → preview of the kubeconfig change →
 * write with a backup → who kubectl signs in as now → undo. The AWS config is never touched.
 */
export function UseWithKubectlModal({ initialContext, initialProfile, checked: checkedByPage, onClose, onChanged }: Props) {
  const [checked] = useState(() => checkedByPage ?? lastCheckedContexts());
  const [context, setContext] = useState<string | undefined>(initialContext);
  const [profile, setProfile] = useState<string | undefined>(initialProfile);
  // A profile the window chose itself is chosen again for another cluster; one the person chose is kept.
  const [autoPicked, setAutoPicked] = useState(false);
  const [acceptedRisk, setAcceptedRisk] = useState(false);
  const contextsCall = useCall(() => api['contexts.list']({ check: false }));
  const profilesCall = useCall(() => api['profiles.list']({}));
  const matrixCall = useCall(() => api['matrix.snapshot']({}));
  const planCall = useCall((context: string, profile: string) => api['contexts.usePlan']({ context, profile }));
  const applyCall = useCall((planId: string) => api['contexts.useApply']({ planId }));
  const undoCall = useCall((undoId: string) => api['contexts.useUndo']({ undoId }));
  const contexts = contextsCall.result?.contexts.filter((c) => c.eks);
  const profileViews = useMemo(() => (profilesCall.result?.profiles ?? []).filter((p) => p.type !== 'environment'), [profilesCall.result]);
  const profiles = profileViews.map((p) => p.name);
  const plan = planCall.result;
  const applied = applyCall.result;
  const undone = undoCall.result?.message;
  const busy = planCall.running || applyCall.running || undoCall.running;
  const error = undoCall.error ?? applyCall.error ?? planCall.error ?? contextsCall.error;

  const { run: listContexts } = contextsCall;
  const { run: listProfiles } = profilesCall;
  const { run: readMatrix } = matrixCall;
  useEffect(() => {
    void readMatrix();
    void listContexts().then((r) => {
      const eks = r?.contexts.filter((c) => c.eks) ?? [];
      setContext((prev) => prev ?? eks.find((c) => c.current)?.name ?? eks[0]?.name);
    });
    void listProfiles();
  }, [listContexts, listProfiles, readMatrix]);

  const chosen = contexts?.find((c) => c.name === context);
  const matrix = matrixCall.result;
  const standings = useMemo(() => standingsOn(chosen?.clusterArn, profileViews, matrix, checked), [chosen?.clusterArn, profileViews, matrix, checked]);
  const knowledge = matrixKnowledge(chosen?.clusterArn, matrix);
  const todayProfile = chosen?.credential.profile;
  const preferred = preferredProfile(todayProfile, standings);
  const written = Boolean(applied);
  // Offer a profile known to work here (the context's own when it works); never a risky one by default.
  const loaded = Boolean(matrixCall.result ?? matrixCall.error) && Boolean(profilesCall.result);
  useEffect(() => {
    if (written || !loaded || !chosen || !(profile === undefined || autoPicked)) return;
    if (preferred !== profile) {
      setProfile(preferred);
      setAutoPicked(preferred !== undefined);
    }
  }, [written, loaded, chosen, profile, autoPicked, preferred]);

  // A new choice previews again (and forgets the refusal of the last write); after the write the choice is locked.
  const { run: runPlan, reset: resetPlan } = planCall;
  const { reset: resetApply } = applyCall;
  useEffect(() => {
    setAcceptedRisk(false);
    if (!context || !profile || written) return;
    resetApply();
    resetPlan();
    void runPlan(context, profile);
  }, [context, profile, written, runPlan, resetPlan, resetApply]);

  const apply = () => {
    if (plan) void applyCall.run(plan.planId).then((r) => r && onChanged());
  };
  const undo = () => {
    if (applied) void undoCall.run(applied.undoId).then((r) => r && onChanged());
  };

  const standing = profile ? standings.get(profile) : undefined;
  const risky = standing?.kind === 'fails' && !(plan && !plan.changed);
  const footer = (
    <Box float="right">
      <SpaceBetween direction="horizontal" size="xs">
        <Button variant="link" onClick={onClose} data-testid="use-close">{applied ? 'Close' : 'Cancel'}</Button>
        {!applied && (
          <Button
            variant={risky ? 'normal' : 'primary'}
            onClick={apply}
            loading={applyCall.running}
            disabled={!plan || !plan.changed || busy || (risky && !acceptedRisk)}
            data-testid="use-apply"
          >
            {risky ? 'Write it anyway' : 'Write it to the kubeconfig'}
          </Button>
        )}
        {applied && !undone && (
          <Button iconName="undo" onClick={undo} loading={undoCall.running} data-testid="use-undo">Undo</Button>
        )}
      </SpaceBetween>
    </Box>
  );

  return (
    <Modal visible onDismiss={onClose} size="large" header="Use a profile with kubectl" footer={footer} data-testid="use-modal">
      <SpaceBetween size="m">
        <Box variant="p">
          Pick a cluster and the AWS profile kubectl should sign in with there. The app changes only kubectl's entry for that cluster in your
          kubeconfig (with a backup you can undo). <strong>It never edits your AWS config for this.</strong>
        </Box>
        <SpaceBetween direction="horizontal" size="l">
          <FormField label="Cluster (kubectl context)">
            <Select
              data-testid="use-context"
              placeholder={contexts ? (contexts.length ? 'Choose a cluster' : 'kubectl has no EKS clusters yet') : 'Loading…'}
              disabled={Boolean(applied) || !contexts?.length}
              selectedOption={chosen ? { value: chosen.name, label: contextLabel(chosen) } : null}
              options={(contexts ?? []).map((c) => ({ value: c.name, label: contextLabel(c), description: `${clusterWords(c)}${c.current ? ' · current' : ''}`, tags: c.credential.profile ? [`now: ${c.credential.profile}`] : [] }))}
              onChange={(e) => setContext(e.detail.selectedOption.value)}
            />
          </FormField>
          <FormField label="AWS profile">
            <Select
              data-testid="use-profile"
              placeholder="Choose a profile"
              disabled={Boolean(applied)}
              selectedOption={profile ? { value: profile, label: profile, description: standings.get(profile)?.words } : null}
              options={profiles.map((p) => ({ value: p, label: p, description: standings.get(p)?.words, tags: p === todayProfile ? ['runs here now'] : [] }))}
              onChange={(e) => {
                setProfile(e.detail.selectedOption.value);
                setAutoPicked(false);
              }}
            />
          </FormField>
        </SpaceBetween>
        {chosen && !applied && !risky && <ProfileStandingLine {...(profile ? { profile } : {})} {...(standing ? { standing } : {})} knowledge={knowledge} switching={profile !== todayProfile} />}
        {risky && profile && standing && chosen && !applied && (
          <ProfileChoiceWarning
            cluster={chosen.clusterName ?? chosen.name}
            profile={profile}
            standing={standing}
            {...(todayProfile && standings.get(todayProfile) ? { today: { profile: todayProfile, standing: standings.get(todayProfile)! } } : {})}
            {...(preferred && preferred !== profile ? { alternative: preferred } : {})}
            onChooseAlternative={(p) => {
              setProfile(p);
              setAutoPicked(false);
            }}
            accepted={acceptedRisk}
            onAccept={setAcceptedRisk}
          />
        )}
        {planCall.running && (
          <Box><Spinner /> Preparing the preview…</Box>
        )}
        {error && (
          <Alert type="error" header="Nothing was changed" data-testid="use-error" data-code={error.code}>{error.message}</Alert>
        )}
        {plan && !applied && (
          <SpaceBetween size="s">
            <Box variant="p" data-testid="use-summary">{plan.summary}</Box>
            {plan.changed && plan.relaidOutNote && <Box variant="small" data-testid="use-relaid">{plan.relaidOutNote}</Box>}
            {plan.changed ? <DiffView diff={plan.diff} /> : <StatusIndicator type="info">This context already runs as {plan.profile}: nothing to write.</StatusIndicator>}
            <Box variant="h4">{plan.terminalTitle}</Box>
            <pre className="dg-pre" data-testid="use-terminal">{plan.terminal}</pre>
          </SpaceBetween>
        )}
        {applied && (
          <SpaceBetween size="s">
            {!undone && <Alert type="success" header={applied.message} data-testid="use-applied">
              {applied.backupPath ? (
                <>
                  Saved as backup {applied.backupId}: a copy of the previous file is at <span className="dg-arn">{applied.backupPath}</span>
                </>
              ) : (
                `Saved as ${kubeconfigBackupWords(applied.backupId, null)}.`
              )}
            </Alert>}
            {!undone && (
              <div data-testid="use-after" data-outcome={applied.after.outcome ?? 'NONE'}>
                <StatusIndicator type={outcomeWorks(applied.after.outcome) ? 'success' : 'error'}>
                  kubectl now signs in as {applied.after.identityArn ?? 'no identity'}: {outcomeWords(applied.after)}
                </StatusIndicator>
              </div>
            )}
            {undone && (
              <Alert type="info" header={`Undone: kubectl runs as ${todayProfile ?? 'it did before'} again on ${chosen?.clusterName ?? context}`} data-testid="use-undone">
                {undone}
              </Alert>
            )}
          </SpaceBetween>
        )}
      </SpaceBetween>
    </Modal>
  );
}
