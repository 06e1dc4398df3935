import { useState } from 'react';
import { Box, Button, Container, Header, SpaceBetween } from '@cloudscape-design/components';
import type { DiagnosisFixView } from '../../../shared/diagnosis-types.js';
import { CommandLine } from './CommandLine.js';

interface Props {
  fixes: DiagnosisFixView[];
  onKubeconfigFix: (fix: DiagnosisFixView) => void;
  onGrant: (fix: DiagnosisFixView) => void;
}

const GRANTS = new Set(['aws-auth', 'access-entry', 'rbac']);

/**
 * The fixes as buttons, in the order to try them. The kubeconfig fix runs in one click (preview, apply, undo); grants
 * open the step-by-step wizard; the fixes only the user (or an IAM administrator) can do show their steps.
 */
export function FixList({ fixes, onKubeconfigFix, onGrant }: Props) {
  const [open, setOpen] = useState<string | undefined>(() => fixes.find((f) => f.family === 'manual')?.id);
  if (!fixes.length) return null;
  const shown = fixes.find((f) => f.id === open && f.family === 'manual');
  return (
    <Container header={<Header variant="h3" description="In the order to try them">Fixes</Header>} data-testid="fixes">
      <SpaceBetween size="m">
        <SpaceBetween direction="horizontal" size="xs">
          {fixes.map((f, i) =>
            f.kubeconfig ? (
              <Button key={f.id} variant="primary" iconName="edit" onClick={() => onKubeconfigFix(f)} data-testid="fix-button" data-fix={f.id} data-kind="kubeconfig">
                {f.title}
              </Button>
            ) : GRANTS.has(f.family) ? (
              <Button key={f.id} variant={i === 0 ? 'primary' : 'normal'} iconName="user-profile" onClick={() => onGrant(f)} data-testid="fix-button" data-fix={f.id} data-kind="grant">
                {f.title}…
              </Button>
            ) : (
              <Button key={f.id} iconName={open === f.id ? 'caret-down-filled' : 'caret-right-filled'} onClick={() => setOpen(open === f.id ? undefined : f.id)} data-testid="fix-button" data-fix={f.id} data-kind="steps">
                {f.title}
              </Button>
            ),
          )}
        </SpaceBetween>
        {shown && (
          <div data-testid="fix-steps" data-fix={shown.id}>
            <Box variant="h4">{shown.title}</Box>
            <ol className="dg-evidence">
              {shown.steps.map((s, i) => (
                <li key={i}>
                  <Box variant="p" margin={{ bottom: 'xxs' }}>{s.title}</Box>
                  <CommandLine command={s.command} />
                </li>
              ))}
            </ol>
            <Box variant="small" color="text-body-secondary" margin={{ top: 'xs' }}>
              This one is done by you (or an IAM administrator): run the commands, then diagnose again.
            </Box>
          </div>
        )}
      </SpaceBetween>
    </Container>
  );
}
