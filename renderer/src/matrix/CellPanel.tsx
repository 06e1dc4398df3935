import { Fragment, useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, CopyToClipboard, ExpandableSection, KeyValuePairs, SpaceBetween } from '@cloudscape-design/components';
import type { MatrixCell, MatrixCluster, MatrixProfile } from '../../../shared/matrix-types.js';
import { CommandText } from '../diagnosis/CommandLine.js';
import { DiagnosisPanel } from '../diagnosis/DiagnosisPanel.js';
import { LongId } from '../diagnosis/LongId.js';
import { useAccountLabel } from '../profiles/account-label.js';
import { useAppCommands } from '../app-commands.js';
import { authModeWords } from '../diagnosis/wording.js';
import { profileErrorWords } from '../profiles/format.js';
import { cellCommands, OUTCOME_MEANING, OUTCOME_WORD, typeLabel } from './format.js';
import { probeMessageWords } from '../../../shared/network-words.js';
import { OutcomeIcon } from './OutcomeIcon.js';

interface Props {
  profile: MatrixProfile | undefined;
  profileName: string;
  cluster: MatrixCluster;
  cell?: MatrixCell;
  pending: boolean;
  onRerunCell: () => void;
  onRerunRow: () => void;
  onRerunColumn: () => void;
  /** Grows when the panel should take the focus (opened from the keyboard). */
  focusRequest: number;
  /** Escape inside the panel (not in a window it opened): close it. */
  onEscape: () => void;
}

const dash = (v: string | undefined) => (v === undefined || v === '' ? '—' : v);

