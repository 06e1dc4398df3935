// The words the app uses for a profile's kind and status: the Profiles page and the `profiles` command say the same.
import type { ProfileRowStatus, ProfileView } from './profile-types.js';

export const STATUS_LABEL: Record<ProfileRowStatus, string> = {
  valid: 'Valid',
  expired: 'Expired',
  invalid: 'Invalid',
  'sso-login-needed': 'SSO sign-in needed',
  'mfa-needed': 'MFA code needed',
  error: 'Error',
  checking: 'Checking',
  unchecked: 'Not checked',
};

export const TYPE_LABEL: Record<ProfileView['type'], string> = {
  static: 'Access keys',
  'assume-role': 'Assume role',
  sso: 'SSO',
  'credential-process': 'Credential process',
  'web-identity': 'Web identity',
  environment: 'Environment',
  unknown: 'No credentials',
};
