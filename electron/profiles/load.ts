import { readFileSync } from 'node:fs';
import type { ConfigProblem, ProfileType, ProfileView } from '../../shared/profile-types.js';
import { configFilePath, credentialsFilePath, envCredentials, type Env } from './deps.js';
import { lintIniFile } from './ini-lint.js';
import { parseIniSections } from './ini-parse.js';

export const ENV_PROFILE_NAME = '(environment)';

/**
 * A profile as the main process knows it. `settings` may hold secrets (aws_secret_access_key …):
 * it never leaves the main process — views are built by toView().
 */
export interface ProfileDescriptor {
  name: string;
  type: ProfileType;
  source: ProfileView['source'];
  settings: Record<string, string>;
  region: string | null;
  sso?: { startUrl: string; region: string; accountId?: string; roleName?: string; session?: string; scopes?: string[] };
  /** Profiles whose credentials this one needs, nearest first (source_profile chain). */
  chain: string[];
  /** The first mfa_serial along the chain, with the profile (a role) that needs it. */
  mfa?: { serial: string; profile: string };
  warnings: string[];
}

/** The region a profile's calls go to, as the aws CLI picks it. */
export function regionFor(d: ProfileDescriptor, deps: { env: Env }): string {
  return d.region || deps.env.AWS_REGION || deps.env.AWS_DEFAULT_REGION || 'us-east-1';
}

export interface LoadedProfiles {
  profiles: ProfileDescriptor[];
  problems: ConfigProblem[];
  files: { config: string; credentials: string; configExists: boolean; credentialsExists: boolean };
  ssoSessions: Record<string, Record<string, string>>;
  /**
   * Set when the aws CLI refuses a file outright (a duplicate section, a line configparser cannot read): it then
   * fails for every profile, and kubectl with it. The message names the file, the line and the reason.
   */
  refusal?: string;
}

// Read synchronously: two small files, and the token command loads this on every cache miss — Node's fs/promises
// and its thread pool cost that short process ~10 ms, far more than the reads.
function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function classify(settings: Record<string, string>): ProfileType {
  if (settings.role_arn) return settings.web_identity_token_file ? 'web-identity' : 'assume-role';
  if (settings.web_identity_token_file) return 'web-identity';
  if (settings.sso_session || settings.sso_start_url || settings.sso_account_id) return 'sso';
  if (settings.aws_access_key_id || settings.aws_secret_access_key) return 'static';
  if (settings.credential_process) return 'credential-process';
  return 'unknown';
}

/** `written`: files taken as holding these bytes (undefined: absent) instead of what is on disk now. */
export async function loadProfiles(env: Env, written?: ReadonlyMap<string, Buffer | undefined>): Promise<LoadedProfiles> {
  const config = configFilePath(env);
  const credentials = credentialsFilePath(env);
  const text = (path: string) => (written?.has(path) ? written.get(path)?.toString('utf8') : readText(path));
  const configText = text(config);
  const credentialsText = text(credentials);
  const linted = [
    ...(configText !== undefined ? lintIniFile(config, configText, 'config') : []),
    ...(credentialsText !== undefined ? lintIniFile(credentials, credentialsText, 'credentials') : []),
  ];
  const problems: ConfigProblem[] = linted.map(({ refusal: _, ...p }) => p);
  // The aws CLI reads the config file first: its first refused line is the error the user sees.
  const refused = linted.find((p) => p.refusal);
  const refusal = refused && `Unable to parse config file: ${refused.file}, line ${refused.line}: ${refused.refusal}. The aws CLI refuses every profile until this is fixed`;
  const { profiles: configFile, ssoSessions } = parseIniSections(configText ?? '', 'config');
  const { profiles: credentialsFile } = parseIniSections(credentialsText ?? '', 'credentials');

  const names = [...new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)])];
  const merged = new Map<string, { settings: Record<string, string>; source: ProfileView['source'] }>();
  for (const name of names) {
    const inConfig = name in configFile;
    const inCreds = name in credentialsFile;
    // As botocore and the SDK: the credentials file's values win over the config file's.
    const settings = { ...(configFile[name] ?? {}), ...(credentialsFile[name] ?? {}) } as Record<string, string>;
    merged.set(name, { settings, source: inConfig && inCreds ? 'config+credentials' : inConfig ? 'config' : 'credentials' });
  }

  const profiles: ProfileDescriptor[] = [];
  for (const [name, { settings, source }] of merged) {
    profiles.push(describe(name, settings, source, merged, ssoSessions, config));
  }
  profiles.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));

  const fromEnv = envCredentials(env);
  if (fromEnv) {
    profiles.unshift({
      name: ENV_PROFILE_NAME,
      type: 'environment',
      source: 'environment',
      settings: {},
      region: env.AWS_REGION || env.AWS_DEFAULT_REGION || null,
      chain: [],
      warnings: [
        'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set in the environment: they override AWS_PROFILE and every profile ' +
          'for the aws CLI, kubectl (through its exec plugin) and any other tool that reads the environment.',
      ],
    });
  }
  if (env.AWS_PROFILE && !merged.has(env.AWS_PROFILE)) {
    problems.push({ file: config, line: 0, message: `AWS_PROFILE is set to "${env.AWS_PROFILE}", which no config or credentials file defines`, text: '' });
  }
  return {
    profiles,
    problems,
    files: { config, credentials, configExists: configText !== undefined, credentialsExists: credentialsText !== undefined },
    ssoSessions,
    ...(refusal ? { refusal } : {}),
  };
}