/** Everything the probe found for one profile on one cluster, and how to check it by hand. */
export function CellPanel({ profile, profileName, cluster, cell, pending, onRerunCell, onRerunRow, onRerunColumn, focusRequest, onEscape }: Props) {
  const accountOf = useAccountLabel();
  const { tempDir } = useAppCommands();
  const [evidenceOpen, setEvidenceOpen] = useState(false);
  // Each click on "Why?" diagnoses afresh (the key re-mounts the diagnosis view).
  const [whyRuns, setWhyRuns] = useState(0);
  const evidenceRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusRequest > 0) panelRef.current?.focus();
  }, [focusRequest]);
  const ev = cell?.evidence;
  const message = cell?.message ? probeMessageWords(cell.message) : undefined;

  const why = () => {
    setWhyRuns((n) => n + 1);
    // The probe's own evidence opens too: the diagnosis above refers to its steps.
    setEvidenceOpen(true);
  };

  return (
    <div
      ref={panelRef}
      tabIndex={-1}
      role="region"
      aria-label={`${profileName} on ${cluster.name}`}
      className="mx-panel"
      onKeyDown={(e) => {
        // A wizard's window is rendered elsewhere in the page: its Escape is its own.
        if (e.key === 'Escape' && panelRef.current?.contains(e.target as Node)) {
          e.preventDefault();
          onEscape();
        }
      }}
      data-testid="cell-panel"
      data-profile={profileName}
      data-cluster={cluster.arn}
    >
      <SpaceBetween size="l">
        <Box>
          <div className={`mx-legend`}>
            <span className={`mx-legend-item mx-${pending || !cell ? 'pending' : cell.outcome.toLowerCase()}`} data-testid="panel-outcome" data-outcome={cell?.outcome ?? 'PENDING'}>
              <OutcomeIcon outcome={pending || !cell ? 'PENDING' : cell.outcome} />
              {pending ? 'Probing again…' : cell ? OUTCOME_WORD[cell.outcome] : 'Not probed yet'}
            </span>
            <span>
              <strong>{profileName}</strong> on <strong>{cluster.name}</strong> in {cluster.region}, account {accountOf(cluster.account)}
            </span>
          </div>
          {cell && <Box margin={{ top: 'xs' }}>{OUTCOME_MEANING[cell.outcome]}</Box>}
          {/* The probe's message is often just the outcome's word again ("401 Unauthorized"): shown when it says more. */}
          {message && message.words !== OUTCOME_WORD[cell!.outcome] && (
            <Box margin={{ top: 'xs' }} color="text-body-secondary" data-testid="panel-message">
              {message.words}
              {message.detail && (
                <Box variant="small" display="block" color="text-body-secondary" data-testid="panel-message-detail">
                  Technical detail: {message.detail}
                </Box>
              )}
            </Box>
          )}
        </Box>

        {cell?.retryable && !pending && (
          <Alert
            type="info"
            header="AWS asked us to slow down"
            action={
              <Button onClick={onRerunCell} data-testid="retry-throttled">
                Try again
              </Button>
            }
            data-testid="throttled-alert"
          >
            AWS refused some requests because too many were sent at once (throttling), so this cell could not be checked.
            It says nothing yet about this profile's access: try again in a moment.
          </Alert>
        )}
        {whyRuns > 0 && <DiagnosisPanel key={whyRuns} profile={profileName} clusterArn={cluster.arn} />}

        <SpaceBetween direction="horizontal" size="xs">
          {whyRuns === 0 && (
            <Button variant="primary" onClick={why} data-testid="why-button">
              Why?
            </Button>
          )}
          <Button iconName="refresh" onClick={onRerunCell} disabled={pending} data-testid="rerun-cell">
            Re-run this cell
          </Button>
          <Button onClick={onRerunRow} data-testid="rerun-row">Re-run row ({profileName})</Button>
          <Button onClick={onRerunColumn} data-testid="rerun-column">Re-run column ({cluster.name})</Button>
        </SpaceBetween>

        <KeyValuePairs
          columns={2}
          items={[
            { label: 'Kubernetes username', value: <span data-testid="panel-username">{cell?.username === undefined ? '—' : cell.username ? <LongId text={cell.username} /> : '(empty)'}</span> },
            { label: 'Groups', value: <span data-testid="panel-groups">{cell?.groups?.length ? cell.groups.map((g, i) => <Fragment key={g}>{i > 0 && ', '}<LongId text={g} /></Fragment>) : '—'}</span> },
            { label: 'IAM identity (STS)', value: <span data-testid="panel-identity"><LongId text={dash(ev?.identityArn ?? profile?.identityArn)} /></span> },
            { label: "Profile's account", value: <span data-testid="panel-profile-account">{profile?.account ? accountOf(profile.account) : '—'}</span> },
            { label: 'Profile type', value: profile ? typeLabel(profile.type) : '—' },
            { label: 'Endpoint', value: <span data-testid="panel-endpoint"><LongId text={dash(ev?.endpoint ?? cluster.endpoint)} /></span> },
            { label: 'Endpoint and CA described via', value: <span data-testid="panel-described-via">{dash(ev?.describedVia)}</span> },
            {
              label: 'Who may sign in is set by',
              value: (
                <span data-testid="panel-auth-mode">
                  {authModeWords(cluster.authenticationMode)}
                  {cluster.authenticationMode && <Box variant="small" display="block" color="text-body-secondary">authentication mode: {cluster.authenticationMode}</Box>}
                </span>
              ),
            },
            { label: 'Probe time', value: cell ? `${cell.ms} ms` : '—' },
          ]}
        />

        <div ref={evidenceRef}>
          <ExpandableSection
            headerText="Probe evidence"
            variant="container"
            expanded={evidenceOpen}
            onChange={(e) => setEvidenceOpen(e.detail.expanded)}
            data-testid="evidence"
          >
            <SpaceBetween size="m">
              {ev?.credentials && (
                <Alert type="warning" header={`${cell?.retryable ? 'Credentials not fetched' : 'No credentials'}: ${profileErrorWords(ev.credentials.code, ev.credentials.message)}`} data-testid="panel-credentials">
                  {ev.credentials.message}
                  <Box variant="small" display="block" color="text-body-secondary">Technical detail: {ev.credentials.code}</Box>
                </Alert>
              )}
              <div>
                <Box variant="h4">EKS extras of the Kubernetes user</Box>
                {ev?.extra && Object.keys(ev.extra).length ? (
                  <table className="mx-steps" data-testid="panel-extra">
                    <tbody>
                      {Object.entries(ev.extra).map(([k, v]) => (
                        <tr key={k}>
                          <th scope="row">{k}</th>
                          <td>{v.join(', ') || '(empty)'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : (
                  <Box color="text-body-secondary">None: the cluster did not identify the caller.</Box>
                )}
              </div>
              <div>
                <Box variant="h4">Probe steps</Box>
                {ev?.steps.length ? (
                  <ol className="mx-steplist" data-testid="panel-steps">
                    {ev.steps.map((s, i) => (
                      <li key={i} data-testid="panel-step" className={s.ok ? '' : 'mx-step-failed'}>
                        <div className="mx-step-call">{s.call}</div>
                        <div className="mx-step-facts">
                          <span>status {s.status ?? s.errorCode ?? (s.ok ? 'ok' : 'failed')}</span>
                          {s.allowed !== undefined && <span>allowed {s.allowed ? 'yes' : 'no'}</span>}
                          <span>{s.ms} ms</span>
                          {s.attempts > 1 && <span>{s.attempts} attempts</span>}
                        </div>
                        {(s.message || s.reason) && <div className="mx-step-message">{[s.message, s.reason].filter(Boolean).join(' — ')}</div>}
                      </li>
                    ))}
                  </ol>
                ) : (
                  <Box color="text-body-secondary">No request reached the cluster for this cell.</Box>
                )}
              </div>
            </SpaceBetween>
          </ExpandableSection>
        </div>

        <div>
          <Box variant="h4">The same check by hand</Box>
          <SpaceBetween size="xs">
            {cellCommands(profileName, cluster, tempDir).map((c) => (
              <div key={c.command}>
                <Box variant="small">{c.title}</Box>
                <div className="mx-cmd">
                  <code className="mx-code" data-testid="panel-command"><CommandText command={c.command} /></code>
                  <CopyToClipboard variant="icon" textToCopy={c.command} copyButtonAriaLabel={`Copy ${c.command}`} copySuccessText="Copied" copyErrorText="Could not copy" />
                </div>
              </div>
            ))}
          </SpaceBetween>
        </div>
      </SpaceBetween>
    </div>
  );
}
