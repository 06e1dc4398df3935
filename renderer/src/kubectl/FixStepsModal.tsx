import { useState } from 'react';
import { Alert, Box, Button, Modal, SpaceBetween } from '@cloudscape-design/components';
import type { KubectlContextView } from '../../../shared/contexts-types.js';
import type { DiagnosisFixView } from '../../../shared/diagnosis-types.js';
import { outcomeWorks } from '../../../shared/matrix-types.js';
import { FixStepList } from '../diagnosis/FixStepList.js';
import { outcomeWords } from './format.js';
import { WhatHappened } from './WhatHappened.js';

interface Props {
  fix: DiagnosisFixView;
  /** The context as the page shows it now (its card), checked again by "Check again". */
  context: KubectlContextView | undefined;
  /** The page's list is running and this context's answer of that run is awaited (its card shows its last one). */
  again: boolean;
  /** The page's list is running and telling its steps: an answer without `again` is this run's. */
  live: boolean;
  /** Checks the cards again (this one among them); resolves when the whole list has answered. */
  onCheck: () => Promise<unknown>;
  onClose: () => void;
}

/** What the check said, in the window: it works now, or what still fails and why. */
function CheckAnswer({ context: c }: { context: KubectlContextView }) {
  if (outcomeWorks(c.outcome)) {
    return <Alert type="success" header="It works now" data-testid="steps-recheck-answer" data-outcome={c.outcome}>{outcomeWords(c)}. Close this window: its card says so too.</Alert>;
  }
  return (
    <Alert type="warning" header={c.outcome === 'UNREACHABLE' ? 'Still not reachable' : 'It still fails'} data-testid="steps-recheck-answer" data-outcome={c.outcome ?? ''}>
      <SpaceBetween size="xxs">
        <span>{outcomeWords(c)}.</span>
        {c.problem && <WhatHappened problem={c.problem} server={c.server} testId="steps-recheck-problem" />}
      </SpaceBetween>
    </Alert>
  );
}

/**
 * A fix the user (or an AWS administrator) does by hand: its commands, then "Check again", which checks the context
 * as kubectl would and says the answer here, without closing the window.
 */
export function FixStepsModal({ fix, context, again, live, onCheck, onClose }: Props) {
  const [asked, setAsked] = useState<'no' | 'waiting' | 'done'>('no');
  const check = () => {
    setAsked('waiting');
    void onCheck().finally(() => setAsked('done'));
  };
  const answered = asked === 'done' || (asked === 'waiting' && live && !again && Boolean(context?.outcome));
  return (
    <Modal
      visible
      onDismiss={onClose}
      header={fix.title}
      data-testid="steps-modal"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>Close</Button>
            {context && (
              <Button onClick={check} loading={asked === 'waiting' && !answered} data-testid="steps-recheck">Check again</Button>
            )}
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="s">
        {context?.problem && !answered && asked === 'no' && <WhatHappened problem={context.problem} server={context.server} testId="steps-problem" />}
        <Box variant="p">You (or an AWS administrator) do this one; the app cannot do it for you. Run these commands, then press Check again: the app tries this context again as kubectl would.</Box>
        <FixStepList steps={fix.steps} />
        {asked !== 'no' && !answered && (
          <Box data-testid="steps-rechecking" color="text-body-secondary">Checking {context?.name ?? 'the context'} again, as kubectl would…</Box>
        )}
        {answered && context && <CheckAnswer context={context} />}
      </SpaceBetween>
    </Modal>
  );
}
