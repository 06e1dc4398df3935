// The AWS CLI's files for a scenario: ~/.aws/config, ~/.aws/credentials and the SSO token cache,
// in the layout botocore reads (credentials.py SSOProvider, tokens.py SSOTokenProvider, utils.SSOTokenLoader).
import { createHash } from 'node:crypto';
import type { ScenarioProfile } from './scenario/schema.js';
import { registerWebIdentityToken } from './aws/sts-web-identity.js';
import { randomToken } from './world/ids.js';
import type { World } from './world/world.js';

export interface AwsFiles {
  config: string;
  credentials: string;
  /** Files to write beside them, by path: credential_process helpers (executable) and web identity tokens. */
  extraFiles: Map<string, { text: string; executable: boolean }>;
  /** SSO cache files by file name (<sha1>.json) → JSON text. */
  ssoCache: Map<string, string>;
}

type Section = { header: string; lines: Array<[string, string]> };

const REGISTRATION_SECONDS = 90 * 86_400;
const EXPIRED_AGO_SECONDS = 2 * 3600;

/** botocore's token timestamp format (tokens._serialize_utc_timestamp): no milliseconds. */
export function ssoTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The cache file name botocore looks for: sha1 of the session name, or of the start URL for legacy profiles. */
export function ssoCacheFileName(startUrl: string, sessionName?: string): string {
  return `${createHash('sha1').update(sessionName ?? startUrl, 'utf8').digest('hex')}.json`;
}

/** POSIX single quoting, which botocore's split of credential_process (shlex) undoes. */
function quoteArg(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `dirs`: where helpers (bin) and tokens (root) go; default the paths a state directory at /sandbox would use. */
export function renderAwsFiles(world: World, dirs: { bin: string; root: string } = { bin: '/sandbox/bin', root: '/sandbox' }): AwsFiles {
  const extraFiles = new Map<string, { text: string; executable: boolean }>();
  const configSections: Section[] = [];
  const credentialSections: Section[] = [];
  const ssoSessions = new Map<string, Section>();
  const ssoCache = new Map<string, string>();

  for (const profile of world.scenario.profiles) {
    const config: Section = { header: profile.name === 'default' ? 'default' : `profile ${profile.name}`, lines: [] };
    const keys = staticKeys(world, profile);
    if (keys) {
      const creds: Section = { header: profile.name, lines: [['aws_access_key_id', keys.id]] };
      if (keys.secret !== undefined) creds.lines.push(['aws_secret_access_key', keys.secret]);
      if (keys.sessionToken !== undefined) creds.lines.push(['aws_session_token', keys.sessionToken]);
      credentialSections.push(creds);
    }
    if (profile.credentialProcess) {
      const [program, ...args] = profile.credentialProcess;
      const helper = `${dirs.bin}/${program.split('/').pop()}`;
      extraFiles.set(helper, { text: credentialProcessHelper(world, profile), executable: true });
      config.lines.push(['credential_process', [helper, ...args].map(quoteArg).join(' ')]);
    }
    if (profile.webIdentity) {
      const tokenFile = `${dirs.root}/web-identity-token-${profile.name.replace(/[^\w.-]/g, '_')}`;
      const token = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: `repo:acme/${profile.name}`, aud: 'sts.amazonaws.com' })).toString('base64url')}.${randomToken(43)}`;
      registerWebIdentityToken(world, token);
      extraFiles.set(tokenFile, { text: token, executable: false });
      config.lines.push(['role_arn', profile.webIdentity.roleArn], ['web_identity_token_file', tokenFile]);
    }
    if (profile.roleArn) {
      config.lines.push(['role_arn', profile.roleArn]);
      if (profile.sourceProfile) config.lines.push(['source_profile', profile.sourceProfile]);
      if (profile.mfaSerial) config.lines.push(['mfa_serial', profile.mfaSerial]);
      if (profile.roleSessionName) config.lines.push(['role_session_name', profile.roleSessionName]);
    }
    const sso = profile.sso;
    if (sso) {
      if (sso.sessionName) {
        config.lines.push(['sso_session', sso.sessionName], ['sso_account_id', sso.accountId], ['sso_role_name', sso.roleName]);
        if (!ssoSessions.has(sso.sessionName)) {
          ssoSessions.set(sso.sessionName, ssoSessionSection(sso.sessionName, sso.startUrl, sso.region));
        }
      } else {
        config.lines.push(
          ['sso_start_url', sso.startUrl],
          ['sso_region', sso.region],
          ['sso_account_id', sso.accountId],
          ['sso_role_name', sso.roleName],
        );
      }
      const fileName = ssoCacheFileName(sso.startUrl, sso.sessionName);
      const lifetimeSeconds = sso.expired ? -EXPIRED_AGO_SECONDS : (sso.expiresInSeconds ?? world.ssoTokenLifetimeSeconds(sso.startUrl));
      if (sso.loggedIn && !ssoCache.has(fileName)) ssoCache.set(fileName, ssoTokenFile(world, { ...sso, lifetimeSeconds }));
    }
    config.lines.push(['region', profile.region]);
    configSections.push(config);
  }
  const ic = world.scenario.identityCenter;
  if (ic) {
    if (ic.sessionName && !ssoSessions.has(ic.sessionName)) ssoSessions.set(ic.sessionName, ssoSessionSection(ic.sessionName, ic.startUrl, ic.region));
    const fileName = ssoCacheFileName(ic.startUrl, ic.sessionName);
    if (ic.loggedIn && !ssoCache.has(fileName)) ssoCache.set(fileName, ssoTokenFile(world, { ...ic, lifetimeSeconds: ic.expiresInMinutes * 60 }));
  }
  return {
    config: renderIni([...configSections, ...ssoSessions.values()]),
    credentials: renderIni(credentialSections),
    ssoCache,
    extraFiles,
  };
}

function credentialProcessHelper(world: World, profile: ScenarioProfile): string {
  const key = staticKeys(world, { ...profile, credentialProcess: undefined });
  const json = JSON.stringify({ Version: 1, AccessKeyId: key?.id ?? '', SecretAccessKey: key?.secret ?? '' });
  return `#!/bin/sh\n# credential_process helper written by the EKS sandbox: prints ${profile.user}'s access key.\ncat <<'JSON'\n${json}\nJSON\n`;
}

