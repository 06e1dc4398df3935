import { Alert, Box, Button, Checkbox, SpaceBetween, StatusIndicator } from '@cloudscape-design/components';
import { adminCaution, type ProfileStanding } from './profile-standing.js';

interface Props {
  cluster: string;
  profile: string;
  standing: ProfileStanding;
  /** The profile the context runs as today, and what is known of it here. */
  today?: { profile: string; standing: ProfileStanding };
  /** A profile known to work here, to offer instead. */
  alternative?: string;
  onChooseAlternative: (profile: string) => void;
  accepted: boolean;
  onAccept: (accepted: boolean) => void;
}

/**
 * The chosen profile is known to fail on this cluster: say so before the write, offer one that works, and let the
 * write go ahead only once the person ticks that they mean it.
 */
export function ProfileChoiceWarning({ cluster, profile, standing, today, alternative, onChooseAlternative, accepted, onAccept }: Props) {
  const worksToday = today && today.standing.kind === 'works' && today.profile !== profile;
  const header = worksToday
    ? `kubectl works on ${cluster} today as ${today.profile}${today.standing.signsInAs ? ` (${today.standing.signsInAs})` : ''}; with ${profile} it will not`
    : `With ${profile}, kubectl will not get into ${cluster}`;
  return (
    <Alert
      type="warning"
      header={header}
      data-testid="use-warning"
      action={alternative ? <Button onClick={() => onChooseAlternative(alternative)} data-testid="use-alternative">Use {alternative} instead</Button> : undefined}
    >
      <SpaceBetween size="xs">
        <Box variant="p">
          {profile} on this cluster, {standing.fromKubectl ? 'when the Your kubectl page checked it' : <>at the Access matrix&apos;s last check</>}: <strong>{standing.words}</strong>
          {standing.why ? <> — {standing.why}</> : null}
        </Box>
        <Box variant="p">
          Choose another profile{alternative ? ` (${alternative} works here)` : ''}, or fix {profile}&apos;s access first (the Access matrix shows how).
          {worksToday ? ' Writing it now would break kubectl on a cluster where it works.' : ''}
        </Box>
        <Checkbox checked={accepted} onChange={(e) => onAccept(e.detail.checked)} data-testid="use-accept-risk">
          Write it anyway: I know kubectl will be refused until {profile}&apos;s access is fixed
        </Checkbox>
      </SpaceBetween>
    </Alert>
  );
}

/**
 * The chosen profile's standing in one line, or what the app does not know yet, in plain words. `switching`: the
 * profile is not the one kubectl runs as here today, so a full-admin one gets the administrator caution.
 */
export function ProfileStandingLine({ profile, standing, knowledge, switching = false }: { profile?: string; standing?: ProfileStanding; knowledge: 'scanned' | 'scanning' | 'not-scanned'; switching?: boolean }) {
  if (knowledge !== 'scanned' && !standing?.fromKubectl) {
    return (
      <Box variant="small" data-testid="use-knowledge" data-knowledge={knowledge}>
        {knowledge === 'scanning'
          ? 'The Access matrix is still checking which profiles get into this cluster: open this window again when it is done to see which ones work.'
          : 'The app has not checked yet which of your profiles get into this cluster, so it cannot tell you which one will work. The Access matrix checks them all; after the write, this window tells you what kubectl gets.'}
      </Box>
    );
  }
  if (!profile || !standing) return null;
  const type = standing.kind === 'works' ? 'success' : standing.kind === 'fails' ? 'warning' : 'info';
  return (
    <div data-testid="use-standing" data-kind={standing.kind}>
      <StatusIndicator type={type}>
        {profile}: {standing.words} {standing.fromKubectl ? '(from the Your kubectl page\'s check)' : <>(from the Access matrix&apos;s last check)</>}
      </StatusIndicator>
      {standing.admin && switching && (
        <Box variant="p" data-testid="use-admin-caution">
          <StatusIndicator type="warning">{adminCaution(profile)}</StatusIndicator>
        </Box>
      )}
    </div>
  );
}
