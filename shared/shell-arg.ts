/** Quotes an argument for a POSIX shell only when needed (ARNs and names usually need none). */
export function shellArg(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}
