import type { ActiveProfileResult, ProfilesListResult, ProfileView, SsoPollResult, SsoRefreshResult, SsoStartResult } from '../../shared/profile-types.js';
import { ContractError, PassedOnError } from '../../shared/contract-kit.js';
import { AccountAliases } from './account-aliases.js';
import { createAwsClientFactory } from './aws-clients.js';
import { checkProfile, toView } from './check.js';
import { MfaSessionStore, resolveCredentials, type ResolvedCredentials } from './credentials.js';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { Env, ProfilesDeps } from './deps.js';
import { loadProfiles, type LoadedProfiles, type ProfileDescriptor } from './load.js';
import { readSignIn, signInKey } from './sign-in.js';
import { pollDeviceToken, startDeviceAuthorization, type SsoFlow } from './sso-flow.js';
import { refreshSignIn } from './sso-refresh.js';
import { UnknownProfileError } from '../common/unknown-profile.js';

export interface ProfilesEvents {
  status(view: ProfileView): void;
  ssoCompleted(result: SsoPollResult): void;
  /**
   * Runs a background sign-in's attempt, which may write the aws CLI's cache: the file watcher takes the bytes it
   * writes as the app's own (the channels that write are wrapped where the watcher is set up).
   */
  writingSignIn<T>(work: () => Promise<T>): Promise<T>;
}

export function defaultProfilesDeps(env: Env = process.env, overrides: Partial<ProfilesDeps> = {}): ProfilesDeps {
  return { env, now: () => new Date(), aws: createAwsClientFactory(env), checkTimeoutMs: 10_000, ...overrides };
}

const MAX_PARALLEL_CHECKS = 24;

/** The Profiles feature of the main process: list, check, sign in, MFA, the active profile. */
export class ProfilesService {
  private loaded?: LoadedProfiles;
  private readonly results = new Map<string, ProfileView>();
  private readonly inflight = new Map<string, Promise<ProfileView>>();
  /** Role sessions unlocked with an MFA code; the matrix scan reuses them (never a secret for the renderer). */
  readonly mfaSessions = new MfaSessionStore();
  private readonly flows = new Map<string, SsoFlow>();
  private activeName: string | null | undefined;
  private running = 0;
  private readonly queue: (() => void)[] = [];
  /** Account aliases, when asked for (the app and `profiles`; not the commands that check one profile on the way). */
  private readonly aliases?: AccountAliases;
  private profileSet?: string;

  constructor(readonly deps: ProfilesDeps, private readonly events: Partial<ProfilesEvents> = {}, opts: { accountAliases?: boolean; aliasDeadlineMs?: number } = {}) {
    const read = deps.aws.listAccountAliases;
    if (opts.accountAliases && read) this.aliases = new AccountAliases(read, (account) => this.aliasChanged(account), opts.aliasDeadlineMs);
  }

  /** The profiles of the AWS files, read once and kept; `refresh` reads them again (or takes `bytes`, read by the caller). */
  async load(refresh = false, bytes?: ReadonlyMap<string, Buffer | undefined>): Promise<LoadedProfiles> {
    if (!this.loaded || refresh) {
      this.loaded = await loadProfiles(this.deps.env, bytes);
      const profileSet = JSON.stringify(this.loaded.profiles.map((p) => [p.name, p.settings]));
      if (this.profileSet !== undefined && profileSet !== this.profileSet) this.aliases?.refresh();
      this.profileSet = profileSet;
      const names = new Set(this.loaded.profiles.map((p) => p.name));
      for (const name of this.results.keys()) if (!names.has(name)) this.results.delete(name);
      if (this.activeName === undefined) {
        const fromEnv = this.deps.env.AWS_PROFILE;
        this.activeName = fromEnv && names.has(fromEnv) ? fromEnv : names.has('default') ? 'default' : null;
      } else if (this.activeName && !names.has(this.activeName)) this.activeName = null;
    }
    return this.loaded;
  }

  async list(opts: { refresh?: boolean; wait?: boolean } = {}): Promise<ProfilesListResult> {
    const loaded = await this.load(opts.refresh);
    for (const d of loaded.profiles) {
      if (opts.refresh || (!this.results.has(d.name) && !this.inflight.has(d.name))) void this.startCheck(d);
    }
    if (opts.wait) {
      await Promise.all(loaded.profiles.map((d) => this.inflight.get(d.name)));
      await this.aliases?.settled();
    }
    return {
      profiles: loaded.profiles.map((d) => this.viewOf(d)),
      problems: loaded.problems,
      files: loaded.files,
      active: this.activeName ?? null,
    };
  }