function describe(
  name: string,
  settings: Record<string, string>,
  source: ProfileView['source'],
  all: Map<string, { settings: Record<string, string> }>,
  ssoSessions: Record<string, Record<string, string>>,
  configFile: string,
): ProfileDescriptor {
  const type = classify(settings);
  const warnings: string[] = [];
  const descriptor: ProfileDescriptor = { name, type, source, settings, region: settings.region ?? null, chain: [], warnings };

  if (type === 'sso') {
    const sessionName = settings.sso_session;
    if (sessionName) {
      const session = ssoSessions[sessionName];
      if (!session) warnings.push(`sso_session "${sessionName}" has no [sso-session ${sessionName}] section in ${configFile}`);
      descriptor.sso = {
        startUrl: session?.sso_start_url ?? '',
        region: session?.sso_region ?? settings.sso_region ?? '',
        accountId: settings.sso_account_id,
        roleName: settings.sso_role_name,
        session: sessionName,
        scopes: session?.sso_registration_scopes?.split(',').map((s) => s.trim()).filter(Boolean),
      };
    } else {
      descriptor.sso = { startUrl: settings.sso_start_url ?? '', region: settings.sso_region ?? '', accountId: settings.sso_account_id, roleName: settings.sso_role_name };
    }
    if (!descriptor.sso.startUrl || !descriptor.sso.region) warnings.push('SSO profile without sso_start_url or sso_region');
  }

  // Walk the source_profile chain: detects loops and finds an inherited mfa_serial.
  const seen = new Set([name]);
  let current: Record<string, string> | undefined = settings;
  let currentName = name;
  while (current) {
    if (current.role_arn && current.mfa_serial && !descriptor.mfa) descriptor.mfa = { serial: current.mfa_serial, profile: currentName };
    const next: string | undefined = current.role_arn ? current.source_profile : undefined;
    if (!next || next === currentName) break; // a profile may be its own source (static keys + role_arn)
    if (seen.has(next)) {
      warnings.push(`source_profile loop: ${[...descriptor.chain, next].join(' → ')}`);
      break;
    }
    seen.add(next);
    descriptor.chain.push(next);
    const parent = all.get(next);
    if (!parent) {
      warnings.push(`source_profile "${next}" is not defined`);
      break;
    }
    current = parent.settings;
    currentName = next;
  }
  if (type === 'assume-role' && !settings.source_profile && !settings.credential_source) {
    warnings.push('role_arn without source_profile or credential_source');
  }
  if (type === 'unknown') warnings.push('this profile holds no credentials (only settings such as region or output)');
  return descriptor;
}
