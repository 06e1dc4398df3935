import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Link, SpaceBetween, Spinner } from '@cloudscape-design/components';
import type { DiagnosisFixView, DiagnosisView } from '../../../shared/diagnosis-types.js';
import { api } from '../api.js';
import { downloadText } from '../matrix/download.js';
import { useCall } from '../useCall.js';
import { Answer } from './Answer.js';
import { DiagnosisDetails } from './DiagnosisDetails.js';
import { KubeconfigFixModal } from './KubeconfigFixModal.js';
import { useDiagnosis, useElapsed } from './useDiagnosis.js';
import { type WizardName } from './GuidedHelp.js';
import { AWS_ARTICLE } from './wording.js';
import { AskAdminWizard } from '../wizards/AskAdminWizard.js';
import { CreatorWizard } from '../wizards/CreatorWizard.js';
import { GrantWizard } from '../wizards/GrantWizard.js';
import { LogsWizard } from '../wizards/LogsWizard.js';
import './diagnosis.css';

interface Props {
  profile: string;
  clusterArn: string;
}

const GATHERING = 'Checking the profile, who else gets in, what kubectl really uses (running its token helper), the kubeconfig entry, access entries, aws-auth, the authenticator log and who created the cluster…';

/**
 * The cell's diagnosis, answer first: what is wrong, why, and the fix to try first; the evidence, other causes,
 * unknowns and the creator in collapsed sections below. A change made through a fix re-diagnoses by itself, and
 * the old answer is shown only greyed and labelled as such until the new one is there.
 */
export function DiagnosisPanel({ profile, clusterArn }: Props) {
  const { state, run } = useDiagnosis(profile, clusterArn);
  const elapsed = useElapsed(state.status === 'running' ? state.startedAt : undefined);
  // Hooks first: every render calls the same ones, whatever the state.
  const [fix, setFix] = useState<DiagnosisFixView | undefined>();
  const exportCall = useCall((profile: string, clusterArn: string) => api['report.export']({ profile, clusterArn }));
  const [grant, setGrant] = useState<DiagnosisFixView | undefined>();
  const [wizard, setWizard] = useState<WizardName | undefined>();
  const [profileNames, setProfileNames] = useState<string[]>([]);
  const changed = useRef(false);
  const openWizard = (name: WizardName) => {
    if (name === 'logs' && profileNames.length === 0) {
      void api['profiles.list']({}).then((r) => setProfileNames(r.profiles.map((p) => p.name)), () => setProfileNames([profile]));
    }
    setWizard(name);
  };
  // A fix wrote something (kubeconfig, aws-auth, an access entry): the answer may no longer hold — check again now,
  // and once more when its window closes (after its verification).
  const onChanged = () => {
    changed.current = true;
    void run();
  };
  const closed = (close: () => void) => () => {
    close();
    if (changed.current) {
      changed.current = false;
      void run();
    }
  };

  useEffect(() => {
    void run();
  }, [run]);

  const view: DiagnosisView | undefined = state.status === 'done' ? state.view : state.status === 'running' ? state.previous : undefined;
  const rechecking = state.status === 'running' && Boolean(state.previous);

  const exportReport = () => void exportCall.run(profile, clusterArn).then((r) => r && downloadText(r.filename, r.mimeType, r.content));

  let body: React.ReactNode;
  if (state.status === 'error') {
    body = (
      <Alert type="error" header="The diagnosis failed" data-testid="diagnosis-error" action={<Button onClick={() => void run()}>Try again</Button>}>
        {state.message}
      </Alert>
    );
  } else if (!view) {
    body = (
      <div data-testid="diagnosis-running">
        <Box>
          <Spinner /> Diagnosing {profile} on this cluster… {elapsed > 0 ? `${elapsed} s` : ''}
        </Box>
        <Box variant="small" color="text-body-secondary">{GATHERING}</Box>
      </div>
    );
  } else {
    const d = view.diagnosis;
    const [primary] = d.causes;
    body = (
      <div data-testid="diagnosis" data-outcome={d.outcome} data-stale={rechecking ? 'true' : 'false'}>
        <SpaceBetween size="m">
          {rechecking && (
            <Alert type="info" data-testid="diagnosis-rechecking">
              <Spinner /> You changed something: diagnosing again… The answer below is the old one.
            </Alert>
          )}
          <div className={rechecking ? 'dg-old' : undefined}>
            {primary && <Answer cause={primary} fixes={rechecking ? [] : d.fixes} onKubeconfigFix={setFix} onGrant={setGrant} />}
          </div>
          <DiagnosisDetails view={view} onOpenWizard={openWizard} />
          <SpaceBetween direction="horizontal" size="xs" alignItems="center">
            <Button
              iconName="download"
              onClick={exportReport}
              loading={exportCall.running}
              disabled={rechecking}
              disabledReason="The report waits for the new diagnosis."
              data-testid="export-report"
            >
              Export report
            </Button>
            <Button iconName="refresh" onClick={() => void run()} loading={state.status === 'running'} data-testid="diagnosis-again">
              Diagnose again
            </Button>
          </SpaceBetween>
          <Box variant="small" color="text-body-secondary" data-testid="diagnosis-article">
            Diagnosed in {(view.elapsedMs / 1000).toFixed(1)} s, following the {AWS_ARTICLE.source} article{' '}
            <Link href={AWS_ARTICLE.url} external fontSize="body-s">
              {AWS_ARTICLE.title}
            </Link>
            . The exported report masks secret keys and tokens.
          </Box>
          {exportCall.error && <Alert type="error" header="Export failed">{exportCall.error.message}</Alert>}
        </SpaceBetween>
      </div>
    );
  }

  const d = view?.diagnosis;
  return (
    <>
      {body}
      {grant && (
        <GrantWizard
          profile={profile}
          clusterArn={clusterArn}
          fix={grant}
          onClose={closed(() => setGrant(undefined))}
          onChanged={onChanged}
          onAskAdmin={() => {
            setGrant(undefined);
            setWizard('ask-admin');
          }}
        />
      )}
      {wizard === 'creator' && <CreatorWizard profile={profile} clusterArn={clusterArn} onClose={closed(() => setWizard(undefined))} onChanged={onChanged} />}
      {wizard === 'ask-admin' && <AskAdminWizard profile={profile} clusterArn={clusterArn} onClose={() => setWizard(undefined)} />}
      {wizard === 'logs' && (
        <LogsWizard
          profiles={profileNames.length ? profileNames : [profile]}
          defaultProfile={d?.creator.isOneOfYourProfiles ?? profile}
          clusterArn={clusterArn}
          {...(d?.identity ? { identityArn: d.identity.arn } : {})}
          verifyProfile={profile}
          onClose={() => setWizard(undefined)}
        />
      )}
      {fix && view && (
        <KubeconfigFixModal
          fix={fix}
          clusterArn={clusterArn}
          suggestPin={view.kubectl.envOverrides.length > 0}
          onClose={closed(() => setFix(undefined))}
          onChanged={onChanged}
        />
      )}
    </>
  );
}
