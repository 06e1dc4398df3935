// The "Your kubectl" page's channels: the contexts kubectl uses and what each really does, and "Use with kubectl".
import type { ContextsProgress } from '../../shared/contexts-types.js';
import type { Handlers } from '../common/channel-handlers.js';
import { contextsError, listContexts, type ContextsDeps } from './service.js';
import { UseWithKubectl } from './use-with-kubectl.js';

export type ContextsHandlers = Pick<Handlers, 'contexts.list' | 'contexts.usePlan' | 'contexts.useApply' | 'contexts.useUndo'>;

export function contextsHandlers(deps: ContextsDeps & { now?: () => Date; progress?: (step: ContextsProgress) => void }): ContextsHandlers {
  const use = new UseWithKubectl(deps);
  const { progress } = deps;
  return {
    'contexts.list': (req) => {
      const { progressId } = req;
      const onProgress = progressId && progress ? (step: Omit<ContextsProgress, 'progressId'>) => progress({ progressId, ...step }) : undefined;
      return listContexts(deps, { check: req.check !== false, ...(onProgress ? { onProgress } : {}) }).catch(contextsError);
    },
    'contexts.usePlan': (req) => use.plan(req),
    'contexts.useApply': (req) => use.apply(req),
    'contexts.useUndo': (req) => use.undo(req),
  };
}
