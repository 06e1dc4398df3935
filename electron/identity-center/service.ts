// The Profiles page's IAM Identity Center section: the sign-ins it can use, device authorization for one, its
// identities, and "Save as profiles" (preview, then the write). Tokens, client secrets and device codes stay here.
import { ContractError } from '../../shared/contract-kit.js';
import type {
  IdentitiesResult, IdentityCenterPollResult, IdentityCenterSessionView, IdentityCenterSignInResult, SaveProfilesPreview, SaveProfilesResult,
} from '../../shared/identity-center-types.js';
import type { NeedsSavedProfile } from '../../shared/diagnosis-types.js';
import { backupStoreFor } from '../authmap/backup.js';
import type { ProfilesDeps } from '../profiles/deps.js';
import { loadProfiles, type ProfileDescriptor } from '../profiles/load.js';
import { readSsoToken } from '../profiles/sso-cache.js';
import { pollDeviceToken, startDeviceAuthorization, type SsoFlow } from '../profiles/sso-flow.js';
import { descriptorFor, discoverIdentities, type Identity } from './identities.js';
import { loadSession, type SessionContext } from './load-session.js';
import { keyOf } from './names.js';
import { applySavePlan, planSaveProfiles } from './save-profiles.js';
import { SessionArgumentError, SignInNeededError, type SsoSession } from './session.js';

export interface IdentityCenterDeps {
  profiles: ProfilesDeps;
  backupDir?: string;
  /** A sign-in was written: the Profiles rows on it are checked again (the file watcher takes the write as the app's own). */
  signedIn?: (sso: SsoFlow['sso']) => void;
}

const view = (s: SsoSession): IdentityCenterSessionView => ({ name: s.name, startUrl: s.startUrl, region: s.region, inConfig: s.inConfig });

export class IdentityCenterService {
  /** Sign-ins begun from a start URL in this run, before any profile names them in the config file. */
  private readonly typed = new Map<string, SsoSession>();
  private readonly flows = new Map<string, SsoFlow & { session: SsoSession }>();

  constructor(private readonly deps: IdentityCenterDeps) {}

  async sessions(): Promise<IdentityCenterSessionView[]> {
    const loaded = await loadProfiles(this.deps.profiles.env);
    const fromConfig = Object.entries(loaded.ssoSessions)
      .filter(([, s]) => s.sso_start_url && s.sso_region)
      .map(([name, s]) => ({ name, startUrl: s.sso_start_url!, region: s.sso_region!, inConfig: true }));
    return [...fromConfig, ...[...this.typed.values()].filter((t) => !loaded.ssoSessions[t.name]).map(view)];
  }

  private async context(session: string): Promise<SessionContext> {
    const typed = this.typed.get(session);
    try {
      const ctx = await loadSession(this.deps.profiles.env, typed && !typed.inConfig ? { startUrl: typed.startUrl, region: typed.region } : { session });
      if (typed && ctx.session.name !== typed.name) ctx.session = typed;
      return ctx;
    } catch (err) {
      if (err instanceof SessionArgumentError) throw new ContractError('UNKNOWN_SESSION', err.message);
      throw err;
    }
  }

  async signIn(req: { session?: string; startUrl?: string; region?: string }): Promise<IdentityCenterSignInResult> {
    let session: SsoSession;
    if (req.session) session = (await this.context(req.session)).session;
    else if (req.startUrl && req.region) {
      try {
        session = (await loadSession(this.deps.profiles.env, { startUrl: req.startUrl, region: req.region })).session;
      } catch (err) {
        if (err instanceof SessionArgumentError) throw new ContractError('BAD_START_URL', err.message);
        throw err;
      }
      if (!session.inConfig) this.typed.set(session.name, session);
    } else throw new ContractError('BAD_REQUEST', 'Give an existing sign-in (session), or a start URL and its region');
    const descriptor: ProfileDescriptor = { ...descriptorFor({ accountId: '', accountName: '', roleName: '', profile: null, suggestedName: `sso-session ${session.name}` }, session) };
    const flow = Object.assign(await startDeviceAuthorization(descriptor, this.deps.profiles), { session });
    this.flows.set(flow.id, flow);
    setTimeout(() => this.flows.delete(flow.id), 15 * 60_000).unref();
    return {
      flowId: flow.id,
      session: session.name,
      userCode: flow.userCode,
      verificationUri: flow.verificationUri,
      ...(flow.verificationUriComplete ? { verificationUriComplete: flow.verificationUriComplete } : {}),
      expiresAt: flow.expiresAt.toISOString(),
      intervalSeconds: flow.intervalSeconds,
    };
  }

  async poll(flowId: string): Promise<IdentityCenterPollResult> {
    const flow = this.flows.get(flowId);
    if (!flow) throw new ContractError('UNKNOWN_FLOW', 'This sign-in is no longer in progress; start it again');
    const state = await pollDeviceToken(flow, this.deps.profiles);
    if (state === 'complete') this.deps.signedIn?.(flow.sso);
    return { flowId, session: flow.session.name, state, ...(flow.message ? { message: flow.message } : {}) };
  }

