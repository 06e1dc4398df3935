// The identities of one sign-in: every account × role, each with the config profile that already uses it (if
// any) and the name it would be saved under. Profiles inside the app's own section count as the app's, so
// saving again reuses their names instead of inventing new ones.
import type { LoadedProfiles, ProfileDescriptor } from '../profiles/load.js';
import type { ProfilesDeps } from '../profiles/deps.js';
import { ownedProfileNames } from './config-section.js';
import { profileNames, keyOf } from './names.js';
import { listAssignments, type Assignment } from './portal.js';
import { validToken, type SsoSession } from './session.js';

export interface Identity extends Assignment {
  /** A config profile that signs in as this identity, or null. */
  profile: string | null;
  /** The name this identity gets (or has) as a profile the app saves. */
  suggestedName: string;
}

const sameUrl = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/** The config profile that signs in as account × role of this session's start URL, first in file order. */
export function profileFor(loaded: LoadedProfiles, session: SsoSession, a: Pick<Assignment, 'accountId' | 'roleName'>): ProfileDescriptor | undefined {
  return loaded.profiles.find(
    (p) => p.type === 'sso' && p.sso && sameUrl(p.sso.startUrl, session.startUrl) && p.sso.accountId === a.accountId && p.sso.roleName === a.roleName,
  );
}

export function identitiesOf(assignments: Assignment[], loaded: LoadedProfiles, session: SsoSession, configText: string, prefix = ''): Identity[] {
  const owned = ownedProfileNames(configText);
  const taken = new Set(loaded.profiles.map((p) => p.name).filter((n) => !owned.has(n)));
  const names = profileNames(assignments, taken, prefix);
  return assignments.map((a) => {
    const existing = profileFor(loaded, session, a);
    return { ...a, profile: existing?.name ?? null, suggestedName: names.get(keyOf(a))! };
  });
}

/** Lists the session's assignments with the cached sign-in (SignInNeededError when there is none that works). */
export async function discoverIdentities(session: SsoSession, loaded: LoadedProfiles, configText: string, deps: ProfilesDeps, prefix = '', signal?: AbortSignal): Promise<Identity[]> {
  const token = await validToken(deps.env, session, deps.now());
  const assignments = await listAssignments(deps.aws.sso(session.region), token.accessToken, { signal });
  return identitiesOf(assignments, loaded, session, configText, prefix);
}

/** A profile as the scan and the credential chain read it, for an identity that has none in the config file. */
export function descriptorFor(identity: Identity, session: SsoSession): ProfileDescriptor {
  return {
    name: identity.suggestedName,
    type: 'sso',
    source: 'config',
    settings: { sso_session: session.name, sso_account_id: identity.accountId, sso_role_name: identity.roleName, region: session.region },
    region: session.region,
    sso: { startUrl: session.startUrl, region: session.region, accountId: identity.accountId, roleName: identity.roleName, session: session.name, scopes: session.scopes },
    chain: [],
    warnings: [],
  };
}
