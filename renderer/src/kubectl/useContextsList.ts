// kubectl's contexts as the page shows them while they are checked: the list asks with its own progress id, and
// each contexts.progress step with that id replaces the contexts it names (first all of them unchecked, then each
// as its answer comes). Once the list answers, its answer is what is shown. A step missed (the event stream not yet
// open) only means the cards come with the answer, as a whole. Checked again, a context keeps showing its last
// answer, marked as being checked again, until its new one comes: the page does not go blank under the user.
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
  /** The contexts shown with their last answer while their new one is awaited. */
  again: Set<string>;
}

const NONE: ReadonlySet<string> = new Set();

const newId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

function applyStep(steps: Steps | undefined, step: ContextsProgress, last: KubectlContextView[] | undefined): Steps | undefined {
  if (steps?.id !== step.progressId) {
    // Only the first step (every context, none checked) can start the picture.
    if (step.checked !== 0) return steps;
    const before = new Map((last ?? []).map((c) => [c.name, c]));
    const again = new Set(step.contexts.filter((c) => c.eks && before.get(c.name)?.outcome).map((c) => c.name));
    return { id: step.progressId, total: step.total, checked: 0, contexts: step.contexts.map((c) => (again.has(c.name) ? before.get(c.name)! : c)), again };
  }
  const changed = new Map(step.contexts.map((c) => [c.name, c]));
  const again = new Set([...steps.again].filter((name) => !changed.get(name)?.outcome));
  return { ...steps, total: step.total, checked: Math.max(steps.checked, step.checked), contexts: steps.contexts.map((c) => changed.get(c.name) ?? c), again };
}

export function useContextsList() {
  // A failed re-check keeps the contexts already shown under its error.
  const call = useCall((progressId: string): Promise<ContextsListResult> => api['contexts.list']({ progressId }), { keepResultOnError: true });
  const current = useRef('');
  const [steps, setSteps] = useState<Steps | undefined>();
  // The listener below is made once: it reads the last answer (kept while a re-check runs) through this.
  const last = useRef<KubectlContextView[] | undefined>(undefined);
  last.current = call.result?.contexts;

  useEffect(
    () =>
      api.on('contexts.progress', (step) => {
        if (step.progressId === current.current) setSteps((s) => applyStep(s, step, last.current));
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
    /** The contexts shown with their last answer while they are checked again. */
    again: live?.again ?? NONE,
  };
}
