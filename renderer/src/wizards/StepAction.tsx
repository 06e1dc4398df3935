import type { ReactNode } from 'react';
import { Alert, Box, Button, SpaceBetween } from '@cloudscape-design/components';
import { CommandLine } from '../diagnosis/CommandLine.js';
import type { CallError } from '../useCall.js';

interface Props {
  /** The equivalent CLI commands, in order. */
  commands?: string[];
  commandsLabel?: string;
  /** Choices that shape what the action does, shown above its button. */
  choices?: ReactNode;
  action?: { label: string; onClick: () => void; loading?: boolean; disabled?: boolean; testId: string; primary?: boolean };
  error?: CallError;
  errorHeader?: string;
  children?: ReactNode;
}

/** A wizard step's body: the equivalent CLI command(s) with copy buttons, the button that does it, then its result. */
export function StepAction({ commands = [], commandsLabel = 'The same on the command line', choices, action, error, errorHeader = 'That did not work', children }: Props) {
  return (
    <SpaceBetween size="m">
      {commands.length > 0 && (
        <div data-testid="step-commands">
          <Box variant="awsui-key-label">{commandsLabel}</Box>
          {commands.map((c) => (
            <CommandLine key={c} command={c} />
          ))}
        </div>
      )}
      {choices}
      {action && (
        <Button variant={action.primary === false ? 'normal' : 'primary'} onClick={action.onClick} loading={action.loading} disabled={action.disabled} data-testid={action.testId}>
          {action.label}
        </Button>
      )}
      {error && (
        <Alert type="error" header={errorHeader} data-testid="step-error" data-code={error.code}>
          {error.message}
        </Alert>
      )}
      {children}
    </SpaceBetween>
  );
}
