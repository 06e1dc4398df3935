// Plain wording of the diagnosis: catalogue titles, the sentence split the answer uses, a cluster's authentication
// mode in words, and the command a fix's button stands for.
import { CAUSE_CODES, causeInfo, type CauseCode } from '../../../shared/causes.js';
import type { DiagnosisFixView, KubectlSideView } from '../../../shared/diagnosis-types.js';
import { parsePrincipal } from '../../../shared/arn.js';
import type { MatrixOutcome } from '../../../shared/matrix-types.js';
import { OUTCOME_MEANING } from '../matrix/format.js';
import { probeMessageWords } from '../../../shared/network-words.js';

export function catalogueTitle(code: string): string | undefined {
  return (CAUSE_CODES as readonly string[]).includes(code) ? causeInfo(code as CauseCode).title : undefined;
}

/**
 * The first sentence of a detail and the rest. A sentence ends at ". " before a capital or a quote, so the dots
 * inside ARNs, host names and versions do not split it.
 */
export function splitFirstSentence(text: string): [string, string] {
  const m = /^([\s\S]*?[.!?])\s+(?=[A-Z"“'(])/.exec(text);
  if (!m) return [text, ''];
  return [m[1]!, text.slice(m[0].length)];
}

/** The AWS article the diagnosis follows, by its title. */
export const AWS_ARTICLE = {
  title: 'How do I resolve the "You must be logged in to the server (Unauthorized)" error when I connect to the Amazon EKS API server?',
  source: 'AWS re:Post Knowledge Center',
  url: 'https://repost.aws/knowledge-center/eks-api-server-unauthorized-error',
};

/** The "Identity" line of "what kubectl really uses" when kubectl presents none: why, in the words of what happened. */
export function kubectlIdentityLine(k: Pick<KubectlSideView, 'arn' | 'failure'>): string {
  if (k.arn) return k.arn;
  switch (k.failure?.kind) {
    case undefined:
      return '—';
    case 'no-context':
      return 'none — kubectl has no entry for this cluster yet';
    case 'kubeconfig-invalid':
      return 'none — kubectl cannot read its kubeconfig';
    case 'not-exec':
      return "none — kubectl's entry for this cluster does not sign in with AWS";
    default:
      return 'none — the token could not be made';
  }
}

const AUTH_MODE_WORDS: Record<string, string> = {
  API: 'access entries only (the aws-auth ConfigMap is ignored)',
  API_AND_CONFIG_MAP: 'access entries and the aws-auth ConfigMap',
  CONFIG_MAP: 'the aws-auth ConfigMap only (no access entries)',
};

/** Where a cluster looks up who may sign in, in words: `API_AND_CONFIG_MAP` → "access entries and the aws-auth ConfigMap". */
export function authModeWords(mode: string | undefined): string {
  if (!mode) return 'not known';
  return AUTH_MODE_WORDS[mode] ?? mode;
}

/** The line under a cause's headline: its code, kept for a search or a support ticket, never as the headline. */
export function causeCodeLine(code: string): string {
  return `Technical name, to search for: ${code}`;
}

/**
 * The commands a fix's button stands for, from the fix's own steps: the kubeconfig fix's button runs its
 * update-kubeconfig step and the check after it (what its window shows too); the steps before it are someone else's
 * to run first (an IAM administrator's policy, say); a grant's wizard writes what all its steps say.
 */
export function fixButtonCommands(fix: Pick<DiagnosisFixView, 'steps' | 'kubeconfig'>): { first: string[]; button: string[] } {
  const write = fix.kubeconfig ? kubeconfigWriteCommand(fix) : undefined;
  if (!write) return { first: [], button: fix.kubeconfig ? [] : fix.steps.map((s) => s.command) };
  const at = fix.steps.findIndex((s) => s.command === write);
  return { first: fix.steps.slice(0, at).map((s) => s.command), button: fix.steps.slice(at).map((s) => s.command) };
}

/** The update-kubeconfig command among a fix's steps. */
export function kubeconfigWriteCommand(fix: Pick<DiagnosisFixView, 'steps'>): string | undefined {
  return fix.steps.find((st) => /\bupdate-kubeconfig\b/.test(st.command))?.command;
}

/** The fix families a grant wizard writes. */
export const GRANT_FAMILIES = new Set(['aws-auth', 'access-entry', 'rbac']);

/** Who does a fix, in words: the app (with a preview), someone else first (IAM, when that is the first step) and then the app, a wizard, or only the user. */
export function whoDoesFix(fix: Pick<DiagnosisFixView, 'steps' | 'kubeconfig' | 'family'>): string {
  const app = 'it shows the change first, keeps a backup and can undo it.';
  const first = fix.kubeconfig ? fixButtonCommands(fix).first : [];
  // Only an `aws iam` command needs someone allowed to change IAM; another first step is simply not the app's.
  if (first.length && first.every((c) => /^aws iam /.test(c))) return `Someone allowed to change IAM runs the first command; then the app does the rest: ${app}`;
  if (first.length) return `You (or someone allowed to) run the first command; then the app does the rest: ${app}`;
  if (fix.kubeconfig) return `The app does this: ${app}`;
  if (GRANT_FAMILIES.has(fix.family)) return 'Opens a step-by-step wizard that needs a profile allowed to change who has access.';
  return 'Only you (or an administrator) can do this: run the commands, then diagnose again.';
}

/** Plain words and, for an expert, the technical line. */
export interface Worded {
  words: string;
  technical: string;
}

/**
 * Why a grant names another ARN than the identity AWS reported: a role's temporary session is checked as the role
 * itself, and aws-auth compares roles without their path.
 */
export function grantedArnNote(identityArn: string | undefined, principalArn: string): Worded {
  const session = identityArn ? parsePrincipal(identityArn) : undefined;
  const role = parsePrincipal(principalArn);
  const words =
    session?.kind === 'assumed-role'
      ? `You are signed in through a temporary session of the role ${session.name}. EKS does not look at the session: it checks the role itself, so access is given to the role (${principalArn}).`
      : `EKS checks this identity as ${principalArn}, so access is given to that name.`;
  const path = role?.kind === 'role' && role.path ? ` The role's path (${role.path}) is kept for an access entry; an aws-auth entry must leave it out.` : '';
  return { words: `${words}${path}`, technical: 'In technical terms: an assumed-role session ARN matches as its IAM role ARN; aws-auth entries name roles without their path.' };
}

/**
 * The app's own check of a cell, in words: what the outcome means and who Kubernetes says you are; the outcome
 * code and the groups (system:authenticated is every signed-in identity's) stay on the technical line.
 */
export function probeResultWords(p: { outcome: MatrixOutcome; username?: string; groups?: string[]; message?: string }): Worded {
  const who = p.username === undefined ? '' : ` Kubernetes knows you as "${p.username || '(empty)'}".`;
  const said = p.message ? ` ${probeMessageWords(p.message).words}.` : '';
  const groups = p.groups?.length ? `; groups ${p.groups.join(', ')}` : '';
  const meaning = OUTCOME_MEANING[p.outcome];
  return { words: `The app's own check: ${meaning.charAt(0).toLowerCase()}${meaning.slice(1)}${who}${said}`, technical: `Technical detail: outcome ${p.outcome}${groups}` };
}
