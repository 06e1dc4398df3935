/** View models of AWS profiles: what the renderer may see. Never a secret key, session or SSO token. */

export const PROFILE_TYPES = ['static', 'assume-role', 'sso', 'credential-process', 'web-identity', 'environment', 'unknown'] as const;
export type ProfileType = (typeof PROFILE_TYPES)[number];

export const PROFILE_STATUSES = ['valid', 'expired', 'invalid', 'sso-login-needed', 'mfa-needed', 'error'] as const;
export type ProfileStatus = (typeof PROFILE_STATUSES)[number];
/** A row's status as shown: a final status, or not yet known. */
export type ProfileRowStatus = ProfileStatus | 'checking' | 'unchecked';

export interface IdentityView {
  arn: string;
  account: string;
  userId: string;
  /** user | assumed-role | root | federated-user | other */
  kind: 'user' | 'assumed-role' | 'root' | 'federated-user' | 'other';
  /** The ARN EKS maps: an assumed-role session becomes its role ARN (without path). */
  canonicalArn: string;
}

export interface ProfileView {
  name: string;
  type: ProfileType;
  region: string | null;
  /** Where the profile is defined. */
  source: 'config' | 'credentials' | 'config+credentials' | 'environment';
  roleArn?: string;
  sourceProfile?: string;
  credentialSource?: string;
  /** The MFA device this profile needs, its own or inherited from a source profile. */
  mfaSerial?: string;
  sso?: { startUrl: string; region: string; accountId?: string; roleName?: string; session?: string };
  status: ProfileRowStatus;
  identity?: IdentityView;
  /** The alias of the identity's account, once a profile of that account could read it (IAM ListAccountAliases). */
  accountAlias?: string;
  error?: { code: string; message: string };
  /** ISO time when the temporary credentials expire. */
  expiresAt?: string;
  /** The IAM Identity Center sign-in an SSO profile uses, as cached where the aws CLI keeps it (never the token). */
  signIn?: SignInView;
  checkedAt?: string;
  warnings: string[];
}

export interface SignInView {
  /** ISO time when the sign-in expires. */
  expiresAt: string;
  /** The sign-in holds a refresh token and a live client registration: it renews without the browser. */
  canRefresh: boolean;
}

export interface ConfigProblem {
  file: string;
  line: number;
  message: string;
  text: string;
}

export interface ProfilesListResult {
  profiles: ProfileView[];
  problems: ConfigProblem[];
  files: { config: string; credentials: string; configExists: boolean; credentialsExists: boolean };
  active: string | null;
}

export interface ActiveProfileResult {
  name: string | null;
  profile?: ProfileView;
}

export interface SsoStartResult {
  flowId: string;
  profile: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  expiresAt: string;
  intervalSeconds: number;
}

export type SsoFlowState = 'pending' | 'complete' | 'expired' | 'denied' | 'error';

export interface SsoPollResult {
  flowId: string;
  profile: string;
  state: SsoFlowState;
  message?: string;
  /** The profile after sign-in, once complete. */
  result?: ProfileView;
}

export interface SsoRefreshResult {
  profile: string;
  /** false: the sign-in cannot be renewed without the browser (no refresh token, or it was refused): start sso.start. */
  refreshed: boolean;
  /** Why it was not renewed, in words. */
  reason?: string;
  /** The profile after the renewal, checked again. */
  result?: ProfileView;
}

/** A sign-in or temporary credentials expire within ten minutes. */
export interface ExpiryWarning {
  profile: string;
  /** Every profile that shares this sign-in (one sso-session or start URL), or just the profile. */
  profiles: string[];
  kind: 'sign-in' | 'credentials';
  expiresAt: string;
  canRefresh: boolean;
}

export interface AppInfo {
  name: string;
  version: string;
  mode: 'electron' | 'browser' | 'cli';
  demo: boolean;
  versions: Record<string, string>;
  files: { config: string; credentials: string; kubeconfig: string; ssoCache: string };
  /** How commands shown to copy name things on this machine (absent from an older app: the renderer falls back). */
  commands?: AppCommands;
}

export interface AppCommands {
  /** The words that run this app's command line as shown, e.g. `/usr/bin/node /home/me/app/bin/eks-access-doctor.cjs`. */
  cli: string;
  /** A folder for throwaway files of a check by hand (`/tmp`, or the Windows temp folder). */
  tempDir: string;
}
