// ARNs for granting access (docs/eks-authentication.md §3, §7): what the authenticator compares (canonical ARN,
// never a path) and what access entries take (IAM user/role ARN; a role path is kept there).

export interface ParsedArn {
  partition: string;
  service: string;
  account: string;
  /** 'user' | 'role' | 'assumed-role' | 'root' | 'federated-user' | other */
  kind: string;
  /** Path between the kind and the name ('' or '/team/'). */
  path: string;
  name: string;
  /** For assumed-role ARNs. */
  session?: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const m = /^arn:([^:]+):(iam|sts)::(\d{12}):(.+)$/.exec(arn.trim());
  if (!m) return undefined;
  const [, partition, service, account, resource] = m as unknown as [string, string, string, string, string];
  const segs = resource.split('/');
  const kind = segs[0]!;
  if (service === 'sts' && kind === 'assumed-role') {
    if (segs.length < 3) return undefined;
    return { partition, service, account, kind, path: '', name: segs.slice(1, -1).join('/'), session: segs[segs.length - 1] };
  }
  if (segs.length === 1) return { partition, service, account, kind, path: '', name: '' };
  const name = segs[segs.length - 1]!;
  const path = segs.length > 2 ? `/${segs.slice(1, -1).join('/')}/` : '';
  return { partition, service, account, kind, path, name };
}

export interface NormalisedPrincipal {
  /** The ARN to write into aws-auth (role/user, no path), which is also the authenticator's canonical ARN. */
  arn: string;
  kind: 'role' | 'user';
  name: string;
  account: string;
  /** Why the ARN given was changed, in plain words (one line each). */
  notes: string[];
}

/** The ARN aws-auth must name for an identity as its profile reports it: session → role, any path removed. */
export function normaliseForAwsAuth(input: string): NormalisedPrincipal {
  const p = parseArn(input);
  if (!p) throw new Error(`not an IAM user or role ARN: ${input}`);
  const notes: string[] = [];
  let kind: 'role' | 'user';
  if (p.service === 'sts' && p.kind === 'assumed-role') {
    kind = 'role';
    notes.push(
      `${input} is an assumed-role session ARN; the authenticator compares the role ARN (arn:${p.partition}:iam::${p.account}:role/${p.name}), so the mapping names the role, which covers every session.`,
    );
  } else if (p.service === 'iam' && (p.kind === 'role' || p.kind === 'user')) {
    kind = p.kind;
  } else {
    throw new Error(`${input} is not an IAM user or role (aws-auth maps users and roles only)`);
  }
  if (p.path) {
    const sso = p.path.startsWith('/aws-reserved/sso.amazonaws.com/');
    notes.push(
      sso
        ? `The path ${p.path} (IAM Identity Center's aws-reserved path) is removed: the token names the role without its path, so a mapping with the path never matches.`
        : `The path ${p.path} is removed: aws-auth ARNs must not include a path (the token's ARN carries none), so a mapping with it never matches.`,
    );
  }
  return { arn: `arn:${p.partition}:iam::${p.account}:${kind}/${p.name}`, kind, name: p.name, account: p.account, notes };
}

/** The authenticator's canonical ARN of an STS-reported ARN (assumed-role → role, no path possible). */
export function canonicalArn(input: string): string {
  const p = parseArn(input);
  if (p && p.service === 'sts' && p.kind === 'assumed-role') return `arn:${p.partition}:iam::${p.account}:role/${p.name}`;
  return input;
}

export interface AccessEntryPrincipal {
  arn: string;
  notes: string[];
  /** True when a role ARN was derived from a session ARN: any role path is unknown and absent. */
  pathUnknown: boolean;
}

/**
 * The principal ARN for CreateAccessEntry. Access entries keep a role path, but an assumed-role ARN does not carry
 * it and IAM is not asked here: the role ARN is derived without a path, and the plan says so.
 */
export function normaliseForAccessEntry(input: string): AccessEntryPrincipal {
  const p = parseArn(input);
  if (!p) throw new Error(`not an IAM user or role ARN: ${input}`);
  if (p.service === 'sts' && p.kind === 'assumed-role') {
    const arn = `arn:${p.partition}:iam::${p.account}:role/${p.name}`;
    return {
      arn,
      pathUnknown: true,
      notes: [
        `${input} is a session of the role; access entries take the role ARN, written here as ${arn}. A session ARN does not show the role's IAM path: if the role has one, EKS answers InvalidParameterException and the role's full ARN (with its path, from the IAM console or \`aws iam get-role\`) is needed.`,
      ],
    };
  }
  if (p.service === 'iam' && (p.kind === 'role' || p.kind === 'user')) return { arn: input.trim(), pathUnknown: false, notes: [] };
  throw new Error(`${input} is not an IAM user or role (access entries take IAM users and roles only)`);
}