function staticKeys(world: World, profile: ScenarioProfile): { id: string; secret?: string; sessionToken?: string } | undefined {
  if (profile.credentialProcess) return undefined;
  if (profile.sessionCredentials) {
    const { user, roleArn, expired } = profile.sessionCredentials;
    const principal = user ? world.findPrincipal(user) : world.findPrincipal(roleArn!);
    if (!principal) return undefined;
    const s = world.issueSession(principal, { sessionName: principal.kind === 'role' ? profile.name : undefined, durationSeconds: 3600 });
    if (expired) world.expireSession(s.accessKeyId);
    return { id: s.accessKeyId, secret: s.secret, sessionToken: s.sessionToken };
  }
  if (profile.accessKeyId) return { id: profile.accessKeyId, secret: profile.secretAccessKey };
  const user = world.userForProfile(profile);
  if (!user) return undefined;
  const key = user.accessKeys.find((k) => k.status === 'Active') ?? user.accessKeys[0];
  return key ? { id: key.id, secret: key.secret } : undefined;
}

function ssoSessionSection(name: string, startUrl: string, region: string): Section {
  return {
    header: `sso-session ${name}`,
    lines: [
      ['sso_start_url', startUrl],
      ['sso_region', region],
      ['sso_registration_scopes', 'sso:account:access'],
    ],
  };
}

/**
 * A cached sign-in as `aws sso login` leaves it; registered with the world so the SSO APIs accept it.
 * A negative lifetime is a sign-in that already expired.
 */
function ssoTokenFile(world: World, sso: { startUrl: string; region: string; sessionName?: string; lifetimeSeconds: number }): string {
  const now = world.now();
  const expired = sso.lifetimeSeconds <= 0;
  if (!sso.sessionName) {
    const token = world.mintSsoToken(sso.startUrl, '', sso.lifetimeSeconds);
    return JSON.stringify({ startUrl: sso.startUrl, region: sso.region, accessToken: token.accessToken, expiresAt: ssoTimestamp(token.expiresAt) });
  }
  const clientId = randomToken(16);
  const clientSecret = randomToken(48);
  // An expired sign-in also has an expired client registration, so botocore does not try a refresh.
  const registrationExpiresAt = expired ? now - EXPIRED_AGO_SECONDS * 1000 : now + REGISTRATION_SECONDS * 1000;
  world.ssoClients.set(clientId, { clientId, clientSecret, clientName: `botocore-client-${sso.sessionName}`, expiresAt: registrationExpiresAt });
  const token = world.mintSsoToken(sso.startUrl, clientId, sso.lifetimeSeconds);
  return JSON.stringify({
    startUrl: sso.startUrl,
    region: sso.region,
    accessToken: token.accessToken,
    expiresAt: ssoTimestamp(token.expiresAt),
    clientId,
    clientSecret,
    registrationExpiresAt: ssoTimestamp(registrationExpiresAt),
    refreshToken: token.refreshToken,
  });
}

function renderIni(sections: Section[]): string {
  return sections.map((s) => [`[${s.header}]`, ...s.lines.map(([k, v]) => `${k} = ${v}`)].join('\n') + '\n').join('\n');
}
