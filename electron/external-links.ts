/**
 * Which URLs the desktop app may hand to the system browser (shell.openExternal):
 * SSO verification pages and the AWS console, plus extra origins (the demo sandbox's pages).
 */
const ALLOWED_HOSTS = [
  /^device\.sso\.[a-z0-9-]+\.amazonaws\.com$/,
  /^[a-z0-9-]+\.awsapps\.com$/,
  /^([a-z0-9-]+\.)?console\.aws\.amazon\.com$/,
  /^signin\.aws\.amazon\.com$/,
  /^docs\.aws\.amazon\.com$/,
  /^repost\.aws$/,
];

export function isAllowedExternalUrl(url: string, extraOrigins: string[] = []): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (extraOrigins.includes(u.origin)) return true;
  return u.protocol === 'https:' && !u.username && !u.password && ALLOWED_HOSTS.some((re) => re.test(u.hostname));
}
