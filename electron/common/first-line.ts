/** The first line of an error's message (or of whatever was thrown): what a result or a status line shows. */
export function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0]!;
}
