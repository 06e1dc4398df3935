// The Profiles page's IAM Identity Center channels.
import type { Handlers } from '../common/channel-handlers.js';
import type { IdentityCenterService } from './service.js';

export type IdentityCenterHandlers = Pick<
  Handlers,
  'identityCenter.sessions' | 'identityCenter.signIn' | 'identityCenter.poll' | 'identityCenter.identities' | 'identityCenter.preview' | 'identityCenter.save'
>;

export function identityCenterHandlers(ic: IdentityCenterService): IdentityCenterHandlers {
  return {
    'identityCenter.sessions': () => ic.sessions(),
    'identityCenter.signIn': (req) => ic.signIn(req),
    'identityCenter.poll': (req) => ic.poll(req.flowId),
    'identityCenter.identities': (req) => ic.identities(req.session),
    'identityCenter.preview': (req) => ic.preview(req.session, req.identities, req.prefix),
    'identityCenter.save': (req) => ic.save(req.session, req.identities, req.prefix),
  };
}
