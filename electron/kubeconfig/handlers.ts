// The one-click update-kubeconfig's channels: preview, write, undo.
import type { Handlers } from '../common/channel-handlers.js';
import { KubeconfigService, type KubeconfigServiceDeps } from './service.js';

export type KubeconfigHandlers = Pick<Handlers, 'kubeconfig.plan' | 'kubeconfig.apply' | 'kubeconfig.undo'>;

export function kubeconfigHandlers(deps: KubeconfigServiceDeps): KubeconfigHandlers {
  const service = new KubeconfigService(deps);
  return {
    'kubeconfig.plan': (req) => service.plan(req),
    'kubeconfig.apply': (req) => service.apply(req),
    'kubeconfig.undo': (req) => service.undo(req),
  };
}