  async identities(session: string): Promise<IdentitiesResult> {
    const ctx = await this.context(session);
    const cached = await readSsoToken(this.deps.profiles.env, { startUrl: ctx.session.startUrl, session: ctx.session.name });
    try {
      const identities = await discoverIdentities(ctx.session, ctx.loaded, ctx.configText, this.deps.profiles);
      return { session: view(ctx.session), signedIn: true, ...(cached ? { expiresAt: cached.expiresAt } : {}), identities: identities.map(identityView) };
    } catch (err) {
      if (err instanceof SignInNeededError) return { session: view(ctx.session), signedIn: false, message: err.message, identities: [] };
      throw err;
    }
  }

  /** prefix: what goes in front of the names of identities saved as new profiles. */
  private async chosen(session: string, keys: string[], prefix = ''): Promise<{ ctx: SessionContext; picked: Identity[] }> {
    const ctx = await this.context(session);
    let identities: Identity[];
    try {
      identities = await discoverIdentities(ctx.session, ctx.loaded, ctx.configText, this.deps.profiles, prefix);
    } catch (err) {
      if (err instanceof SignInNeededError) throw new ContractError('SSO_SIGN_IN_NEEDED', err.message);
      throw err;
    }
    const picked = keys.map((k) => {
      const found = identities.find((i) => keyOf(i) === k);
      if (!found) throw new ContractError('UNKNOWN_IDENTITY', `The sign-in has no account and role "${k}" (list the identities again)`);
      return found;
    });
    return { ctx, picked };
  }

  async preview(session: string, keys: string[], prefix?: string): Promise<SaveProfilesPreview> {
    const { ctx, picked } = await this.chosen(session, keys, prefix);
    return previewOf(await planSaveProfiles(ctx.loaded, ctx.session, picked));
  }

  async save(session: string, keys: string[], prefix?: string): Promise<SaveProfilesResult> {
    const { ctx, picked } = await this.chosen(session, keys, prefix);
    const plan = await planSaveProfiles(ctx.loaded, ctx.session, picked);
    const store = backupStoreFor(this.deps.profiles.env, this.deps.backupDir);
    try {
      const applied = await applySavePlan(plan, store);
      if (applied) this.typed.delete(ctx.session.name);
      return { ...previewOf(plan), written: Boolean(applied), backup: applied?.backupPath ?? null, ...(applied ? { backupId: applied.record.id } : {}) };
    } catch (err) {
      throw new ContractError('SAVE_FAILED', (err as Error).message.split('\n')[0]!);
    }
  }

  /**
   * The identity of a known sign-in shown under this name without a profile (a matrix row named as it would be
   * saved), or undefined. A sign-in that cannot be listed now (signed out, portal unreachable) is passed over: the
   * caller then says the profile does not exist, as it would without IAM Identity Center.
   */
  async unsavedIdentity(name: string): Promise<{ needs: NeedsSavedProfile; descriptor: ProfileDescriptor } | undefined> {
    for (const { name: session } of await this.sessions().catch(() => [])) {
      let ctx: SessionContext;
      let identities: Identity[];
      try {
        ctx = await this.context(session);
        identities = await discoverIdentities(ctx.session, ctx.loaded, ctx.configText, this.deps.profiles);
      } catch {
        continue;
      }
      const found = identities.find((i) => !i.profile && i.suggestedName === name);
      if (found) return { needs: { session: ctx.session.name, identity: keyOf(found), name }, descriptor: descriptorFor(found, ctx.session) };
    }
    return undefined;
  }

  /** The session's identities as matrix rows: a profile's own row where there is one. */
  async matrixRows(session: string): Promise<ProfileDescriptor[]> {
    return (await this.matrixIdentities(session)).map((m) => m.row);
  }

  /** The session's identities, each with its matrix row, from one read of the config files. */
  async matrixIdentities(session: string): Promise<Array<{ identity: Identity; row: ProfileDescriptor }>> {
    const ctx = await this.context(session);
    try {
      const identities = await discoverIdentities(ctx.session, ctx.loaded, ctx.configText, this.deps.profiles);
      return identities.map((identity) => ({
        identity,
        row: identity.profile ? ctx.loaded.profiles.find((p) => p.name === identity.profile)! : descriptorFor(identity, ctx.session),
      }));
    } catch (err) {
      if (err instanceof SignInNeededError) throw new ContractError('SSO_SIGN_IN_NEEDED', err.message);
      throw err;
    }
  }
}

const identityView = (i: Identity) => ({ key: keyOf(i), accountId: i.accountId, accountName: i.accountName, roleName: i.roleName, profile: i.profile, suggestedName: i.suggestedName });

function previewOf(plan: Awaited<ReturnType<typeof planSaveProfiles>>): SaveProfilesPreview {
  return { file: plan.target, diff: plan.diff, changed: plan.changed, profiles: plan.profiles, message: plan.message };
}

