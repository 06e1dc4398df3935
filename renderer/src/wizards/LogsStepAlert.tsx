import { Alert } from '@cloudscape-design/components';
import type { CallError } from '../useCall.js';

export type LogsStep = 'status' | 'enable' | 'query';

/** A step's failure in plain words, marked with its code and step for the tests. */
export function LogsStepAlert({ error, step }: { error?: CallError; step: LogsStep }) {
  if (!error) return null;
  return (
    <Alert type="error" data-testid="logs-error" data-code={error.code} data-step={step}>
      {error.message}
    </Alert>
  );
}
