import { Box, StatusIndicator } from '@cloudscape-design/components';
import type { KubectlRunView } from '../../../shared/diagnosis-types.js';

/** A real kubectl run: the command with its exit status, then what it printed. */
export function KubectlOutput({ run, testId, outputTestId }: { run: KubectlRunView; testId: string; outputTestId: string }) {
  return (
    <div data-testid={testId} data-exit-code={run.exitCode}>
      <Box variant="h4">
        <StatusIndicator type={run.exitCode === 0 ? 'success' : 'error'}>
          $ {run.command}
          {run.exitCode === 0 ? '' : ` (exit code ${run.exitCode})`}
        </StatusIndicator>
      </Box>
      <pre className="dg-pre" data-testid={outputTestId}>
        {run.stdout}
        {run.stderr}
      </pre>
    </div>
  );
}
