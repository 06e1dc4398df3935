// kubectl's contexts as the page shows them while they are checked: the list asks with its own progress id, and
// each contexts.progress step with that id replaces the contexts it names (first all of them unchecked, then each
// as its answer comes). Once the list answers, its answer is what is shown. A step missed (the event stream not yet
// open) only means the cards come with the answer, as a whole.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContextsListResult, ContextsProgress, KubectlContextView } from '../../../shared/contexts-types.js';
import { api } from '../api.js';
import { useCall } from '../useCall.js';

export interface ListProgress {
  total: number;
  checked: number;
}

interface Steps extends ListProgress {
  id: string;
  contexts: KubectlContextView[];
}

const newId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

function applyStep(steps: Steps | undefined, step: ContextsProgress): Steps | undefined {
  if (steps?.id !== step.progressId) {
    // Only the first step (every context, none checked) can start the picture.
    return step.checked === 0 ? { id: step.progressId, total: step.total, checked: 0, contexts: step.contexts } : steps;
  }
  const changed = new Map(step.contexts.map((c) => [c.name, c]));
  return { ...steps, total: step.total, checked: Math.max(steps.checked, step.checked), contexts: steps.contexts.map((c) => changed.get(c.name) ?? c) };
}

export function useContextsList() {
  // A failed re-check keeps the contexts already shown under its error.
  const call = useCall((progressId: string): Promise<ContextsListResult> => api['contexts.list']({ progressId }), { keepResultOnError: true });
  const current = useRef('');
  const [steps, setSteps] = useState<Steps | undefined>();

  useEffect(
    () =>
      api.on('contexts.progress', (step) => {
        if (step.progressId === current.current) setSteps((s) => applyStep(s, step));
      }),
    [],
  );

  const { run } = call;
  const load = useCallback(() => {
    current.current = newId();
    setSteps(undefined);
    return run(current.current);
  }, [run]);

  const live = call.running && steps?.id === current.current ? steps : undefined;
  return {
    ...call,
    load,
    contexts: live?.contexts ?? call.result?.contexts ?? [],
    progress: live ? { total: live.total, checked: live.checked } : undefined,
  };
}
