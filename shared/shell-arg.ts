// Shell quoting, in one place: commands the app shows for people to copy into a POSIX shell.

/** Quotes an argument for a POSIX shell only when needed (ARNs and names usually need none). */
export function shellArg(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

/** shellArg, except a `<placeholder>` the reader is to replace, which is shown as is. */
export function shellArgOrPlaceholder(value: string): string {
  return /^<[a-z-]+>$/.test(value) ? value : shellArg(value);
}

/** An argument list as one command line. */
export function commandLine(args: string[]): string {
  return args.map(shellArg).join(' ');
}
