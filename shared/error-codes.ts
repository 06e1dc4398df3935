// The codes a failed call carries (`{ok: false, error: {code, message}}`): the app's own, named here once, and the
// names AWS or the credential chain gave a failure (AccessDeniedException, ExpiredToken, …), passed on as they are.

export const APP_ERROR_CODES = [
  // Transports and dispatch
  'UNKNOWN_CHANNEL', 'INVALID_REQUEST', 'INTERNAL', 'FORBIDDEN_SENDER',
  'FORBIDDEN_HOST', 'FORBIDDEN_ORIGIN', 'NOT_FOUND', 'METHOD_NOT_ALLOWED', 'BAD_TOKEN', 'BAD_CONTENT_TYPE', 'TOO_LARGE', 'INVALID_JSON',
  // Profiles and sign-in
  'PROFILE_NOT_FOUND', 'PROFILE_NOT_SAVED', 'NO_ACTIVE_PROFILE', 'NO_MFA', 'NOT_SSO', 'UNKNOWN_FLOW', 'UNKNOWN_SESSION', 'UNKNOWN_IDENTITY',
  'SSO_SIGN_IN_NEEDED', 'SSO_START_FAILED', 'SSO_REFRESH_FAILED', 'BAD_START_URL', 'CREDENTIALS_NOT_WORKING', 'SAVE_FAILED',
  // Matrix, diagnosis, contexts
  'NO_SCAN', 'CLUSTER_NOT_FOUND', 'DIAGNOSIS_FAILED', 'CONTEXTS_FAILED', 'BAD_REQUEST',
  // Kubeconfig
  'KUBECONFIG_CHANGED', 'KUBECONFIG_INVALID', 'CLUSTER_NOT_READY', 'PLAN_FAILED', 'APPLY_FAILED', 'UNKNOWN_UNDO', 'UNDO_FAILED',
  // Grants and restores
  'FIX_NOT_APPLICABLE', 'NOT_A_GRANT', 'NOT_GRANTABLE', 'GRANT_REFUSED', 'UNKNOWN_PLAN', 'UNKNOWN_BACKUP', 'RESTORE_REFUSED', 'RESTORE_FAILED',
  // Logs
  'LOGGING_OFF', 'QUERY_FAILED', 'QUERY_TIMEOUT',
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

declare const passedOn: unique symbol;
/** A failure's name given by AWS or the credential chain, passed on as the code; made only by passedOnCode. */
export type PassedOnCode = string & { readonly [passedOn]: true };

export type ErrorCode = AppErrorCode | PassedOnCode;

export function passedOnCode(name: string): PassedOnCode {
  return name as PassedOnCode;
}

export function isAppErrorCode(code: string): code is AppErrorCode {
  return (APP_ERROR_CODES as readonly string[]).includes(code);
}
