import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { GetRoleCredentialsCommand } from '@aws-sdk/client-sso';
import { fromContainerMetadata, fromInstanceMetadata, fromTokenFile } from '@aws-sdk/credential-providers';
import { withDeadline } from '../common/deadline.js';
import { seconds } from '../process/run-child.js';
import { CredentialFailure, type ResolvedCredentials } from './credential-failure.js';
import { credentialsFromProcess } from './credential-process.js';
import { envCredentials, type Env, type ProfilesDeps } from './deps.js';
import { ENV_PROFILE_NAME, regionFor, type LoadedProfiles, type ProfileDescriptor } from './load.js';
import { localCredentials } from './local-credentials.js';
import { readSsoToken } from './sso-cache.js';

export { CredentialFailure, type ResolvedCredentials };

/**
 * How long a profile's credentials may take, source profiles and helpers included. The aws CLI waits for a
 * credential_process without limit; the app must not, since one stuck helper would hold up every scan and check.
 * Long enough for a helper that pops up a GUI prompt (a keychain or an authenticator push).
 */
export const DEFAULT_CREDENTIAL_TIMEOUT_MS = 20_000;
/** Overrides the default for the CLI and the app (tests use a short one). */
export const CREDENTIAL_TIMEOUT_ENV = 'EAD_CREDENTIAL_TIMEOUT_MS';

export function credentialTimeoutFrom(env: Env): number {
  const n = Number(env[CREDENTIAL_TIMEOUT_ENV]);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_CREDENTIAL_TIMEOUT_MS;
}

/** Role sessions obtained with an MFA code, kept in memory only (like the CLI's cache, but never on disk). */
export class MfaSessionStore {
  private readonly sessions = new Map<string, ResolvedCredentials>();
  get(profile: string, now: Date): ResolvedCredentials | undefined {
    const s = this.sessions.get(profile);
    if (s && s.expiration && s.expiration.getTime() - 60_000 <= now.getTime()) {
      this.sessions.delete(profile);
      return undefined;
    }
    return s;
  }
  set(profile: string, creds: ResolvedCredentials): void {
    this.sessions.set(profile, creds);
  }
}

export interface ResolveOptions {
  /** A code for the MFA role of this chain (mfa.submit). */
  mfaCode?: { profile: string; code: string };
  signal?: AbortSignal;
}

interface ChainOptions extends ResolveOptions {
  signal: AbortSignal;
  /** Date.now() by which the whole chain must have answered. */
  deadline: number;
}

function sessionName(deps: ProfilesDeps): string {
  return `eks-access-doctor-${deps.now().getTime()}`;
}

/**
 * Resolves a profile's credentials the way the aws CLI does, with the injected env, files and clients — within
 * the credential deadline: a source that does not answer in time is a CredentialFailure "did not answer within N s".
 */
export function resolveCredentials(name: string, loaded: LoadedProfiles, deps: ProfilesDeps, mfa: MfaSessionStore, opts: ResolveOptions = {}): Promise<ResolvedCredentials> {
  const ms = deps.credentialTimeoutMs ?? credentialTimeoutFrom(deps.env);
  const deadline = Date.now() + ms;
  // A credential_process ends itself at the deadline with a message naming the helper; this is the net for the rest.
  const grace = 250;
  return withDeadline(
    ms + grace,
    () => new CredentialFailure('error', 'Timeout', `the credentials of profile "${name}" did not answer within ${seconds(ms)} s`),
    (signal) => resolveChain(name, loaded, deps, mfa, { ...opts, signal, deadline }, []),
    opts.signal,
  );
}

