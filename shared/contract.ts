import { z } from 'zod';
import { channel, event, returns } from './contract-kit.js';
import type {
  ActiveProfileResult, AppInfo, ProfilesListResult, ProfileView, SsoPollResult, SsoStartResult,
} from './profile-types.js';

const profileName = z.string().min(1, 'profile name must not be empty').max(256, 'profile name is too long');
const empty = z.object({}).strict();

/**
 * THE contract: every channel once. Adding a feature = one entry here + one handler in
 * electron/handlers.ts. Request schemas are strict: unknown keys are rejected.
 */
export const channels = {
  'app.info': channel('Mode, demo badge, versions, config file paths', empty, returns<AppInfo>()),
  'profiles.list': channel(
    'All profiles with their last known status; refresh re-reads the files and re-checks, wait awaits the checks',
    z.object({ refresh: z.boolean().optional(), wait: z.boolean().optional() }).strict(),
    returns<ProfilesListResult>(),
  ),
  'profiles.check': channel('Check one profile now (STS GetCallerIdentity)', z.object({ name: profileName }).strict(), returns<ProfileView>()),
  'profiles.setActive': channel(
    "Choose the profile the app uses for its own AWS calls; never edits the user's files",
    z.object({ name: profileName }).strict(),
    returns<ActiveProfileResult>(),
  ),
  'profiles.active': channel('The active profile', empty, returns<ActiveProfileResult>()),
  'sso.start': channel('Begin the SSO device authorization for a profile', z.object({ profile: profileName }).strict(), returns<SsoStartResult>()),
  'sso.poll': channel(
    'State of a device authorization started with sso.start',
    z.object({ flowId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'flowId must be the id sso.start returned') }).strict(),
    returns<SsoPollResult>(),
  ),
  'mfa.submit': channel(
    'Assume the MFA role of a profile with a one-time code',
    z.object({ profile: profileName, code: z.string().regex(/^\d{6}$/, 'the MFA code is 6 digits') }).strict(),
    returns<ProfileView>(),
  ),
} as const;

export const events = {
  'profiles.status': event<ProfileView>('A profile check finished (or started)'),
  'sso.completed': event<SsoPollResult>('A device authorization ended: complete, expired, denied or error'),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<K extends ChannelName> = z.input<Channels[K]['request']>;
export type ParsedRequestOf<K extends ChannelName> = z.output<Channels[K]['request']>;
export type ResponseOf<K extends ChannelName> = Channels[K]['response'];
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = (typeof events)[E]['payload'];

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/** The interface the renderer talks to: window.api in Electron, the fetch client in browser mode. */
export type Api = { [K in ChannelName]: (request: RequestOf<K>) => Promise<ResponseOf<K>> } & {
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** IPC channel names used by Electron for calls and events. */
export const IPC_CALL_PREFIX = 'ead:call:';
export const IPC_EVENT = 'ead:event';
