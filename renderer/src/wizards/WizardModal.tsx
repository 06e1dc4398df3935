import { useState, type ReactNode } from 'react';
import { Alert, Button, Modal, SpaceBetween, Wizard } from '@cloudscape-design/components';
import { useFitInWindow } from './useFitInWindow.js';
import { closeWords } from './close-words.js';
import './wizards.css';

export interface WizardStep {
  title: string;
  /** What the step does and why, in plain words. */
  description: string;
  content: ReactNode;
  isOptional?: boolean;
  /** Why the user cannot go on yet (shown on the step when they try), or undefined. */
  blocker?: string;
  /** Something the step waits for is on its way (a preview, a write): Next waits too. */
  busy?: boolean;
}

interface Props {
  title: string;
  steps: WizardStep[];
  onClose: () => void;
  testId: string;
  /** The last step's button. */
  finishLabel?: string;
  onStepChange?: (index: number) => void;
  /** Whether a step has changed something (a grant, a kubeconfig write) that stays after the wizard closes. */
  changed: boolean;
  /** The last check passed: nothing is left unfinished, so closing asks nothing. */
  finished?: boolean;
}

/** A multi-step wizard in a modal: steps on the side, Back / Next, a step refuses Next while it has a blocker. */
export function WizardModal({ title, steps, onClose, testId, finishLabel = 'Done', onStepChange, changed, finished = false }: Props) {
  const [active, setActive] = useState(0);
  const [blocked, setBlocked] = useState<number | undefined>();
  // Past the first step the user has made progress: Escape, the close button or Close ask first — unless it is all done.
  const [confirming, setConfirming] = useState(false);
  const dismiss = () => (active > 0 && !finished ? setConfirming(true) : onClose());
  // A long step scrolls inside the wizard, so Back and Next stay in the window.
  const [body, setBody] = useState<HTMLDivElement | null>(null);
  useFitInWindow(body, active);
  const go = (index: number) => {
    setBlocked(undefined);
    setActive(index);
    onStepChange?.(index);
  };
  return (
    <Modal visible onDismiss={dismiss} size="max" header={title} data-testid={testId}>
      {confirming && !finished && (
        <Alert
          type="warning"
          header="Close this wizard?"
          data-testid="wizard-confirm-close"
          data-changed={changed ? 'true' : 'false'}
          action={
            <SpaceBetween direction="horizontal" size="xs">
              <Button onClick={() => setConfirming(false)} data-testid="wizard-keep-going">Keep going</Button>
              <Button variant="primary" onClick={onClose} data-testid="wizard-close-confirmed">Close the wizard</Button>
            </SpaceBetween>
          }
        >
          {closeWords(changed)}
        </Alert>
      )}
      <div data-testid="wizard" data-step={active}>
        <Wizard
          activeStepIndex={active}
          isLoadingNextStep={Boolean(steps[active]?.busy)}
          onNavigate={({ detail }) => {
            const leaving = steps[active];
            if (detail.requestedStepIndex > active && leaving?.blocker && !leaving.isOptional) {
              setBlocked(active);
              return;
            }
            go(detail.requestedStepIndex);
          }}
          onCancel={dismiss}
          onSubmit={onClose}
          submitButtonText={finishLabel}
          i18nStrings={{
            stepNumberLabel: (n) => `Step ${n}`,
            collapsedStepsLabel: (n, total) => `Step ${n} of ${total}`,
            navigationAriaLabel: 'Steps',
            cancelButton: 'Close',
            previousButton: 'Back',
            nextButton: 'Next',
            optional: 'optional',
          }}
          steps={steps.map((s, i) => ({
            title: s.title,
            description: s.description,
            isOptional: Boolean(s.isOptional),
            ...(blocked === i && s.blocker ? { errorText: s.blocker } : {}),
            content: (
              <div ref={i === active ? setBody : undefined} className="wz-body" tabIndex={0} role="group" aria-label={s.title} data-testid={`wizard-step-${i}`}>
                {s.content}
              </div>
            ),
          }))}
        />
      </div>
    </Modal>
  );
}