async function resolveChain(name: string, loaded: LoadedProfiles, deps: ProfilesDeps, mfa: MfaSessionStore, opts: ChainOptions, visiting: string[]): Promise<ResolvedCredentials> {
  if (loaded.refusal) throw new CredentialFailure('error', 'ConfigParseError', loaded.refusal);
  if (visiting.includes(name)) throw new CredentialFailure('error', 'SourceProfileLoop', `source_profile loop: ${[...visiting, name].join(' → ')}`);
  const d = loaded.profiles.find((p) => p.name === name);
  if (!d) throw new CredentialFailure('error', 'ProfileNotFound', `profile "${name}" is not defined in ${loaded.files.config} or ${loaded.files.credentials}`);
  const s = d.settings;
  const region = regionFor(d, deps);
  switch (d.type) {
    case 'environment': {
      const e = localCredentials(d, deps.env);
      if (!e) throw new CredentialFailure('error', 'CredentialsMissing', 'AWS_ACCESS_KEY_ID is no longer set');
      return e;
    }
    case 'static':
      return staticKeys(d, deps);
    case 'sso':
      return ssoCredentials(d, deps, region, opts.signal);
    case 'credential-process':
      return credentialsFromProcess({ profile: name, line: s.credential_process!, env: deps.env, timeoutMs: Math.max(1, opts.deadline - Date.now()), signal: opts.signal });
    case 'web-identity': {
      const creds = await fromTokenFile({
        webIdentityTokenFile: s.web_identity_token_file,
        roleArn: s.role_arn,
        roleSessionName: s.role_session_name || sessionName(deps),
        clientConfig: deps.aws.innerClientConfig(region),
      })();
      return creds;
    }
    case 'assume-role': {
      const cached = mfa.get(name, deps.now());
      if (cached) return cached;
      let source: ResolvedCredentials;
      if (s.source_profile === name) source = staticKeys(d, deps);
      else if (s.source_profile) source = await resolveChain(s.source_profile, loaded, deps, mfa, opts, [...visiting, name]);
      else if (s.credential_source) source = await credentialSource(s.credential_source, deps);
      else throw new CredentialFailure('error', 'InvalidConfig', `profile "${name}" has role_arn but neither source_profile nor credential_source`);
      const serial = s.mfa_serial;
      let tokenCode: string | undefined;
      if (serial) {
        if (opts.mfaCode?.profile !== name) {
          throw new CredentialFailure('mfa-needed', 'MfaCodeNeeded', `role ${s.role_arn} needs a code from MFA device ${serial}`);
        }
        tokenCode = opts.mfaCode.code;
      }
      const out = await deps.aws.sts(region, source).send(
        new AssumeRoleCommand({
          RoleArn: s.role_arn,
          RoleSessionName: s.role_session_name || sessionName(deps),
          ...(s.external_id ? { ExternalId: s.external_id } : {}),
          ...(s.duration_seconds ? { DurationSeconds: Number(s.duration_seconds) } : {}),
          ...(serial ? { SerialNumber: serial, TokenCode: tokenCode } : {}),
        }),
        { abortSignal: opts.signal },
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new CredentialFailure('error', 'NoCredentials', 'AssumeRole returned no credentials');
      const creds = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
      if (serial) mfa.set(name, creds);
      return creds;
    }
    default:
      throw new CredentialFailure('error', 'CredentialsMissing', `profile "${name}" holds no credentials`);
  }
}

function staticKeys(d: ProfileDescriptor, deps: ProfilesDeps): ResolvedCredentials {
  const keys = localCredentials({ ...d, type: 'static' }, deps.env);
  if (!keys) throw new CredentialFailure('error', 'CredentialsMissing', `profile "${d.name}" lacks ${d.settings.aws_access_key_id ? 'aws_secret_access_key' : 'aws_access_key_id'}`);
  return keys;
}

async function credentialSource(source: string, deps: ProfilesDeps): Promise<ResolvedCredentials> {
  if (source === 'Environment') {
    const e = envCredentials(deps.env);
    if (!e) throw new CredentialFailure('error', 'CredentialsMissing', 'credential_source = Environment but AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set');
    return { accessKeyId: e.accessKeyId, secretAccessKey: e.secretAccessKey, sessionToken: e.sessionToken };
  }
  if (source === 'Ec2InstanceMetadata') return fromInstanceMetadata({ timeout: 1000, maxRetries: 0 })();
  if (source === 'EcsContainer') return fromContainerMetadata({ timeout: 1000, maxRetries: 0 })();
  throw new CredentialFailure('error', 'InvalidConfig', `unknown credential_source "${source}" (Environment, Ec2InstanceMetadata or EcsContainer)`);
}

async function ssoCredentials(d: ProfileDescriptor, deps: ProfilesDeps, _region: string, signal: AbortSignal): Promise<ResolvedCredentials> {
  const sso = d.sso!;
  if (!sso.startUrl || !sso.region || !sso.accountId || !sso.roleName) {
    throw new CredentialFailure('error', 'InvalidConfig', `SSO profile "${d.name}" needs sso_start_url, sso_region, sso_account_id and sso_role_name`);
  }
  const token = await readSsoToken(deps.env, sso);
  if (!token) throw new CredentialFailure('sso-login-needed', 'SsoTokenMissing', `no SSO sign-in cached for ${sso.session ? `session "${sso.session}"` : sso.startUrl}`);
  if (Date.parse(token.expiresAt) <= deps.now().getTime()) {
    throw new CredentialFailure('sso-login-needed', 'SsoTokenExpired', `the SSO sign-in expired at ${token.expiresAt}`);
  }
  try {
    const out = await deps.aws.sso(sso.region).send(
      new GetRoleCredentialsCommand({ accessToken: token.accessToken, accountId: sso.accountId, roleName: sso.roleName }),
      { abortSignal: signal },
    );
    const c = out.roleCredentials;
    if (!c?.accessKeyId || !c.secretAccessKey) throw new CredentialFailure('error', 'NoCredentials', 'GetRoleCredentials returned no credentials');
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration ? new Date(c.expiration) : undefined };
  } catch (err) {
    const e = err as { name?: string; message?: string };
    if (e.name === 'UnauthorizedException') throw new CredentialFailure('sso-login-needed', e.name, e.message ?? 'SSO session is not valid');
    throw err;
  }
}

export { ENV_PROFILE_NAME };