  async check(name: string): Promise<ProfileView> {
    const d = await this.descriptor(name, true);
    return this.startCheck(d);
  }

  async setActive(name: string): Promise<ActiveProfileResult> {
    await this.descriptor(name);
    this.activeName = name;
    return this.active();
  }

  async active(): Promise<ActiveProfileResult> {
    const loaded = await this.load();
    const d = loaded.profiles.find((p) => p.name === this.activeName);
    return d ? { name: d.name, profile: this.viewOf(d) } : { name: null };
  }

  /** Credentials of a profile (the active one by default) for the app's own AWS calls. Main process only. */
  async credentials(name?: string): Promise<ResolvedCredentials> {
    const target = name ?? this.activeName;
    if (!target) throw new ContractError('NO_ACTIVE_PROFILE', 'no active profile: choose one on the Profiles page');
    const loaded = await this.load();
    return resolveCredentials(target, loaded, this.deps, this.mfaSessions);
  }

  async mfaSubmit(profile: string, code: string): Promise<ProfileView> {
    const d = await this.descriptor(profile);
    if (!d.mfa) throw new ContractError('NO_MFA', `profile "${profile}" does not use an MFA device`);
    const loaded = await this.load();
    const view = await checkProfile(d, loaded, this.deps, this.mfaSessions, { mfaCode: { profile: d.mfa.profile, code } }, this.aliasReader(d));
    const shown = this.record(view);
    // Other profiles that go through the same MFA role can now be checked with the session.
    for (const other of loaded.profiles) if (other.name !== d.name && other.mfa?.profile === d.mfa.profile) void this.startCheck(other);
    return shown;
  }

  async ssoStart(profile: string): Promise<SsoStartResult> {
    const d = await this.descriptor(profile);
    if (d.type !== 'sso' || !d.sso?.startUrl || !d.sso.region) throw new ContractError('NOT_SSO', `profile "${profile}" is not an SSO profile with sso_start_url and sso_region`);
    let flow: SsoFlow;
    try {
      flow = await startDeviceAuthorization(d, this.deps);
    } catch (err) {
      const e = err as { name?: string; message?: string };
      const message = (e.message ?? String(err)).split('\n')[0]!;
      throw e.name && e.name !== 'Error' ? new PassedOnError(e.name, message) : new ContractError('SSO_START_FAILED', message);
    }
    this.flows.set(flow.id, flow);
    void this.pollInBackground(flow);
    return {
      flowId: flow.id,
      profile: flow.profile,
      userCode: flow.userCode,
      verificationUri: flow.verificationUri,
      ...(flow.verificationUriComplete ? { verificationUriComplete: flow.verificationUriComplete } : {}),
      expiresAt: flow.expiresAt.toISOString(),
      intervalSeconds: flow.intervalSeconds,
    };
  }

  async ssoPoll(flowId: string): Promise<SsoPollResult> {
    const flow = this.flows.get(flowId);
    if (!flow) throw new ContractError('UNKNOWN_FLOW', 'no sign-in with this id is in progress');
    return this.flowResult(flow);
  }

  /** Renews an SSO sign-in with its refresh token; refreshed: false asks for a device sign-in (sso.start) instead. */
  async ssoRefresh(profile: string): Promise<SsoRefreshResult> {
    const d = await this.descriptor(profile);
    if (d.type !== 'sso' || !d.sso?.startUrl || !d.sso.region) throw new ContractError('NOT_SSO', `profile "${profile}" is not an SSO profile with sso_start_url and sso_region`);
    let outcome;
    try {
      outcome = await refreshSignIn(d, this.deps);
    } catch (err) {
      const e = err as { name?: string; message?: string };
      const message = (e.message ?? String(err)).split('\n')[0]!;
      throw e.name && e.name !== 'Error' ? new PassedOnError(e.name, message) : new ContractError('SSO_REFRESH_FAILED', message);
    }
    if (!outcome.refreshed) return { profile, refreshed: false, reason: outcome.reason };
    const result = await this.recheckSignIn(d);
    return { profile, refreshed: true, ...(result ? { result } : {}) };
  }

  /** Checks again every profile on the same sign-in as d; answers with d's row. */
  private async recheckSignIn(d: ProfileDescriptor): Promise<ProfileView | undefined> {
    const loaded = await this.load();
    const key = signInKey(d);
    const same = loaded.profiles.filter((p) => p.name === d.name || (key && signInKey(p) === key));
    const views = await Promise.all(same.map((p) => this.startCheck(p)));
    return views.find((v) => v.name === d.name);
  }

