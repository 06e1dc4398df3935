import { Box, Button } from '@cloudscape-design/components';
import type { ProfileView } from '../../../shared/profile-types.js';

/**
 * The one thing a row's status asks of the user, next to it: "Enter MFA code" for a role that needs one, "Sign in"
 * for an SSO profile whose sign-in ended. (The table's own buttons act on the selected row; a user reading
 * "MFA code needed" should not have to find that out.)
 */
export function RowAction({ profile, onAct }: { profile: ProfileView; onAct: (kind: 'mfa' | 'sso') => void }) {
  const kind = profile.status === 'mfa-needed' && profile.mfaSerial ? 'mfa' : profile.status === 'sso-login-needed' && profile.type === 'sso' ? 'sso' : undefined;
  if (!kind) return null;
  const words = kind === 'mfa' ? 'Enter MFA code' : 'Sign in';
  return (
    <Box display="block">
      <Button variant="inline-link" onClick={() => onAct(kind)} ariaLabel={`${words} for ${profile.name}`} data-testid={`row-${kind}-${profile.name}`}>
        {words}
      </Button>
    </Box>
  );
}
