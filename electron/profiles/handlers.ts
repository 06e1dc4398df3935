// The Profiles page's channels: the profiles, their checks, the active profile, SSO sign-in and MFA codes.
import type { Handlers } from '../common/channel-handlers.js';
import type { ProfilesService } from './service.js';

export type ProfilesHandlers = Pick<Handlers, 'profiles.list' | 'profiles.check' | 'profiles.setActive' | 'profiles.active' | 'sso.start' | 'sso.poll' | 'mfa.submit'>;

export function profilesHandlers(profiles: ProfilesService): ProfilesHandlers {
  return {
    'profiles.list': (req) => profiles.list(req),
    'profiles.check': (req) => profiles.check(req.name),
    'profiles.setActive': (req) => profiles.setActive(req.name),
    'profiles.active': () => profiles.active(),
    'sso.start': (req) => profiles.ssoStart(req.profile),
    'sso.poll': (req) => profiles.ssoPoll(req.flowId),
    'mfa.submit': (req) => profiles.mfaSubmit(req.profile, req.code),
  };
}
