import { useState } from 'react';
import { Box, Button, Container, Header, SpaceBetween } from '@cloudscape-design/components';
import type { DiagnosisFixView } from '../../../shared/diagnosis-types.js';
import { CommandLine } from './CommandLine.js';

interface Props {
  fixes: DiagnosisFixView[];
  onKubeconfigFix: (fix: DiagnosisFixView) => void;
}

/**
 * The fixes as buttons. The kubeconfig fix runs in the app (preview, apply, undo); the others show their steps
 * with the CLI commands — the wizards that perform them come with the next issue, and the panel says so.
 */
export function FixList({ fixes, onKubeconfigFix }: Props) {
  const [open, setOpen] = useState<string | undefined>(() => fixes.find((f) => !f.kubeconfig)?.id);
  if (!fixes.length) return null;
  const shown = fixes.find((f) => f.id === open && !f.kubeconfig);
  return (
    <Container header={<Header variant="h3" description="In the order to try them">Fixes</Header>} data-testid="fixes">
      <SpaceBetween size="m">
        <SpaceBetween direction="horizontal" size="xs">
          {fixes.map((f) =>
            f.kubeconfig ? (
              <Button key={f.id} variant="primary" iconName="edit" onClick={() => onKubeconfigFix(f)} data-testid="fix-button" data-fix={f.id} data-kind="kubeconfig">
                {f.title}
              </Button>
            ) : (
              <Button key={f.id} variant={open === f.id ? 'normal' : 'normal'} iconName={open === f.id ? 'caret-down-filled' : 'caret-right-filled'} onClick={() => setOpen(open === f.id ? undefined : f.id)} data-testid="fix-button" data-fix={f.id} data-kind="steps">
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
              Run these commands yourself for now: the app performs the kubeconfig fix in one click, and wizards for the other fixes come next.
            </Box>
          </div>
        )}
      </SpaceBetween>
    </Container>
  );
}
