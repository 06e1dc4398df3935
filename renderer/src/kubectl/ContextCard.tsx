import { memo } from 'react';
import { Badge, Box, Button, ColumnLayout, Container, Header, SpaceBetween, StatusIndicator } from '@cloudscape-design/components';
import type { KubectlContextView } from '../../../shared/contexts-types.js';
import { useAccountLabel } from '../profiles/account-label.js';
import { clusterWords, credentialWords, outcomeWords, profileWords } from './format.js';
import { outcomeWorks } from '../../../shared/matrix-types.js';
import { probeMessageWords } from '../matrix/format.js';
import { CommandText } from '../diagnosis/CommandLine.js';

interface Props {
  context: KubectlContextView;
  /** The one thing to do about a failing context. */
  onAction: (context: KubectlContextView) => void;
  /** The list is still running: an EKS context without an outcome is being checked, a failing one without a cause is being explained. */
  checking?: boolean;
  /** Shown with its last answer while it is checked again. */
  again?: boolean;
  /** Hands over the card's box (null as it goes), which the summary's links scroll to and focus. */
  onBox?: (name: string, box: HTMLDivElement | null) => void;
}

function Field({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Box variant="awsui-key-label">{label}</Box>
      <div>{children}</div>
    </div>
  );
}

/**
 * One kubectl context: the cluster, how kubectl signs in, who it really is, what the cluster says, and the fix.
 * Memoised: while the list is checked, each answer re-renders its own card only.
 */
export const ContextCard = memo(function ContextCard({ context: c, onAction, checking = false, again = false, onBox }: Props) {
  const accountOf = useAccountLabel();
  const works = outcomeWorks(c.outcome);
  const problem = c.problem ? probeMessageWords(c.problem) : undefined;
  const running = checking && c.eks && !c.outcome;
  const explaining = checking && !again && c.eks && Boolean(c.outcome) && !works && !c.cause;
  const status = !c.eks ? 'stopped' : running ? 'loading' : works ? 'success' : 'error';
  const title = c.eks ? c.clusterName ?? c.name : c.name;
  return (
    <div
      ref={onBox ? (el) => onBox(c.name, el) : undefined}
      tabIndex={-1}
      role="region"
      aria-label={`${title}${c.current ? ', the current context' : ''}`}
      className="kp-card"
      data-testid="context-card"
      data-context={c.name}
      data-current={String(c.current)}
      data-eks={String(c.eks)}
      data-outcome={running ? 'CHECKING' : c.outcome ?? 'NONE'}
      data-cause={c.cause?.code ?? ''}
      data-again={String(again)}
    >
      <Container
        header={
          <Header
            variant="h2"
            description={<span className="kp-context-name">{c.name}</span>}
            actions={c.current ? <Badge color="blue">Current: plain kubectl uses this</Badge> : undefined}
          >
            <span data-testid="context-title">{title}</span>
          </Header>
        }
      >
        <SpaceBetween size="m">
          <div data-testid="context-result">
            <StatusIndicator type={status}>
              {running ? 'Checking: signing in as kubectl would, then asking the cluster what it allows…' : c.eks ? outcomeWords(c) : 'Not an Amazon EKS cluster, so the app does not check it'}
            </StatusIndicator>
          </div>
          {again && (
            <Box variant="p" data-testid="context-again">
              <StatusIndicator type="loading">Checking again…</StatusIndicator>
            </Box>
          )}
          {explaining && (
            <Box variant="p" data-testid="context-explaining">
              <StatusIndicator type="loading">Finding out why…</StatusIndicator>
            </Box>
          )}
          {c.eks && !works && c.problem && !['UNAUTHORIZED', 'FORBIDDEN'].includes(c.outcome ?? '') && (
            <Box variant="small" color="text-body-secondary" data-testid="context-problem">
              What happened: {problem!.words}
              {problem!.detail && <span className="kp-detail" data-testid="context-problem-detail"> (technical detail: {problem!.detail})</span>}
            </Box>
          )}
          {c.eks && !works && c.cause && (
            <SpaceBetween size="s">
              <Box variant="p" data-testid="context-cause" data-code={c.cause.code}>
                <strong>Why: </strong>
                {c.cause.sentence}
              </Box>
              {c.action && (
                <div>
                  <Button variant="primary" onClick={() => onAction(c)} data-testid="context-action" data-kind={c.action.kind} data-fix={c.action.fix?.id ?? ''}>
                    {c.action.label}
                  </Button>
                </div>
              )}
            </SpaceBetween>
          )}
          {c.eks && (
            <ColumnLayout columns={2} variant="text-grid">
              <Field label="Cluster">{clusterWords(c, accountOf)}</Field>
              <Field label="Signs in as (asked of AWS with kubectl's own token)" testId="context-identity">
                <span className="kp-arn">{c.identityArn ?? (running ? '…' : 'nobody: no token was made')}</span>
                {c.username !== undefined && c.username !== c.identityArn ? (
                  <div>
                    <Box variant="small" color="text-body-secondary">Kubernetes user name: {c.username || '(none)'}</Box>
                  </div>
                ) : null}
              </Field>
              <Field label="How kubectl gets its credentials" testId="context-credential">
                {credentialWords(c.credential)}
                {c.credential.command && <pre className="kp-cmd"><CommandText command={c.credential.command} /></pre>}
              </Field>
              <Field label="AWS profile it runs as" testId="context-profile">
                {profileWords(c.credential) ?? '—'}
                {c.credential.roleArn && <Box variant="small">then takes the role <span className="kp-arn">{c.credential.roleArn}</span></Box>}
                {c.credential.envOverrides.length > 0 && (
                  <Box variant="small" color="text-status-warning">{c.credential.envOverrides.join(' and ')} in your shell replace that profile</Box>
                )}
              </Field>
            </ColumnLayout>
          )}
          {!c.eks && c.server && <Box variant="small" color="text-body-secondary">Server: {c.server}</Box>}
        </SpaceBetween>
      </Container>
    </div>
  );
});
