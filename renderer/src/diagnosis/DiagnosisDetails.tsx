import { Box, ExpandableSection, SpaceBetween, StatusIndicator } from '@cloudscape-design/components';
import type { DiagnosisView } from '../../../shared/diagnosis-types.js';
import { GuidedHelp, type WizardName } from './GuidedHelp.js';
import { IdentityCompare } from './IdentityCompare.js';
import { catalogueTitle, splitFirstSentence } from './wording.js';
import { outcomeWorks } from '../../../shared/matrix-types.js';

interface Props {
  view: DiagnosisView;
  onOpenWizard: (name: WizardName) => void;
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

/** Who created the cluster, said once and consistently (the article's branch: the creator grants access to others). */
function creatorSays(view: DiagnosisView): { type: 'success' | 'info' | 'pending'; label: string; text: string } {
  const cr = view.diagnosis.creator;
  if (cr.isThisIdentity === true) {
    return { type: 'success', label: 'You created this cluster', text: 'This identity got administrator access when the cluster was made, so it is the one that can grant access to others.' };
  }
  if (cr.isThisIdentity === false) {
    const who = cr.arn ? `It was created by ${cr.arn}` : 'It was created by another identity';
    const next = cr.isOneOfYourProfiles ? `, which is your profile ${cr.isOneOfYourProfiles}: use that profile to grant this identity access.` : '. Ask them or a cluster administrator to grant this identity access.';
    return { type: 'info', label: 'You are not the cluster creator', text: `${who}${next}` };
  }
  if (cr.arn) {
    return { type: 'pending', label: 'The creator is known, but not whether it is you', text: `It was created by ${cr.arn}; this profile's own identity could not be read, so the app cannot tell whether that is you.` };
  }
  return { type: 'pending', label: 'Who created the cluster is not known', text: 'No source named the creator; "Not known yet" says what was looked at and how to find out.' };
}

/** Everything behind the answer, collapsed: why we think so, the creator, other causes, unknowns, all evidence. */
export function DiagnosisDetails({ view, onOpenWizard }: Props) {
  const d = view.diagnosis;
  const [primary, ...others] = d.causes;
  const rest = primary ? splitFirstSentence(primary.detail)[1] : '';
  const probeOk = outcomeWorks(d.outcome);
  const creator = creatorSays(view);
  return (
    <SpaceBetween size="s">
      <GuidedHelp diagnosis={d} onOpen={onOpenWizard} />
      {primary && (
        <ExpandableSection headerText="Why we think so" variant="container" data-testid="primary-evidence-section">
          <SpaceBetween size="s">
            {rest && <Box variant="p" data-testid="primary-detail">{rest}</Box>}
            {primary.code !== 'OK' && probeOk && (
              <Box variant="p" data-testid="probe-ok-note">
                The app's own probe gets in with this profile, so the profile and the cluster's access are fine — what fails is what kubectl uses.
              </Box>
            )}
            <EvidenceList lines={primary.evidence} testId="primary-evidence" />
            <IdentityCompare kubectl={view.kubectl} app={view.app} differ={view.arnsDiffer} />
          </SpaceBetween>
        </ExpandableSection>
      )}
      <ExpandableSection headerText="Who created the cluster" variant="container" data-testid="creator">
        <SpaceBetween size="xxs">
          <StatusIndicator type={creator.type}>{creator.label}</StatusIndicator>
          <Box variant="p" data-testid="creator-detail">{creator.text}</Box>
        </SpaceBetween>
      </ExpandableSection>
      {others.length > 0 && (
        <ExpandableSection headerText="Other causes found" headerCounter={`(${others.length})`} variant="container" data-testid="other-causes">
          <SpaceBetween size="s">
            {others.map((c) => (
              <div key={`${c.code}:${c.detail}`} data-testid="other-cause" data-code={c.code}>
                <Box fontWeight="bold">{catalogueTitle(c.code) ?? c.title}</Box>
                <Box variant="p">{c.detail}</Box>
                <ExpandableSection headerText={`Evidence (${c.evidence.length})`} variant="footer">
                  <EvidenceList lines={c.evidence} />
                </ExpandableSection>
              </div>
            ))}
          </SpaceBetween>
        </ExpandableSection>
      )}
      {d.unknowns.length > 0 && (
        <ExpandableSection headerText="Not known yet" headerCounter={`(${d.unknowns.length})`} variant="container" data-testid="unknowns">
          <ul className="dg-evidence">
            {d.unknowns.map((u, i) => (
              <li key={i}>
                <strong>{u.what}</strong>: {u.why}. To find out: {u.step}
              </li>
            ))}
          </ul>
        </ExpandableSection>
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
    </SpaceBetween>
  );
}
