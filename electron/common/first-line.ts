/** The first line of an error's message (or of whatever was thrown): what a result or a status line shows. */
export function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0]!;
}

/**
 * One line for a failure nobody words: an AWS error's code in front of its message (what a search or AWS support
 * needs), unless the message already begins with it; the app's own errors and Node's as their message, without a
 * class name.
 */
export function failureLine(err: unknown): string {
  const e = err as { name?: string; Code?: string; $metadata?: unknown } | undefined;
  const message = firstLine(err);
  if (e?.$metadata === undefined) return message;
  const code = e.Code ?? (e.name && e.name !== 'Error' ? e.name : undefined);
  return code && !message.startsWith(code) ? `${code}: ${message}` : message;
}
