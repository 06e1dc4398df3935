import { Alert, Box, SpaceBetween } from '@cloudscape-design/components';
import type { GrantPlanView } from '../../../shared/wizard-types.js';
import { CommandLine } from '../diagnosis/CommandLine.js';
import { DiffView } from '../diagnosis/DiffView.js';

const NUMBERED = /^\d+\.\s+/;

/** The preview's lines as lists: its numbered steps ("1. …") in a numbered list, without their own number (one marker each). */
export function listsOf(lines: string[]): { numbered: boolean; lines: string[] }[] {
  const lists: { numbered: boolean; lines: string[] }[] = [];
  for (const line of lines) {
    const numbered = NUMBERED.test(line);
    const last = lists[lists.length - 1];
    const text = line.replace(NUMBERED, '');
    if (last && last.numbered === numbered) last.lines.push(text);
    else lists.push({ numbered, lines: [text] });
  }
  return lists;
}

/** Each step in plain words, its technical names below, then the command line that does the same. */
function PlainSteps({ steps }: { steps: NonNullable<GrantPlanView['steps']> }) {
  return (
    <ol className="wz-list" data-testid="grant-plain-steps">
      {steps.map((st) => (
        <li key={st.words} data-testid="grant-plain-step">
          <div data-testid="grant-step-words">{st.words}</div>
          <Box variant="small" color="text-body-secondary">{st.technical}</Box>
          <div data-testid="grant-step-commands">
            {st.commands.map((c) => (
              <CommandLine key={c} command={c} />
            ))}
          </div>
        </li>
      ))}
    </ol>
  );
}

/** A grant's preview: what will be done, the aws-auth diff, warnings, refusals and the equivalent commands. */
export function GrantPreview({ plan }: { plan: GrantPlanView }) {
  return (
    <SpaceBetween size="s">
      <div data-testid="grant-preview">
        {listsOf(plan.lines).map((list, i) => {
          // A lone sentence (the preview's headline) is no list.
          if (!list.numbered && list.lines.length === 1) return <Box key={i} variant="p">{list.lines[0]}</Box>;
          const items = list.lines.map((l, j) => <li key={j}>{l}</li>);
          return list.numbered ? <ol key={i} className="wz-list">{items}</ol> : <ul key={i} className="wz-list">{items}</ul>;
        })}
        {plan.steps && <PlainSteps steps={plan.steps} />}
      </div>
      {plan.diff && (
        <div data-testid="grant-diff">
          <Box variant="awsui-key-label">The change to the list of who may sign in</Box>
          <Box variant="small" color="text-body-secondary">ConfigMap kube-system/aws-auth</Box>
          <DiffView diff={plan.diff} />
        </div>
      )}
      {(plan.warningWords ?? plan.warnings.map((w) => ({ words: w, technical: '' }))).map((w) => (
        <Alert key={w.words} type="warning" data-testid="grant-warning">
          <div data-testid="grant-warning-words">{w.words}</div>
          {w.technical && <Box variant="small" color="text-body-secondary">{w.technical}</Box>}
        </Alert>
      ))}
      {plan.problems.map((p) => (
        <Alert key={p} type="error" header="The app will not do this" data-testid="grant-problem">{p}</Alert>
      ))}
      {/* Steps in words carry their own commands; the others' come together. */}
      {!plan.steps && (
        <div data-testid="grant-commands">
          <Box variant="awsui-key-label">The same on the command line (as {plan.writerProfile})</Box>
          {plan.commands.map((c) => (
            <CommandLine key={c} command={c} />
          ))}
        </div>
      )}
    </SpaceBetween>
  );
}
