import { useEffect, useState } from 'react';
import { Alert, Box, RadioGroup, SpaceBetween, StatusIndicator } from '@cloudscape-design/components';
import type { CreatorView } from '../../../shared/wizard-types.js';
import { api } from '../api.js';
import { CommandLine } from '../diagnosis/CommandLine.js';
import { KubeconfigStep } from './KubeconfigStep.js';
import { StepAction } from './StepAction.js';
import { useCall } from '../useCall.js';
import { VerifyStep } from './VerifyStep.js';
import { leaveUndo } from './undo-notices.js';
import { WizardModal, type WizardStep } from './WizardModal.js';

interface Props {
  profile: string;
  clusterArn: string;
  onClose: () => void;
  onChanged: () => void;
}

/** "You're the cluster creator": find the creator, pick the profile that is that identity, update kubeconfig, verify. */
export function CreatorWizard({ profile, clusterArn, onClose, onChanged }: Props) {
  const creator = useCall((profile: string, clusterArn: string): Promise<CreatorView> => api['creator.find']({ profile, clusterArn }));
  const [chosen, setChosen] = useState<string | undefined>();
  /** The backup record of the kubeconfig write, while it is in place (closing leaves its undo on the page). */
  const [kubeconfigBackup, setKubeconfigBackup] = useState<string | undefined>();
  const kubeconfigWritten = Boolean(kubeconfigBackup);
  /** The Verify step's check passed: the wizard has nothing left to do. */
  const [verified, setVerified] = useState(false);
  // When the wizard opens (its cell stays the same while it is open).
  const { run: findCreator } = creator;
  useEffect(() => {
    void findCreator(profile, clusterArn).then((c) => c && setChosen(c.profiles[0]?.profile));
  }, [findCreator, profile, clusterArn]);
  const c = creator.result;
  const name = c?.cluster.name ?? '';
  const region = c?.cluster.region ?? '';

  const steps: WizardStep[] = [
    {
      title: 'Find the creator',
      description: 'The identity that created the cluster is its first administrator. The app looks in CloudTrail, the authenticator log and the access entries.',
      blocker: !c ? 'Still looking' : !c.creatorArn ? 'The creator could not be found; the sources below say why' : undefined,
      content: (
        <StepAction {...(creator.error ? { error: creator.error } : {})} errorHeader="The creator could not be looked up">
          {creator.running && !c && <StatusIndicator type="loading">Looking…</StatusIndicator>}
          {c && (
            <SpaceBetween size="s">
              {c.creatorArn ? (
                <Alert type={c.isThisIdentity ? 'success' : 'info'} header="The cluster's creator" data-testid="creator-arn">
                  <span className="wz-arn">{c.creatorArn}</span>
                  {c.isThisIdentity ? ` — that is ${profile}.` : ''}
                </Alert>
              ) : (
                <Alert type="warning" header="No source names the creator for certain" data-testid="creator-unknown">
                  Below is what each source found. CloudTrail keeps 90 days; the authenticator log only what it logged while turned on. To be sure, turn the log on with the logs wizard and have the creator run kubectl once.
                </Alert>
              )}
              <ul className="wz-sources" data-testid="creator-sources">
                {c.sources.map((src) => (
                  <li key={src.source} data-source={src.source} data-found={String(Boolean(src.found))}>
                    <Box fontWeight="bold">{src.label}</Box>
                    {src.found ? (
                      <StatusIndicator type="success">
                        <span className="wz-arn">{src.found}</span>
                      </StatusIndicator>
                    ) : (
                      <span className="wz-words">
                        <StatusIndicator type="info">{src.note ?? (c.creatorArn ? 'Not needed: another source answered' : 'Nothing found')}</StatusIndicator>
                      </span>
                    )}
                    <CommandLine command={src.command} />
                  </li>
                ))}
              </ul>
            </SpaceBetween>
          )}
        </StepAction>
      ),
    },
    {
      title: "Pick the creator's profile",
      description: 'kubectl must sign in as the creator. Pick the profile of yours that is that identity.',
      blocker: !chosen ? 'Choose the creator\u2019s profile (or add one as shown)' : undefined,
      content: c && (
        <SpaceBetween size="m">
          {c.profiles.length > 0 ? (
            <RadioGroup value={chosen ?? null} onChange={(e) => setChosen(e.detail.value)} items={c.profiles.map((p) => ({ value: p.profile, label: p.profile, description: `${p.canonicalArn ?? ''}${p.outcome ? ` — matrix: ${p.outcome}` : ''}` }))} data-testid="creator-profiles" />
          ) : (
            <Alert type="info" header="None of your profiles is the creator" data-testid="creator-no-profile">
              <SpaceBetween size="xs">
                <Box>{c.makeProfile?.title ?? 'Ask whoever holds the creator identity to grant you access instead.'}</Box>
                {c.makeProfile && <CommandLine command={c.makeProfile.command} />}
                <Box variant="small">Then scan the matrix again and reopen this wizard.</Box>
              </SpaceBetween>
            </Alert>
          )}
        </SpaceBetween>
      ),
    },
    {
      title: 'Update your kubeconfig',
      description: `Writes the kubeconfig entry for ${name || 'the cluster'} with the creator's profile, like aws eks update-kubeconfig.`,
      isOptional: true,
      content: chosen && c && <KubeconfigStep profile={chosen} clusterArn={clusterArn} clusterName={name} region={region} onApplied={(r) => { setKubeconfigBackup(r.backupId); onChanged(); }} onUndone={() => { setKubeconfigBackup(undefined); onChanged(); }} />,
    },
    {
      title: 'Verify',
      description: `The app probes the cluster again as ${chosen ?? 'the creator'} and runs the real kubectl get svc with your kubeconfig.`,
      content: chosen && c && <VerifyStep key={`${chosen}:${kubeconfigWritten}`} profile={chosen} clusterArn={clusterArn} clusterName={name} region={region} auto onResult={setVerified} />,
    },
  ];
  const close = () => {
    if (kubeconfigBackup && chosen) leaveUndo({ backupId: kubeconfigBackup, what: 'the kubeconfig change', done: `Your kubeconfig's entry for ${name} now signs in with profile ${chosen}.` });
    onClose();
  };
  return <WizardModal title="Use the cluster creator's identity" steps={steps} onClose={close} testId="creator-wizard" changed={kubeconfigWritten} finished={verified} />;
}
