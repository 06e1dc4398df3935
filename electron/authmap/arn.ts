// ARNs for granting access (docs/eks-authentication.md §3, §7): what aws-auth must name (the authenticator's canonical ARN, never a role path) and
// what access entries take (IAM user/role ARN; a role path is kept there).
import { canonicalArnOf, matchedArnOf, parsePrincipal } from '../../shared/arn.js';

export interface NormalisedPrincipal {
  /** The ARN to write into aws-auth: the one the authenticator compares (a role without its path; a user keeps it). */
  arn: string;
  kind: 'role' | 'user';
  name: string;
  account: string;
  /** Why the ARN given was changed, in plain words (one line each). */
  notes: string[];
}

/** The ARN aws-auth must name for an identity as its profile reports it: session → role, a role's path removed. */
export function normaliseForAwsAuth(input: string): NormalisedPrincipal {
  const p = parsePrincipal(input);
  if (!p) throw new Error(`not an IAM user or role ARN: ${input}`);
  const notes: string[] = [];
  let kind: 'role' | 'user';
  if (p.kind === 'assumed-role') {
    kind = 'role';
    notes.push(
      `${input} is an assumed-role session ARN; the authenticator compares the role ARN (${canonicalArnOf(input)}), so the mapping names the role, which covers every session.`,
    );
  } else if (p.kind === 'role' || p.kind === 'user') {
    kind = p.kind;
  } else {
    throw new Error(`${input} is not an IAM user or role (aws-auth maps users and roles only)`);
  }
  if (p.path && kind === 'role') {
    const sso = p.path.startsWith('/aws-reserved/sso.amazonaws.com/');
    notes.push(
      sso
        ? `The path ${p.path} (IAM Identity Center's aws-reserved path) is removed: the token names the role without its path, so a mapping with the path never matches.`
        : `The path ${p.path} is removed: aws-auth ARNs must not include a path (the token's ARN carries none), so a mapping with it never matches.`,
    );
  }
  return { arn: matchedArnOf(input), kind, name: p.name, account: p.account, notes };
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
  const p = parsePrincipal(input);
  if (!p) throw new Error(`not an IAM user or role ARN: ${input}`);
  if (p.kind === 'assumed-role') {
    const arn = canonicalArnOf(input);
    return {
      arn,
      pathUnknown: true,
      notes: [
        `${input} is a session of the role; access entries take the role ARN, written here as ${arn}. A session ARN does not show the role's IAM path: if the role has one, EKS answers InvalidParameterException and the role's full ARN (with its path, from the IAM console or \`aws iam get-role\`) is needed.`,
      ],
    };
  }
  if (p.kind === 'role' || p.kind === 'user') return { arn: input.trim(), pathUnknown: false, notes: [] };
  throw new Error(`${input} is not an IAM user or role (access entries take IAM users and roles only)`);
}
