import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert, Box, Button, Container, FormField, Header, Modal, ProgressBar, SegmentedControl, Select, SpaceBetween, Spinner, StatusIndicator,
} from '@cloudscape-design/components';
import { clusterOf, previewCommands } from './logs-preview-commands.js';
import { LogsTable } from './LogsTable.js';
import { VerifyStep } from './VerifyStep.js';
import type {
  LogsEnableResult, LogsQueryName, LogsQueryResult, LogsStatusView, LogsUpdateView,
} from '../../../shared/wizard-types.js';
import { api } from '../api.js';
import { CommandLine } from '../diagnosis/CommandLine.js';
import '../diagnosis/diagnosis.css';
import './logs-wizard.css';
import { callFailure } from '../../../shared/client.js';

export interface LogsWizardProps {
  profiles: string[];
  defaultProfile: string;
  clusterArn: string;
  /** The diagnosed identity (as STS reports it): enables the "this identity" query. */
  identityArn?: string;
  /** The diagnosed profile: the last step probes again and runs kubectl as it (which also writes a fresh line). */
  verifyProfile?: string;
  onClose: () => void;
}

const POLL_MS = 1000;
/** EKS usually applies a logging update in a minute or two; give up waiting after ten. */
const MAX_POLLS = 600;

type StepError = { step: 'status' | 'enable' | 'query'; code: string; message: string };

const QUERY_LABELS: Record<LogsQueryName, { label: string; why: string }> = {
  identity: { label: 'This identity', why: "Every line the authenticator wrote about this identity's ARN: whether it was let in and, if not, why." },
  creator: { label: 'Cluster creator', why: 'Lines with username=kubernetes-admin: the identity that created the cluster and is admin without any mapping.' },
  denied: { label: 'All denied', why: 'Every "access denied" line: which identities were refused and the reason the authenticator gives.' },
};

