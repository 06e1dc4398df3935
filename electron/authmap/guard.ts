// Checks a new aws-auth before it is written (docs/file-writes.md): the result re-read with the
// authenticator's rules must drop no item that was valid, must map the target, and — the lockout guard — must
// neither take the writer's own mapping away (when aws-auth is where the writer's access comes from) nor remove
// the last system:masters mappings.
import { readAwsAuth } from './aws-auth-read.js';
import { adminArns, simulateMapping } from './aws-auth-simulate.js';

export interface GuardSubject {
  /** The writer's canonical ARN, and whether its current access comes from aws-auth (else: creator or access entry). */
  writer: { arn: string; viaAwsAuth: boolean };
  /** The identity being granted (omitted for a restore). */
  target?: { arn: string; username?: string; groups?: string[] };
  /** Malformed items the user agreed to drop or repair may disappear. */
  invalidItemsConsent: boolean;
  /** A restore writes back exactly what was there, malformed items included. */
  allowInvalid?: boolean;
}

export function guardAwsAuthChange(before: Record<string, string>, after: Record<string, string>, subject: GuardSubject): string[] {
  const problems: string[] = [];
  const b = readAwsAuth(before);
  const a = readAwsAuth(after);
  const badKey = (x: { key: string; index: number }) => `${x.key}[${x.index}]`;
  const newlyBad = subject.allowInvalid ? [] : a.bad.filter((x) => !b.bad.some((y) => y.key === x.key && y.reason === x.reason && JSON.stringify(y.raw) === JSON.stringify(x.raw)));
  for (const x of newlyBad) problems.push(`the new aws-auth would be invalid: ${badKey(x)} would be dropped by the authenticator (${x.reason})`);
  if (a.bad.length > 0 && !subject.invalidItemsConsent && !subject.allowInvalid) {
    for (const x of a.bad.filter((y) => !newlyBad.includes(y))) {
      problems.push(`aws-auth has a malformed item the authenticator drops: ${badKey(x)} (${x.reason}); choose to repair or drop it first`);
    }
  }
  if (subject.target) {
    const m = simulateMapping(a, subject.target.arn);
    if (!m) problems.push(`the new aws-auth would not map ${subject.target.arn}`);
    else {
      if (subject.target.username !== undefined && m.username !== subject.target.username) {
        problems.push(`the new aws-auth would map ${subject.target.arn} as "${m.username}", not "${subject.target.username}" (another entry wins)`);
      }
      if (subject.target.groups && subject.target.groups.some((g) => !m.groups.includes(g))) {
        problems.push(`the new aws-auth would not give ${subject.target.arn} the groups [${subject.target.groups.join(', ')}]`);
      }
    }
  }
  if (subject.writer.viaAwsAuth) {
    const wb = simulateMapping(b, subject.writer.arn);
    const wa = simulateMapping(a, subject.writer.arn);
    if (wb && (!wa || wa.username !== wb.username || wb.groups.some((g) => !wa.groups.includes(g)))) {
      problems.push(
        `refused: after this change you (${subject.writer.arn}) would lose your own access — your mapping in aws-auth (${wb.via}, groups [${wb.groups.join(', ')}]) would be ${wa ? `changed to groups [${wa.groups.join(', ')}]` : 'gone'}. Make the change with another admin identity, or keep your entry.`,
      );
    }
  }
  const adminsBefore = adminArns(b);
  const adminsAfter = adminArns(a);
  if (adminsBefore.length > 0 && adminsAfter.length === 0) {
    problems.push(`refused: this change removes the last system:masters mapping(s) (${adminsBefore.join(', ')}); the cluster would have no admin in aws-auth`);
  }
  return problems;
}
