import { useEffect, useState } from 'react';
import { Alert, Box, Button, Container, ExpandableSection, Header, SpaceBetween, Spinner, StatusIndicator } from '@cloudscape-design/components';
import { CAUSE_CODES, causeInfo, type CauseCode } from '../../../shared/causes.js';
import type { DiagnosisCauseView, DiagnosisFixView, DiagnosisView } from '../../../shared/diagnosis-types.js';
import { api } from '../api.js';
import { downloadText } from '../matrix/download.js';
import { FixList } from './FixList.js';
import { IdentityCompare } from './IdentityCompare.js';
import { KubeconfigFixModal } from './KubeconfigFixModal.js';
import { useDiagnosis, useElapsed } from './useDiagnosis.js';
import { GuidedHelp, type WizardName } from './GuidedHelp.js';
import { AskAdminWizard } from '../wizards/AskAdminWizard.js';
import { CreatorWizard } from '../wizards/CreatorWizard.js';
import { GrantWizard } from '../wizards/GrantWizard.js';
import { LogsWizard } from '../wizards/LogsWizard.js';
import './diagnosis.css';

interface Props {
  profile: string;
  clusterArn: string;
}

const GATHERING = 'Checking the profile, the matrix row for this cluster, what kubectl really presents (running its token helper), the kubeconfig entry against DescribeCluster, access entries, aws-auth, the authenticator logs and the creator…';

function catalogueTitle(code: string): string | undefined {
  return (CAUSE_CODES as readonly string[]).includes(code) ? causeInfo(code as CauseCode).title : undefined;
}

