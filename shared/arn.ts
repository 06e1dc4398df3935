// ARNs of AWS identities, read the way aws-iam-authenticator reads them (its pkg/arn): the one place that parses
// them, makes an assumed-role session its role, and strips IAM paths. Pure: the renderer may use it too.

/** The partitions the authenticator recognises. */
export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;

/** An ARN the authenticator would refuse, with its wording. */
export class ArnError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArnError';
  }
}

export interface ArnSections {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** The six sections of any ARN, as the AWS SDK's arn.Parse splits them (the resource may hold further colons). */
export function splitArn(arn: string): ArnSections {
  if (!arn.startsWith('arn:')) throw new ArnError(`arn '${arn}' is invalid: 'arn: invalid prefix'`);
  const sections = arn.split(':');
  if (sections.length < 6) throw new ArnError(`arn '${arn}' is invalid: 'arn: not enough sections'`);
  const [, partition, service, region, account] = sections as [string, string, string, string, string];
  return { partition, service, region, account, resource: sections.slice(5).join(':') };
}

function checkedSections(arn: string): ArnSections {
  const s = splitArn(arn);
  if (!(PARTITIONS as readonly string[]).includes(s.partition)) throw new ArnError(`arn '${arn}' does not have a recognized partition`);
  return s;
}

export type PrincipalKind = 'user' | 'role' | 'root' | 'assumed-role' | 'federated-user';

/**
 * The authenticator's canonical ARN and the kind of principal: an assumed-role session becomes its role (the role
 * part may hold slashes; the last segment is the session name), the rest pass unchanged. Throws ArnError with the
 * authenticator's message for anything it refuses.
 */
export function canonicalize(arn: string): { kind: PrincipalKind; arn: string } {
  const { partition, service, account, resource } = checkedSections(arn);
  const parts = resource.split('/');
  const type = parts[0];
  if (service === 'sts') {
    if (type === 'federated-user') return { kind: 'federated-user', arn };
    if (type === 'assumed-role') {
      if (parts.length < 3) throw new ArnError(`assumed-role arn '${arn}' does not have a role`);
      return { kind: 'assumed-role', arn: `arn:${partition}:iam::${account}:role/${parts.slice(1, -1).join('/')}` };
    }
    throw new ArnError(`unrecognized resource ${resource} for service sts`);
  }
  if (service === 'iam') {
    if (type === 'role' || type === 'user' || type === 'root') return { kind: type, arn };
    throw new ArnError(`unrecognized resource ${resource} for service iam`);
  }
  throw new ArnError(`service ${service} in arn ${arn} is not a valid service for identities`);
}

/** A role ARN without its IAM path (role/path/for/Admin → role/Admin); anything else unchanged. Throws ArnError. */
export function stripPath(arn: string): string {
  const { partition, account, resource } = checkedSections(arn);
  const parts = resource.split('/');
  if (parts[0] !== 'role' || parts.length <= 2) return arn;
  return `arn:${partition}:iam::${account}:role/${parts[parts.length - 1]}`;
}

export interface Principal {
  partition: string;
  service: 'iam' | 'sts';
  account: string;
  kind: PrincipalKind;
  /** The IAM path between the kind and the name: '' or '/team/dev/'. For a session, the path inside its role part. */
  path: string;
  /** The user's, role's or federated user's name ('' for root). */
  name: string;
  /** The session name of an assumed-role ARN. */
  session?: string;
}

/** The parts of an identity ARN (surrounding blanks ignored), or undefined when the authenticator would refuse it. */
export function parsePrincipal(input: string): Principal | undefined {
  const arn = input.trim();
  let kind: PrincipalKind;
  try {
    kind = canonicalize(arn).kind;
  } catch {
    return undefined;
  }
  const { partition, service, account, resource } = splitArn(arn);
  const segs = resource.split('/');
  const base = { partition, service: service as Principal['service'], account, kind };
  if (kind === 'root') return { ...base, path: '', name: '' };
  if (kind === 'assumed-role') {
    const role = segs.slice(1, -1);
    return { ...base, path: pathOf(role.slice(0, -1)), name: role[role.length - 1]!, session: segs[segs.length - 1]! };
  }
  return { ...base, path: pathOf(segs.slice(1, -1)), name: segs[segs.length - 1]! };
}

function pathOf(segments: string[]): string {
  return segments.length ? `/${segments.join('/')}/` : '';
}

/** The canonical ARN, or the input unchanged (trimmed) when it is not an identity ARN — for showing and comparing. */
export function canonicalArnOf(arn: string): string {
  try {
    return canonicalize(arn.trim()).arn;
  } catch {
    return arn.trim();
  }
}

/**
 * The ARN the authenticator compares and logs for an identity: a session's canonical ARN, and for an IAM role ARN the
 * role without its path (a token's session ARN never shows the path, so neither does its canonical ARN). A user keeps
 * its path. Anything else unchanged.
 */
export function matchedArnOf(arn: string): string {
  return roleWithoutPath(arn) ?? canonicalArnOf(arn);
}

/** One identity under its session, role or pathed role ARN, in any case, has one key. */
export function identityKey(arn: string): string;
export function identityKey(arn: string | undefined): string | undefined;
export function identityKey(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  const canonical = canonicalArnOf(arn);
  return (roleWithoutPath(canonical) ?? canonical).toLowerCase();
}

export function sameIdentity(a: string, b: string): boolean {
  return identityKey(a) === identityKey(b);
}

/** arn:aws:sts::A:assumed-role/R/S → arn:aws:iam::A:role/R; undefined for anything that is not a session ARN. */
export function roleOfSession(arn: string): string | undefined {
  const p = parsePrincipal(arn);
  return p?.kind === 'assumed-role' ? canonicalArnOf(arn) : undefined;
}

/** An IAM role ARN without its path; undefined for anything that is not an IAM role ARN. */
export function roleWithoutPath(arn: string): string | undefined {
  const p = parsePrincipal(arn);
  return p?.kind === 'role' ? `arn:${p.partition}:iam::${p.account}:role/${p.name}` : undefined;
}

/**
 * A profile's role_arn when it is the role the identity signs in as: it keeps the role's IAM path, which access
 * entries need and a session ARN does not show. Undefined otherwise.
 */
export function fullRoleArn(roleArn: string | undefined, identityArn: string | undefined): string | undefined {
  if (!roleArn || !identityArn || !roleWithoutPath(roleArn)) return undefined;
  return sameIdentity(roleArn, identityArn) ? roleArn : undefined;
}
