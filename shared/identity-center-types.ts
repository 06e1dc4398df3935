// What the Profiles page's IAM Identity Center section receives: sign-ins, identities, the save preview and result.
// No token, client secret or device code ever appears here.
export interface IdentityCenterSessionView {
  name: string;
  startUrl: string;
  region: string;
  /** From an [sso-session] section of the config file (else from a start URL typed in this run). */
  inConfig: boolean;
}

export interface IdentityCenterSignInResult {
  flowId: string;
  session: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  expiresAt: string;
  intervalSeconds: number;
}

export interface IdentityCenterPollResult {
  flowId: string;
  session: string;
  state: 'pending' | 'complete' | 'expired' | 'denied' | 'error';
  message?: string;
}

export interface IdentityView {
  /** accountId/roleName: what the page sends back to choose it. */
  key: string;
  accountId: string;
  accountName: string;
  roleName: string;
  /** The config profile that already signs in as it, or null. */
  profile: string | null;
  /** The name it gets (or has) as a profile the app saves; also its row in the matrix. */
  suggestedName: string;
}

export interface IdentitiesResult {
  session: IdentityCenterSessionView;
  /** false: no sign-in that works is cached; `message` says so and the page offers to sign in. */
  signedIn: boolean;
  message?: string;
  /** When the cached sign-in ends (ISO time). */
  expiresAt?: string;
  identities: IdentityView[];
}

export interface SaveProfilesPreview {
  file: string;
  diff: string;
  changed: boolean;
  profiles: { name: string; accountId: string; roleName: string; existing: boolean }[];
  message: string;
}

export interface SaveProfilesResult extends SaveProfilesPreview {
  written: boolean;
  backup: string | null;
  backupId?: string;
}
