// AWS's error codes in words a person understands, with the code kept beside them (what a search engine or AWS
// support needs). The one table the Profiles page and the `profiles` command both use.

const WORDS: Record<string, string> = {
  InvalidClientTokenId: 'AWS no longer accepts this access key — deleted or deactivated',
  UnrecognizedClientException: 'AWS no longer accepts this access key — deleted or deactivated',
  InvalidAccessKeyId: 'AWS does not know this access key — deleted, or mistyped',
  SignatureDoesNotMatch: 'the secret key does not belong to this access key — mistyped or replaced',
  IncompleteSignature: 'the request was not signed completely — the credentials are incomplete',
  ExpiredToken: 'these temporary credentials have expired — sign in again or get new ones',
  ExpiredTokenException: 'these temporary credentials have expired — sign in again or get new ones',
  RequestExpired: "AWS refused a request dated too far from its own clock — check this computer's clock",
  UnauthorizedSSOTokenError: 'your IAM Identity Center sign-in has expired — sign in again',
  AccessDenied: 'AWS refused: this identity lacks the permission',
  AccessDeniedException: 'AWS refused: this identity lacks the permission',
  Throttling: 'AWS asked to slow down (too many requests at once) — try again in a moment',
  ThrottlingException: 'AWS asked to slow down (too many requests at once) — try again in a moment',
};

const WRONG_MFA = /MultiFactorAuthentication failed|invalid MFA/i;

/** The plain words for an AWS error, or undefined when the table has none (the caller then shows AWS's message). */
export function awsErrorWords(code: string, message = ''): string | undefined {
  if (WRONG_MFA.test(message)) return 'the MFA code was wrong or already used — wait for the next code and enter it';
  return WORDS[code];
}

/** "AWS no longer accepts this access key — deleted or deactivated (InvalidClientTokenId)"; AWS's message when unknown. */
export function describeAwsError(code: string, message: string): string {
  const words = awsErrorWords(code, message);
  const text = words ?? message;
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} (${code})`;
}
