// aws-iam-authenticator's pkg/arn: the canonical form of the ARN STS reports (docs/eks-authentication.md §3).

// Kept apart from the app's shared/arn.ts on purpose: the sandbox is the server the app is checked against, so
// its model is written independently (the same upstream table tests both).
const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);

/** Canonical ARN, or throws with the authenticator's message. Assumed roles lose their session; the rest pass unchanged. */
export function canonicalizeArn(arn: string): string {
  if (!arn.startsWith('arn:')) throw new Error(`arn '${arn}' is invalid: 'arn: invalid prefix'`);
  const parts = arn.split(':');
  if (parts.length < 6) throw new Error(`arn '${arn}' is invalid: 'arn: not enough sections'`);
  const [, partition, service, , account] = parts;
  const resource = parts.slice(5).join(':');
  if (!PARTITIONS.has(partition)) throw new Error(`arn '${arn}' does not have a recognized partition`);
  const segs = resource.split('/');
  const kind = segs[0];
  if (service === 'sts') {
    if (kind === 'federated-user') return arn;
    if (kind === 'assumed-role') {
      if (segs.length < 3) throw new Error(`assumed-role arn '${arn}' does not have a role`);
      const role = segs.slice(1, -1).join('/');
      return `arn:${partition}:iam::${account}:role/${role}`;
    }
    throw new Error(`unrecognized resource ${resource} for service sts`);
  }
  if (service === 'iam') {
    if (kind === 'role' || kind === 'user' || kind === 'root') return arn;
    throw new Error(`unrecognized resource ${resource} for service iam`);
  }
  throw new Error(`service ${service} in arn ${arn} is not a valid service for identities`);
}

/** The ARN without an IAM path: arn:aws:iam::1:role/team/Admin → arn:aws:iam::1:role/Admin. */
export function stripIamPath(arn: string): string {
  const m = /^(arn:[^:]+:iam::\d*:(?:role|user))\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? `${m[1]}/${m[2]}` : arn;
}