function EvidenceList({ lines, testId }: { lines: string[]; testId?: string }) {
  return (
    <ul className="dg-evidence" data-testid={testId}>
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}

function Headline({ cause, outcome }: { cause: DiagnosisCauseView; outcome: string }) {
  const plain = catalogueTitle(cause.code) ?? cause.title;
  const ok = cause.code === 'OK';
  // The app's probe uses the cluster's real endpoint and the profile itself; kubectl may still fail.
  const probeOk = outcome === 'ADMIN' || outcome === 'ACCESS';
  return (
    <Alert type={ok ? 'success' : 'error'} header={<span data-testid="diagnosis-headline" data-code={cause.code}>{plain}</span>} data-testid="primary-cause">
      <SpaceBetween size="xs">
        {cause.title !== plain && <Box fontWeight="bold">{cause.title}</Box>}
        {!ok && probeOk && (
          <Box variant="p" data-testid="probe-ok-note">
            <strong>The app's own probe gets in with this profile</strong>, so the profile and the cluster's access are fine — what fails is what
            kubectl uses.
          </Box>
        )}
        <Box variant="p" data-testid="primary-detail">{cause.detail}</Box>
        {cause.explanation && <Box variant="p" color="text-body-secondary">{cause.explanation}</Box>}
        <ExpandableSection headerText={`Why we think so (${cause.evidence.length})`} variant="footer" data-testid="primary-evidence-section">
          <EvidenceList lines={cause.evidence} testId="primary-evidence" />
        </ExpandableSection>
        <span className="dg-headline-code">{cause.code}</span>
      </SpaceBetween>
    </Alert>
  );
}

function Creator({ view }: { view: DiagnosisView }) {
  const cr = view.diagnosis.creator;
  // The article's two branches: the creator grants access to others; anyone else asks the creator or an admin.
  const [type, label, text] =
    cr.isThisIdentity === true
      ? (['success', 'You created this cluster', `This identity${cr.arn ? ` (${cr.arn})` : ''} got administrator access when the cluster was made, so it is the one to grant access to others.`] as const)
      : cr.isThisIdentity === false
        ? ([
            'info',
            'You are not the cluster creator',
            `The creator is ${cr.arn ?? 'unknown'}${cr.isOneOfYourProfiles ? ` — your profile ${cr.isOneOfYourProfiles}: use it to grant this identity access.` : '. Ask them or a cluster administrator to grant this identity access.'}`,
          ] as const)
        : (['pending', 'Not known whether you created the cluster', `${cr.arn ? `The creator is ${cr.arn}. ` : ''}See "Not known yet" for how to find out.`] as const);
  return (
    <SpaceBetween size="xxs">
      <StatusIndicator type={type}>{label}</StatusIndicator>
      <Box variant="p" data-testid="creator-detail">{text}</Box>
    </SpaceBetween>
  );
}

/** The cell's diagnosis: headline cause, creator, unknowns, other causes, evidence, kubectl vs app, fixes, export. */
export function DiagnosisPanel({ profile, clusterArn }: Props) {
  const { state, run } = useDiagnosis(profile, clusterArn);
  const elapsed = useElapsed(state.status === 'running' ? state.startedAt : undefined);
  // Hooks first: every render calls the same ones, whatever the state.
  const [fix, setFix] = useState<DiagnosisFixView | undefined>();
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | undefined>();
  const [stale, setStale] = useState(false);
  const [grant, setGrant] = useState<DiagnosisFixView | undefined>();
  const [wizard, setWizard] = useState<WizardName | undefined>();
  const [profileNames, setProfileNames] = useState<string[]>([]);
  const openWizard = (name: WizardName) => {
    if (name === 'logs' && profileNames.length === 0) {
      void api['profiles.list']({}).then((r) => setProfileNames(r.profiles.map((p) => p.name)), () => setProfileNames([profile]));
    }
    setWizard(name);
  };

  useEffect(() => {
    void run();
  }, [run]);

  if (state.status === 'idle' || state.status === 'running') {
    return (
      <div data-testid="diagnosis-running">
        <Box>
          <Spinner /> Diagnosing {profile} on this cluster… {elapsed > 0 ? `${elapsed} s` : ''}
        </Box>
        <Box variant="small" color="text-body-secondary">{GATHERING}</Box>
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <Alert type="error" header="The diagnosis failed" data-testid="diagnosis-error" action={<Button onClick={() => void run()}>Try again</Button>}>
        {state.message}
      </Alert>
    );
  }

  const view = state.view;
  const d = view.diagnosis;
  const [primary, ...others] = d.causes;
  const exportReport = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      const r = await api['report.export']({ profile, clusterArn });
      downloadText(r.filename, r.mimeType, r.content);
    } catch (err) {
      setExportError((err as Error).message);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div data-testid="diagnosis" data-outcome={d.outcome}>
      <SpaceBetween size="l">
        {primary && <Headline cause={primary} outcome={d.outcome} />}
        {stale && (
          <Alert type="info" action={<Button onClick={() => { setStale(false); void run(); }} data-testid="diagnosis-rerun">Diagnose again</Button>}>
            The kubeconfig or the cluster's access changed since this diagnosis.
          </Alert>
        )}

        <Container header={<Header variant="h3">Who created the cluster</Header>} data-testid="creator">
          <Creator view={view} />
        </Container>

        {d.unknowns.length > 0 && (
          <Container header={<Header variant="h3" description="The evidence could not settle these">Not known yet</Header>} data-testid="unknowns">
            <ul className="dg-evidence">
              {d.unknowns.map((u, i) => (
                <li key={i}>
                  <strong>{u.what}</strong>: {u.why}. To find out: {u.step}
                </li>
              ))}
            </ul>
          </Container>
        )}

        <FixList fixes={d.fixes} onKubeconfigFix={setFix} onGrant={setGrant} />

        <GuidedHelp diagnosis={d} onOpen={openWizard} />

        <Container header={<Header variant="h3">What kubectl really uses vs what the app tested</Header>}>
          <IdentityCompare kubectl={view.kubectl} app={view.app} differ={view.arnsDiffer} />
        </Container>

        {others.length > 0 && (
          <Container header={<Header variant="h3" counter={`(${others.length})`}>Also found</Header>} data-testid="other-causes">
            <SpaceBetween size="s">
              {others.map((c) => (
                <div key={c.code} data-testid="other-cause" data-code={c.code}>
                  <Box fontWeight="bold">{catalogueTitle(c.code) ?? c.title}</Box>
                  <Box variant="p">{c.detail}</Box>
                  <ExpandableSection headerText={`Evidence (${c.evidence.length})`} variant="footer">
                    <EvidenceList lines={c.evidence} />
                  </ExpandableSection>
                </div>
              ))}
            </SpaceBetween>
          </Container>
        )}

        <ExpandableSection headerText="Everything the diagnosis gathered" variant="container" data-testid="diagnosis-evidence">
          <SpaceBetween size="s">
            {view.evidenceLines.map((s) => (
              <div key={s.title}>
                <Box variant="h4">{s.title}</Box>
                <EvidenceList lines={s.lines} />
              </div>
            ))}
          </SpaceBetween>
        </ExpandableSection>

        <SpaceBetween direction="horizontal" size="xs" alignItems="center">
          <Button iconName="download" onClick={() => void exportReport()} loading={exporting} data-testid="export-report">
            Export report
          </Button>
          <Button iconName="refresh" onClick={() => void run()} data-testid="diagnosis-again">
            Diagnose again
          </Button>
          <Box variant="small" color="text-body-secondary">Diagnosed in {(view.elapsedMs / 1000).toFixed(1)} s. The report masks secret keys and tokens.</Box>
        </SpaceBetween>
        {exportError && <Alert type="error" header="Export failed">{exportError}</Alert>}
      </SpaceBetween>
      {grant && (
        <GrantWizard
          profile={profile}
          clusterArn={clusterArn}
          fix={grant}
          onClose={() => setGrant(undefined)}
          onChanged={() => setStale(true)}
          onAskAdmin={() => {
            setGrant(undefined);
            setWizard('ask-admin');
          }}
        />
      )}
      {wizard === 'creator' && <CreatorWizard profile={profile} clusterArn={clusterArn} onClose={() => setWizard(undefined)} onChanged={() => setStale(true)} />}
      {wizard === 'ask-admin' && <AskAdminWizard profile={profile} clusterArn={clusterArn} onClose={() => setWizard(undefined)} />}
      {wizard === 'logs' && (
        <LogsWizard
          profiles={profileNames.length ? profileNames : [profile]}
          defaultProfile={d.creator.isOneOfYourProfiles ?? profile}
          clusterArn={clusterArn}
          {...(d.identity ? { identityArn: d.identity.arn } : {})}
          verifyProfile={profile}
          onClose={() => setWizard(undefined)}
        />
      )}
      {fix && (
        <KubeconfigFixModal
          fix={fix}
          clusterArn={clusterArn}
          suggestPin={view.kubectl.envOverrides.length > 0}
          onClose={() => setFix(undefined)}
          onChanged={() => setStale(true)}
        />
      )}
    </div>
  );
}
