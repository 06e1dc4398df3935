// Shell quoting, in one place: commands the app shows for people to copy into a POSIX shell.

const SAFE = /^[\w@%+=:,./-]+$/;
const PLACEHOLDER = /<[a-z-]+>/g;

/** Quotes an argument for a POSIX shell only when needed (ARNs and names usually need none). */
export function shellArg(value: string): string {
  return SAFE.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

/** shellArg, except an argument holding `<placeholder>`s the reader is to replace, which is shown as is. */
export function shellArgOrPlaceholder(value: string): string {
  const rest = value.replace(PLACEHOLDER, '');
  return rest !== value && (rest === '' || SAFE.test(rest)) ? value : shellArg(value);
}

/** An argument list as one command line. */
export function commandLine(args: string[]): string {
  return args.map(shellArg).join(' ');
}

/** An argument list as one command line, its `<placeholder>`s left for the reader to replace. */
export function shownCommandLine(args: string[]): string {
  return args.map(shellArgOrPlaceholder).join(' ');
}

/**
 * A shown command cut into its arguments and the spaces between them, quotes kept with their argument, so a page
 * can wrap it only between arguments. Joined, the pieces are the command again, character for character.
 */
export function commandPieces(command: string): string[] {
  return command.match(/(?:'[^']*'|"(?:\\.|[^"\\])*"|\S)+|\s+/g) ?? [];
}
