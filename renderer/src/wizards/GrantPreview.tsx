import { Alert, Box, SpaceBetween } from '@cloudscape-design/components';
import type { GrantPlanView } from '../../../shared/wizard-types.js';
import { CommandLine } from '../diagnosis/CommandLine.js';
import { DiffView } from '../diagnosis/DiffView.js';

/** A grant's preview: what will be done, the aws-auth diff, warnings, refusals and the equivalent commands. */
export function GrantPreview({ plan }: { plan: GrantPlanView }) {
  return (
    <SpaceBetween size="s">
      <div data-testid="grant-preview">
        <ul className="wz-list">
          {plan.lines.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      </div>
      {plan.diff && (
        <div data-testid="grant-diff">
          <Box variant="awsui-key-label">Change to kube-system/aws-auth</Box>
          <DiffView diff={plan.diff} />
        </div>
      )}
      {plan.warnings.map((w) => (
        <Alert key={w} type="warning" data-testid="grant-warning">{w}</Alert>
      ))}
      {plan.problems.map((p) => (
        <Alert key={p} type="error" header="The app will not do this" data-testid="grant-problem">{p}</Alert>
      ))}
      <div data-testid="grant-commands">
        <Box variant="awsui-key-label">The same on the command line (as {plan.writerProfile})</Box>
        {plan.commands.map((c) => (
          <CommandLine key={c} command={c} />
        ))}
      </div>
    </SpaceBetween>
  );
}
