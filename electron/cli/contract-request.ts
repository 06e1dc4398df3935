// Flags → a contract request, checked with the contract's own schemas (the words the app shows for the same
// mistake, with the flag's name), and a call through `dispatch`, the path the app's IPC and browser mode take.
import type { z } from 'zod';
import { channels, type ChannelName, type ParsedRequestOf, type ResponseOf } from '../../shared/contract.js';
import { dispatch, type Handlers } from '../dispatch.js';
import { CommandFailure, UsageError } from './result.js';

/** Request key → the flag a person typed for it (`clusterArn` comes from `--cluster` and `--region`). */
export type FlagNames = Record<string, string>;

function issueLine(issue: z.core.$ZodIssue, request: Record<string, unknown>, flags: FlagNames): string {
  const [key, index] = issue.path;
  if (key === undefined) return issue.message;
  const flag = flags[String(key)] ?? String(key);
  const given = request[String(key)];
  const value = typeof index === 'number' && Array.isArray(given) ? given[index] : given;
  const quoted = typeof value === 'string' ? ` "${value}"` : '';
  // "roleArn must be …" is the app's wording for the field: for the flag, "--role-arn: "x" must be …" (or "may …").
  const rest = issue.message.startsWith(`${String(key)} must `) || issue.message.startsWith(`${String(key)} may `) ? issue.message.slice(String(key).length + 1) : undefined;
  return rest ? `--${flag}:${quoted} ${rest}` : `--${flag}:${quoted}${quoted ? ':' : ''} ${issue.message}`;
}

/** The request as the channel's schema accepts it, or a UsageError naming the flag. */
export function contractRequest<K extends ChannelName>(channel: K, request: Record<string, unknown>, flags: FlagNames = {}): ParsedRequestOf<K> {
  const r = channels[channel].request.safeParse(request);
  if (!r.success) throw new UsageError(issueLine(r.error.issues[0]!, request, flags));
  return r.data as ParsedRequestOf<K>;
}

/**
 * Some fields of a channel's request, checked with the schemas that channel gives them: for a command that checks
 * its flags before it has the whole request (`fix`, before the diagnosis gives the cluster's ARN and the writer).
 */
export function contractFields(channel: ChannelName, fields: Record<string, unknown>, flags: FlagNames = {}): void {
  const shape = (channels[channel].request as unknown as z.ZodObject).shape;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const schema = shape[key];
    if (!schema) throw new Error(`${channel} has no field ${key}`);
    const r = schema.safeParse(value);
    if (!r.success) throw new UsageError(issueLine({ ...r.error.issues[0]!, path: [key, ...r.error.issues[0]!.path] }, fields, flags));
  }
}

/** One flag's value checked with a schema of the contract. */
export function contractValue(schema: z.ZodType, flag: string, value: unknown): void {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(issueLine({ ...r.error.issues[0]!, path: ['value'] }, { value }, { value: flag }));
}

/**
 * One call through dispatch; a failure keeps its contract code (the exit code follows from it) and says what its
 * source said when the envelope carries that (AWS's `Code: message`, as the aws CLI prints it), else the app's words.
 */
export async function callContract<K extends ChannelName>(handlers: Partial<Handlers>, channel: K, request: ParsedRequestOf<K>): Promise<ResponseOf<K>> {
  const envelope = await dispatch(handlers, channel, request);
  if (!envelope.ok) {
    const { code, message, origin } = envelope.error;
    throw new CommandFailure(code, origin ? [origin.what, origin.code, origin.message].filter(Boolean).join(': ') : message);
  }
  return envelope.result as ResponseOf<K>;
}