function errorOf(step: StepError['step'], err: unknown): StepError {
  return { step, ...callFailure(err) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function StepAlert({ error, step }: { error?: StepError; step: StepError['step'] }) {
  if (!error || error.step !== step) return null;
  return (
    <Alert type="error" data-testid="logs-error" data-code={error.code} data-step={step}>
      {error.message}
    </Alert>
  );
}

/** The wizard: is the authenticator log on → turn it on and wait → run the article's queries and read the lines. */
export function LogsWizard({ profiles, defaultProfile, clusterArn, identityArn, verifyProfile, onClose }: LogsWizardProps) {
  const cluster = clusterOf(clusterArn);
  const [profile, setProfile] = useState(defaultProfile);
  const [status, setStatus] = useState<LogsStatusView | undefined>();
  const [checking, setChecking] = useState(false);
  const [enabled, setEnabled] = useState<LogsEnableResult | undefined>();
  const [enabling, setEnabling] = useState(false);
  const [update, setUpdate] = useState<LogsUpdateView | undefined>();
  const [waiting, setWaiting] = useState(false);
  const [polls, setPolls] = useState(0);
  const [waitNote, setWaitNote] = useState<string | undefined>();
  const [query, setQuery] = useState<LogsQueryName>(identityArn ? 'identity' : 'denied');
  const [result, setResult] = useState<LogsQueryResult | undefined>();
  const [querying, setQuerying] = useState(false);
  const [error, setError] = useState<StepError | undefined>();
  // The poll in flight; cancelled by the Stop button, a profile change or closing.
  const poll = useRef<{ cancelled: boolean } | undefined>(undefined);
  const preview = previewCommands(clusterArn, profile);

  const stopWaiting = () => {
    if (poll.current) poll.current.cancelled = true;
    poll.current = undefined;
    setWaiting(false);
  };

  const check = useCallback(async (who: string) => {
    setChecking(true);
    setError(undefined);
    try {
      setStatus(await api['logs.status']({ profile: who, clusterArn }));
    } catch (err) {
      setStatus(undefined);
      setError(errorOf('status', err));
    } finally {
      setChecking(false);
    }
  }, [clusterArn]);

  useEffect(() => {
    void check(profile);
    return () => {
      if (poll.current) poll.current.cancelled = true;
    };
    // Only on open; changing the profile checks again itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const chooseProfile = (next: string) => {
    stopWaiting();
    setProfile(next);
    setStatus(undefined);
    setEnabled(undefined);
    setUpdate(undefined);
    setResult(undefined);
    setWaitNote(undefined);
    void check(next);
  };

  const waitFor = async (updateId: string) => {
    const token = { cancelled: false };
    poll.current = token;
    setWaiting(true);
    setWaitNote(undefined);
    try {
      for (let i = 0; i < MAX_POLLS; i++) {
        const u = await api['logs.update']({ profile, clusterArn, updateId });
        if (token.cancelled) return;
        setUpdate(u);
        setPolls(i + 1);
        if (u.status !== 'InProgress') {
          if (u.status === 'Successful') void check(profile);
          return;
        }
        await sleep(POLL_MS);
        if (token.cancelled) return;
      }
      setWaitNote(`Still in progress after ${Math.round((MAX_POLLS * POLL_MS) / 60_000)} minutes: run the command above later to see how it ended.`);
    } catch (err) {
      if (!token.cancelled) setError(errorOf('enable', err));
    } finally {
      if (poll.current === token) {
        poll.current = undefined;
        setWaiting(false);
      }
    }
  };

  const enable = async () => {
    setEnabling(true);
    setError(undefined);
    setUpdate(undefined);
    try {
      const r = await api['logs.enable']({ profile, clusterArn });
      setEnabled(r);
      if (r.alreadyEnabled) void check(profile);
      else if (r.updateId) void waitFor(r.updateId);
    } catch (err) {
      setError(errorOf('enable', err));
    } finally {
      setEnabling(false);
    }
  };

  const runQuery = async () => {
    setQuerying(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await api['logs.query']({ profile, clusterArn, query, ...(query === 'identity' && identityArn ? { identityArn } : {}) }));
    } catch (err) {
      setError(errorOf('query', err));
    } finally {
      setQuerying(false);
    }
  };

  const isOn = Boolean(status?.enabled) || update?.status === 'Successful' || Boolean(enabled?.alreadyEnabled);

  return (
    <Modal
      visible
      onDismiss={() => {
        stopWaiting();
        onClose();
      }}
      size="large"
      header={`Authenticator logs of ${cluster.name}`}
      data-testid="logs-wizard"
      footer={
        <Box float="right">
          <Button
            variant="link"
            data-testid="logs-close"
            onClick={() => {
              stopWaiting();
              onClose();
            }}
          >
            Close
          </Button>
        </Box>
      }
    >
      <SpaceBetween size="l">
        <Box color="text-body-secondary">
          EKS's authenticator writes one line for every kubectl call it lets in or refuses, with the ARN it saw and the reason. Those lines go to
          CloudWatch Logs only when the cluster's <code>authenticator</code> log type is on; they are the cluster's own answer to "why am I Unauthorized?".
        </Box>

        <Container header={<Header variant="h3" description="Whether the cluster sends its authenticator log to CloudWatch Logs.">1. Check the logging</Header>}>
          <SpaceBetween size="s">
            <FormField label="Profile that makes the AWS calls" description="It needs eks:DescribeCluster, eks:UpdateClusterConfig and logs:StartQuery on this cluster.">
              <Select
                data-testid="logs-profile"
                selectedOption={{ value: profile, label: profile }}
                options={profiles.map((p) => ({ value: p, label: p }))}
                onChange={(e) => chooseProfile(e.detail.selectedOption.value ?? defaultProfile)}
                disabled={checking || enabling}
              />
            </FormField>
            <CommandLine command={status?.command ?? preview.status} />
            <Button onClick={() => void check(profile)} loading={checking} data-testid="logs-check">
              Check again
            </Button>
            <div data-testid="logs-status" data-enabled={status ? String(status.enabled) : 'unknown'}>
              {checking && !status && (
                <Box>
                  <Spinner /> Asking EKS with profile {profile}…
                </Box>
              )}
              {status && (
                <StatusIndicator type={status.enabled ? 'success' : 'stopped'}>
                  {status.enabled
                    ? `The authenticator log is on: lines go to ${status.logGroup}.`
                    : `The authenticator log is off${status.enabledTypes.length ? ` (on: ${status.enabledTypes.join(', ')})` : ''}: nothing is written to ${status.logGroup} yet.`}
                </StatusIndicator>
              )}
            </div>
            <StepAlert error={error} step="status" />
          </SpaceBetween>
        </Container>

        <Container header={<Header variant="h3" description="Turns on the authenticator log type only; other log types stay as they are. CloudWatch charges for the stored lines.">2. Turn on the authenticator log</Header>}>
          <SpaceBetween size="s">
            {status?.enabled && !enabled ? (
              <StatusIndicator type="info">Already on: nothing to do. Go on to the queries.</StatusIndicator>
            ) : (
              <>
                <CommandLine command={enabled?.command ?? preview.enable} />
                <SpaceBetween direction="horizontal" size="xs">
                  <Button variant="primary" onClick={() => void enable()} loading={enabling} disabled={waiting || isOn} data-testid="logs-enable">
                    Turn on
                  </Button>
                  {waiting && (
                    <Button onClick={stopWaiting} data-testid="logs-stop-waiting">
                      Stop waiting
                    </Button>
                  )}
                </SpaceBetween>
              </>
            )}
            {enabled?.alreadyEnabled && <StatusIndicator type="info">It was already on: nothing changed.</StatusIndicator>}
            {enabled?.updateId && (
              <SpaceBetween size="xs">
                <Box>EKS applies the change as update {enabled.updateId}; the app asks every second how it is going:</Box>
                <CommandLine command={update?.command ?? preview.update.replace('<the update id>', enabled.updateId)} />
                <div data-testid="logs-update" data-status={update?.status ?? enabled.status}>
                  {(update?.status ?? 'InProgress') === 'InProgress' ? (
                    waiting ? (
                      <ProgressBar status="in-progress" value={Math.min(95, polls)} label="Updating the cluster's logging" description={`Asked ${polls} time(s) — usually done within two minutes.`} />
                    ) : (
                      <StatusIndicator type="pending">Not waiting any more: the update goes on in AWS. Check again later.</StatusIndicator>
                    )
                  ) : update?.status === 'Successful' ? (
                    <StatusIndicator type="success">Done: the authenticator log is on. New kubectl calls are logged from now on.</StatusIndicator>
                  ) : (
                    <StatusIndicator type="error">The update ended {update?.status}{update?.errors.length ? `: ${update.errors.join('; ')}` : ''}.</StatusIndicator>
                  )}
                </div>
              </SpaceBetween>
            )}
            {waitNote && <Alert type="warning">{waitNote}</Alert>}
            <StepAlert error={error} step="enable" />
          </SpaceBetween>
        </Container>

        <Container
          header={
            <Header variant="h3" description="CloudWatch Logs Insights queries from the AWS troubleshooting article, over the last 7 days. Run kubectl once after turning the log on, so there is a line to find.">
              3. Read the lines
            </Header>
          }
        >
          <SpaceBetween size="s">
            <SegmentedControl
              data-testid="logs-query-choice"
              selectedId={query}
              onChange={(e) => {
                setQuery(e.detail.selectedId as LogsQueryName);
                setResult(undefined);
              }}
              options={(Object.keys(QUERY_LABELS) as LogsQueryName[]).map((id) => ({ id, text: QUERY_LABELS[id].label, disabled: id === 'identity' && !identityArn }))}
            />
            <Box color="text-body-secondary">
              {QUERY_LABELS[query].why}
              {query === 'identity' && identityArn && (
                <>
                  {' '}ARN: <span className="dg-arn">{identityArn}</span>
                </>
              )}
            </Box>
            {result ? (
              result.commands.map((c) => <CommandLine key={c} command={c} />)
            ) : (
              <Box color="text-body-secondary" fontSize="body-s">
                The same with the CLI: <code>aws logs start-query --log-group-name /aws/eks/{cluster.name}/cluster …</code>, then{' '}
                <code>aws logs get-query-results --query-id …</code> — the exact commands appear once the query ran.
              </Box>
            )}
            <Button onClick={() => void runQuery()} loading={querying} data-testid="logs-query">
              Run the query
            </Button>
            <StepAlert error={error} step="query" />
            {result?.note && <Alert type="warning" data-testid="logs-note">{result.note}</Alert>}
            {result && <LogsTable rows={result.rows} />}
          </SpaceBetween>
        </Container>
        {verifyProfile && (
          <Container header={<Header variant="h3" description={`Probes the cluster again as ${verifyProfile} and runs the real kubectl get svc; each try writes a new line to read above.`}>4. Try again and check</Header>} data-testid="logs-verify">
            <VerifyStep profile={verifyProfile} clusterArn={clusterArn} clusterName={cluster.name} region={cluster.region} />
          </Container>
        )}
      </SpaceBetween>
    </Modal>
  );
}
