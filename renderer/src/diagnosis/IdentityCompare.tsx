import { Box, StatusIndicator } from '@cloudscape-design/components';
import type { AppSideView, KubectlSideView } from '../../../shared/diagnosis-types.js';
import { kubectlIdentityLine } from './wording.js';
import { OUTCOME_WORD } from '../matrix/format.js';

interface Props {
  kubectl: KubectlSideView;
  app: AppSideView;
  differ: boolean;
}

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

/** "What kubectl really uses" next to "what the app tested", with the identity highlighted when they differ. */
export function IdentityCompare({ kubectl: k, app: a, differ }: Props) {
  const arnClass = `dg-arn${differ ? ' dg-arn-differs' : ''}`;
  return (
    <div className="dg-compare" data-testid="identity-compare" data-differ={differ ? 'true' : 'false'}>
      {differ && (
        <Box margin={{ bottom: 's' }} data-testid="identity-differs">
          <StatusIndicator type="warning">Different identities</StatusIndicator> kubectl presents another IAM identity than the one the app tested.
        </Box>
      )}
      <div className="dg-compare-cols">
        <div className={`dg-side${differ ? ' dg-side-differs' : ''}`} data-testid="kubectl-side">
          <Box variant="h4">What kubectl really uses</Box>
          <dl className="dg-kv dg-kv-stacked">
            <Row label="Identity" testId="kubectl-arn">
              <span className={arnClass}>{kubectlIdentityLine(k)}</span>
            </Row>
            <Row label="Context">{k.context ? `${k.context}${k.isCurrent ? ' (current)' : ''}` : <StatusIndicator type="error">no context for this cluster</StatusIndicator>}</Row>
            {k.contextFile && <Row label="File">{k.contextFile}</Row>}
            {k.server && <Row label="Server">{k.server}</Row>}
            {k.exec && <Row label="Sign-in command (exec)" testId="kubectl-exec"><span className="dg-arn">{k.exec}</span></Row>}
            {k.execEnv.length > 0 && <Row label="Its environment (exec env)">{k.execEnv.join(' ')}</Row>}
            {k.envOverrides.length > 0 && (
              <Row label="Overridden by" testId="kubectl-env-overrides">
                <span className="dg-warn">{k.envOverrides.join(', ')} in your environment</span>
              </Row>
            )}
            {k.failure && <Row label="Failure" testId="kubectl-failure">{k.failure.message}</Row>}
          </dl>
        </div>
        <div className="dg-side" data-testid="app-side">
          <Box variant="h4">What the app tested</Box>
          <dl className="dg-kv dg-kv-stacked">
            <Row label="Identity" testId="app-arn">
              <span className={arnClass}>{a.identityArn ?? '—'}</span>
            </Row>
            {a.canonicalArn && a.canonicalArn !== a.identityArn && <Row label="EKS checks it as">{a.canonicalArn}</Row>}
            <Row label="Profile">{a.profile}</Row>
            <Row label="Result" testId="app-outcome">{OUTCOME_WORD[a.outcome]}</Row>
            <Row label="Kubernetes user">{a.username === undefined ? '—' : a.username || '(empty)'}</Row>
            {a.groups?.length ? <Row label="Groups">{a.groups.join(', ')}</Row> : null}
          </dl>
        </div>
      </div>
    </div>
  );
}
