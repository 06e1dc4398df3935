import { memo } from 'react';
import { Badge, Box, Button, Container, ExpandableSection, Header, SpaceBetween, StatusIndicator } from '@cloudscape-design/components';
import type { KubectlContextView } from '../../../shared/contexts-types.js';
import { outcomeWords, worksWords } from './format.js';
import { outcomeWorks } from '../../../shared/matrix-types.js';
import { ContextDetails } from './ContextDetails.js';
import { adminCautionAfterName } from './profile-standing.js';
import { WhatHappened } from './WhatHappened.js';

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
  /** Another of the user's profiles the Access matrix's last scan saw get into this cluster, and what it may do. */
  offerProfile?: string;
  offerWords?: string;
  /** That profile gets in only with full administrator rights: the offer says so plainly instead of inviting it. */
  offerAdmin?: boolean;
  /** Opens "Use with kubectl" with this context and that profile chosen. */
  onUseProfile?: (context: string, profile: string) => void;
}

/** A context that works: its name, one line saying so and who it signs in as, and its facts behind an expander. */
function WorkingCard({ context: c, title, again }: { context: KubectlContextView; title: string; again: boolean }) {
  return (
    <Container>
      <div className="kp-compact-head">
        <h2 className="kp-compact-title" data-testid="context-title">{title}</h2>
        {c.name !== title && <span className="kp-context-name">{c.name}</span>}
        {c.current && <span className="kp-compact-badge"><Badge color="blue">Current: plain kubectl uses this</Badge></span>}
      </div>
      <div data-testid="context-result" className="kp-compact-line">
        <StatusIndicator type="success">{worksWords(c)}</StatusIndicator>
        {again && (
          <span data-testid="context-again" className="kp-compact-again">
            <StatusIndicator type="loading">Checking again…</StatusIndicator>
          </span>
        )}
      </div>
      <ExpandableSection headerText="Details: how kubectl signs in" headerAriaLabel={`Details: how kubectl signs in to ${title}`} variant="inline" data-testid="context-details">
        <ContextDetails context={c} running={false} />
      </ExpandableSection>
    </Container>
  );
}

/**
 * One kubectl context: the cluster, how kubectl signs in, who it really is, what the cluster says, and the fix.
 * Memoised: while the list is checked, each answer re-renders its own card only.
 */
export const ContextCard = memo(function ContextCard({ context: c, onAction, checking = false, again = false, onBox, offerProfile, offerWords, offerAdmin = false, onUseProfile }: Props) {
  const works = outcomeWorks(c.outcome);
  const running = checking && c.eks && !c.outcome;
  const explaining = checking && !again && c.eks && Boolean(c.outcome) && !works && !c.cause;
  const status = !c.eks ? 'stopped' : running ? 'loading' : works ? 'success' : 'error';
  const title = c.eks ? c.clusterName ?? c.name : c.name;
  // A context that works needs nothing: one line, its facts behind an expander, so the failing ones come into view.
  const compact = c.eks && works && !running;
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
      {compact ? (
        <WorkingCard context={c} title={title} again={again} />
      ) : (
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
              <WhatHappened problem={c.problem} server={c.server} testId="context-problem" />
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
            {c.eks && !works && !running && c.outcome && offerProfile && onUseProfile && (
              <div className="kp-offer" data-testid="context-offer" data-profile={offerProfile} data-admin={String(offerAdmin)}>
                {offerAdmin ? (
                  <Box variant="p">
                    <strong>{offerProfile}</strong> {adminCautionAfterName({ source: "at the Access matrix's last check", askButtonAbove: Boolean(c.action) })}
                  </Box>
                ) : (
                  <Box variant="p">
                    Or use a profile that already gets in: <strong>{offerProfile}</strong>{offerWords ? ` (${offerWords})` : ''}, at the Access matrix&apos;s last check. No administrator needed.
                  </Box>
                )}
                <Button onClick={() => onUseProfile(c.name, offerProfile)} data-testid="context-offer-use">
                  Use {offerProfile} with kubectl…
                </Button>
              </div>
            )}
            {c.eks && <ContextDetails context={c} running={running} />}
            {!c.eks && c.server && <Box variant="small" color="text-body-secondary">Server: {c.server}</Box>}
          </SpaceBetween>
        </Container>
      )}
    </div>
  );
});
