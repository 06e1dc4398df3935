import { Alert, Box } from '@cloudscape-design/components';
import type { DiagnosisFixView } from '../../../shared/diagnosis-types.js';
import { CommandLine } from './CommandLine.js';

/** A fix's steps as a numbered list, each with its command; a step's risk, when it has one, before its command. */
export function FixStepList({ steps }: { steps: DiagnosisFixView['steps'] }) {
  return (
    <ol className="dg-evidence">
      {steps.map((s, i) => (
        <li key={i}>
          <Box variant="p" margin={{ bottom: 'xxs' }}>{s.title}</Box>
          {s.caution && (
            <div className="dg-step-caution">
              <Alert type="warning" header="Caution" data-testid="step-caution">{s.caution}</Alert>
            </div>
          )}
          <CommandLine command={s.command} />
        </li>
      ))}
    </ol>
  );
}
