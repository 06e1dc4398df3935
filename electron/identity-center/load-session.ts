// What the identity-center commands and the Profiles page start from: the config files as the aws CLI reads them,
// the config file's text (for the app's block), and the session named by name or by start URL.
import { createAwsClientFactory } from '../profiles/aws-clients.js';
import type { Env, ProfilesDeps } from '../profiles/deps.js';
import { loadProfiles, type LoadedProfiles } from '../profiles/load.js';
import { readConfigText } from './save-profiles.js';
import { sessionForStartUrl, sessionFromConfig, SessionArgumentError, type SsoSession } from './session.js';

export interface SessionContext {
  loaded: LoadedProfiles;
  configText: string;
  session: SsoSession;
}

export type SessionRef = { session: string } | { startUrl: string; region: string };

export async function loadSession(env: Env, ref: SessionRef): Promise<SessionContext> {
  const loaded = await loadProfiles(env);
  if (loaded.refusal) throw new SessionArgumentError(loaded.refusal);
  const { text } = await readConfigText(loaded.files.config);
  const session = 'session' in ref ? sessionFromConfig(loaded, ref.session) : sessionForStartUrl(loaded, ref.startUrl, ref.region);
  return { loaded, configText: text, session };
}

export function identityDeps(env: Env, timeoutMs = 15_000): ProfilesDeps {
  return { env, now: () => new Date(), aws: createAwsClientFactory(env, { requestTimeoutMs: timeoutMs }), checkTimeoutMs: timeoutMs };
}
