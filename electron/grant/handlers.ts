// The grant wizard's channels: the options for a fix, preview, apply, restore, and the verification step.
import type { Handlers } from '../common/channel-handlers.js';
import { GrantService, type GrantDeps } from './service.js';

export type GrantHandlers = Pick<Handlers, 'grant.options' | 'grant.plan' | 'grant.apply' | 'grant.restore' | 'cell.verify'>;

export function grantHandlers(deps: GrantDeps): GrantHandlers {
  const grant = new GrantService(deps);
  return {
    'grant.options': (req) => grant.options(req),
    'grant.plan': (req) => grant.plan(req),
    'grant.apply': (req) => grant.apply(req.planId),
    'grant.restore': (req) => grant.restore(req.backupId),
    'cell.verify': (req) => grant.verifyCell(req),
  };
}
