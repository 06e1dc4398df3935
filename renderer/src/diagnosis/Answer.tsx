import { useState } from 'react';
import { Alert, Box, Button, SpaceBetween } from '@cloudscape-design/components';
import type { DiagnosisCauseView, DiagnosisFixView } from '../../../shared/diagnosis-types.js';
import { catalogueTitle, causeCodeLine, fixButtonCommands, splitFirstSentence, whoDoesFix, GRANT_FAMILIES } from './wording.js';
import { CommandLine } from './CommandLine.js';
import { FixStepList } from './FixStepList.js';

interface Props {
  cause: DiagnosisCauseView;
  fixes: DiagnosisFixView[];
  onKubeconfigFix: (fix: DiagnosisFixView) => void;
  onGrant: (fix: DiagnosisFixView) => void;
}

function kindOf(f: DiagnosisFixView): 'kubeconfig' | 'grant' | 'steps' {
  return f.kubeconfig ? 'kubeconfig' : GRANT_FAMILIES.has(f.family) ? 'grant' : 'steps';
}

/**
 * The commands the main fix's button stands for, so each click teaches its terminal equivalent — all of them, in
 * order: run alone, the first of two (an access entry without its policy) leaves the user refused in another way —
 * after what someone else must run first.
 */
function ButtonCommands({ commands }: { commands: { first: string[]; button: string[] } }) {
  const n = commands.button.length;
  if (!n) return null;
  const same = n === 1 ? 'the same as' : `the same as these ${n} commands, in this order`;
  return (
    <div data-testid="primary-fix-command">
      {commands.first.length > 0 && (
        <div data-testid="primary-fix-first">
          <Box variant="small" color="text-body-secondary">First, someone allowed to run it (the app does not):</Box>
          {commands.first.map((c) => (
            <CommandLine key={c} command={c} />
          ))}
        </div>
      )}
      <Box variant="small" color="text-body-secondary" data-testid="primary-fix-command-words">
        {commands.first.length ? `Then the button does ${same}:` : n === 1 ? 'The same on the command line:' : `The same on the command line, ${n} commands, in this order:`}
      </Box>
      {commands.button.map((c) => (
        <CommandLine key={c} command={c} />
      ))}
    </div>
  );
}

/**
 * The answer, first: what is wrong (one plain sentence), why (one sentence), and the fix to try first as the one
 * primary button; the other fixes below it, in the order to try them.
 */
export function Answer({ cause, fixes, onKubeconfigFix, onGrant }: Props) {
  const [first, ...rest] = fixes;
  const [open, setOpen] = useState<string | undefined>(() => (first && kindOf(first) === 'steps' ? first.id : undefined));
  const ok = cause.code === 'OK';
  const headline = catalogueTitle(cause.code) ?? cause.title;
  const [why] = splitFirstSentence(cause.detail);
  const press = (f: DiagnosisFixView) => {
    const kind = kindOf(f);
    if (kind === 'kubeconfig') onKubeconfigFix(f);
    else if (kind === 'grant') onGrant(f);
    else setOpen(open === f.id ? undefined : f.id);
  };
  const button = (f: DiagnosisFixView, primary: boolean) => (
    <Button
      key={f.id}
      variant={primary ? 'primary' : 'normal'}
      iconName={kindOf(f) === 'steps' ? (open === f.id ? 'caret-down-filled' : 'caret-right-filled') : undefined}
      onClick={() => press(f)}
      data-testid="fix-button"
      data-fix={f.id}
      data-kind={kindOf(f)}
      data-primary={primary ? 'true' : 'false'}
    >
      {f.title}
      {kindOf(f) === 'grant' ? '…' : ''}
    </Button>
  );
  const steps = (f: DiagnosisFixView) =>
    open === f.id && (
      <div data-testid="fix-steps" data-fix={f.id}>
        <FixStepList steps={f.steps} />
      </div>
    );

  return (
    <div data-testid="diagnosis-answer">
      <SpaceBetween size="s">
        <Alert type={ok ? 'success' : 'error'} header={<span data-testid="diagnosis-headline" data-code={cause.code}>{headline}</span>} data-testid="primary-cause">
          <SpaceBetween size="xs">
            <Box variant="p" data-testid="primary-why">{why}</Box>
            <Box variant="small" color="text-body-secondary" data-testid="primary-code">
              {causeCodeLine(cause.code)}
            </Box>
          </SpaceBetween>
        </Alert>
        {first && (
          <div data-testid="primary-fix">
            <SpaceBetween size="xxs">
              <Box variant="small" color="text-body-secondary">Fix to try first</Box>
              {button(first, true)}
              <Box variant="small" color="text-body-secondary" data-testid="primary-fix-who">{whoDoesFix(first)}</Box>
              {kindOf(first) !== 'steps' && <ButtonCommands commands={fixButtonCommands(first)} />}
              {steps(first)}
            </SpaceBetween>
          </div>
        )}
        {rest.length > 0 && (
          <div data-testid="fixes">
            <SpaceBetween size="xxs">
              <Box variant="small" color="text-body-secondary">Other fixes, in the order to try them</Box>
              {rest.map((f) => (
                <div key={f.id}>
                  {button(f, false)}
                  <Box variant="small" color="text-body-secondary">{whoDoesFix(f)}</Box>
                  {steps(f)}
                </div>
              ))}
            </SpaceBetween>
          </div>
        )}
      </SpaceBetween>
    </div>
  );
}