  /** Waits for every check in flight (tests, CLI). */
  async settled(): Promise<void> {
    while (this.inflight.size) await Promise.all([...this.inflight.values()]);
  }

  private flowResult(flow: SsoFlow): SsoPollResult {
    // Until the signed-in profiles are re-checked, the flow is still pending for the caller.
    const state = flow.state !== 'pending' && !flow.settled ? 'pending' : flow.state;
    const result = state === 'complete' ? this.results.get(flow.profile) : undefined;
    return { flowId: flow.id, profile: flow.profile, state, ...(flow.message && state !== 'pending' ? { message: flow.message } : {}), ...(result ? { result } : {}) };
  }

  /** The app wrote this sign-in (here, or from the IAM Identity Center section): checks again every profile on it. */
  async signedIn(sso: { startUrl: string; session?: string }): Promise<void> {
    try {
      const loaded = await this.load();
      // Every profile on the same SSO session / start URL is signed in now.
      const same = loaded.profiles.filter((p) => p.sso && (p.sso.session ?? p.sso.startUrl) === (sso.session ?? sso.startUrl));
      await Promise.all(same.map((p) => this.startCheck(p)));
    } catch {
      // The sign-in itself succeeded; the rows keep their last status.
    }
  }

  private async pollInBackground(flow: SsoFlow): Promise<void> {
    const writing = this.events.writingSignIn ?? ((work) => work());
    while (flow.state === 'pending') {
      await new Promise((r) => setTimeout(r, flow.intervalSeconds * 1000));
      await writing(() => pollDeviceToken(flow, this.deps));
    }
    if (flow.state === 'complete') await this.signedIn(flow.sso);
    flow.settled = true;
    this.events.ssoCompleted?.(this.flowResult(flow));
    setTimeout(() => this.flows.delete(flow.id), 10 * 60_000).unref();
  }

  private async descriptor(name: string, refresh = false): Promise<ProfileDescriptor> {
    const loaded = await this.load(refresh);
    const d = loaded.profiles.find((p) => p.name === name);
    if (!d) throw new UnknownProfileError(name, loaded.files);
    return d;
  }

  private viewOf(d: ProfileDescriptor): ProfileView {
    const result = this.results.get(d.name);
    if (this.inflight.has(d.name)) return { ...(result ?? toView(d)), status: 'checking' };
    return result ?? toView(d);
  }

  /** The row with its account's alias, when known: every check of the row shows it, whoever read it. */
  private withAlias(view: ProfileView): ProfileView {
    const alias = view.identity && this.aliases?.get(view.identity.account);
    if (alias === view.accountAlias || (!alias && view.accountAlias === undefined)) return view;
    const { accountAlias: _old, ...rest } = view;
    return alias ? { ...rest, accountAlias: alias } : rest;
  }

  private record(view: ProfileView): ProfileView {
    const shown = this.withAlias(view);
    this.results.set(shown.name, shown);
    this.events.status?.(shown);
    return shown;
  }

  private aliasReader(d: ProfileDescriptor) {
    const aliases = this.aliases;
    return aliases && ((account: string, credentials: AwsCredentialIdentity, region: string) => aliases.want(account, d.name, region, credentials));
  }

  /** An account's alias arrived (or changed): its rows go to the renderer again, through the status event. */
  private aliasChanged(account: string): void {
    for (const d of this.loaded?.profiles ?? []) {
      const result = this.results.get(d.name);
      if (result?.identity?.account !== account || this.inflight.has(d.name)) continue;
      this.record(result);
    }
  }

  private startCheck(d: ProfileDescriptor): Promise<ProfileView> {
    const existing = this.inflight.get(d.name);
    if (existing) return existing;
    const run = (async () => {
      await this.slot();
      try {
        const view = await checkProfile(d, this.loaded!, this.deps, this.mfaSessions, {}, this.aliasReader(d));
        const signIn = await readSignIn(d, this.deps);
        return signIn ? { ...view, signIn } : view;
      } finally {
        this.release();
      }
    })();
    const tracked = run.then((view) => {
      this.inflight.delete(d.name);
      return this.record(view);
    });
    this.inflight.set(d.name, tracked);
    this.events.status?.(this.viewOf(d));
    return tracked;
  }

  private slot(): Promise<void> {
    if (this.running < MAX_PARALLEL_CHECKS) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(() => { this.running++; resolve(); }));
  }

  private release(): void {
    this.running--;
    this.queue.shift()?.();
  }
}
