import type { ProfileRowStatus, ProfileView } from '../../../shared/profile-types.js';
import { STATUS_LABEL } from '../../../shared/profile-words.js';
import { awsErrorWords } from '../../../shared/aws-error-words.js';

type IndicatorType = 'success' | 'error' | 'warning' | 'info' | 'stopped' | 'pending' | 'in-progress' | 'loading';

const STATUS_INDICATOR: Record<ProfileRowStatus, IndicatorType> = {
  valid: 'success',
  expired: 'warning',
  invalid: 'error',
  'sso-login-needed': 'pending',
  'mfa-needed': 'pending',
  error: 'error',
  checking: 'loading',
  unchecked: 'stopped',
};

export const STATUS_DISPLAY = Object.fromEntries(
  (Object.keys(STATUS_INDICATOR) as ProfileRowStatus[]).map((s) => [s, { type: STATUS_INDICATOR[s], label: STATUS_LABEL[s] }]),
) as Record<ProfileRowStatus, { type: IndicatorType; label: string }>;

/** The aws CLI command that does what the app just did (or what the user would do by hand). */
export function equivalentCommand(p: ProfileView): string {
  if (p.type === 'environment') return 'aws sts get-caller-identity   # with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the environment';
  if (p.status === 'sso-login-needed') return `aws sso login --profile ${p.name}`;
  return `aws sts get-caller-identity --profile ${p.name}`;
}

const DEFINED_IN: Record<ProfileView['source'], string> = {
  config: 'your AWS config file',
  credentials: 'your AWS credentials file',
  'config+credentials': 'your AWS config and credentials files',
  environment: 'environment variables (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)',
};

const CREDENTIAL_SOURCE: Record<string, string> = {
  Environment: 'environment variables (credential_source = Environment)',
  Ec2InstanceMetadata: "this EC2 instance's role (credential_source = Ec2InstanceMetadata)",
  EcsContainer: "this container's task role (credential_source = EcsContainer)",
};

/** Where a profile's credentials come from, in words: another profile, the machine, a sign-in, or the AWS files. */
export function credentialsFromWords(p: Pick<ProfileView, 'source' | 'sourceProfile' | 'credentialSource' | 'sso'>): string {
  if (p.sourceProfile) return `the profile ${p.sourceProfile} (source_profile)`;
  if (p.credentialSource) return CREDENTIAL_SOURCE[p.credentialSource] ?? `credential_source = ${p.credentialSource}`;
  if (p.sso) return `a sign-in at ${p.sso.startUrl}`;
  return DEFINED_IN[p.source];
}

export function matchesFilter(p: ProfileView, text: string): boolean {
  if (!text) return true;
  const needle = text.toLowerCase();
  return [p.name, p.type, p.region ?? '', p.identity?.arn ?? '', p.identity?.account ?? '', p.accountAlias ?? '', p.status, p.roleArn ?? '']
    .some((v) => v.toLowerCase().includes(needle));
}

/** Under "Accounts and roles": how many have no profile yet, and an invitation to save them only when some have none. */
export function identitiesSummary(startUrl: string, total: number, withoutProfile: number): string {
  if (total === 0) return `${startUrl} — this sign-in gives no account or role.`;
  if (withoutProfile === 0) return `${startUrl} — every account and role here already has a profile.`;
  const some = withoutProfile === total ? (total === 1 ? 'It has' : `All ${total} have`) : `${withoutProfile} of them ${withoutProfile === 1 ? 'has' : 'have'}`;
  const choose = withoutProfile === 1 ? 'Choose it to save it as a profile' : 'Choose some to save them as profiles';
  return `${startUrl} — ${some} no profile yet. ${choose} kubectl can use.`;
}

/** The app's own codes for a profile that gives no credentials, in words (AWS's codes are in shared/aws-error-words.ts). */
const PROFILE_ERROR_WORDS: Record<string, string> = {
  MfaCodeNeeded: 'this profile needs a code from your MFA device',
  SsoTokenMissing: 'this profile needs you to sign in with IAM Identity Center (SSO)',
  SsoTokenExpired: 'your IAM Identity Center (SSO) sign-in has ended — sign in again',
  UnauthorizedException: 'your IAM Identity Center (SSO) sign-in is no longer valid — sign in again',
  CredentialsMissing: 'this profile holds no usable credentials',
  NoCredentials: 'AWS gave this profile no credentials',
  InvalidConfig: "this profile's settings are incomplete or wrong",
  ConfigParseError: 'your AWS config file cannot be read',
  ProfileNotFound: 'this profile is not in your AWS config files',
  SourceProfileLoop: "this profile's source_profile chain leads back to itself",
  Timeout: "this profile's credentials did not answer in time",
  CredentialProcessFailed: "this profile's credential_process program failed",
};

/**
 * Why a profile gives no credentials, in words and without its code: "MfaCodeNeeded" → "This profile needs a code
 * from your MFA device". AWS's message when no words are known (the code stays for the details).
 */
export function profileErrorWords(code: string, message: string): string {
  const words = PROFILE_ERROR_WORDS[code] ?? awsErrorWords(code, message) ?? message;
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

export const PROFILES_DESCRIPTION = 'Every profile of your AWS config and credentials files, with the identity AWS sees for it.';
