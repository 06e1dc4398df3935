// What the app already knows about an AWS profile on one cluster, in a few words for the "Use with kubectl" choice:
// the access matrix's last answer for that pair, else what the Your kubectl page's check of the context found, else the
// profile's own sign-in check. Nothing is probed for it.
import type { KubectlContextView } from '../../../shared/contexts-types.js';
import type { MatrixCell, MatrixState } from '../../../shared/matrix-types.js';
import { kubectlMarks, notExpected } from '../matrix/expectations.js';
import type { ProfileView } from '../../../shared/profile-types.js';
import { STATUS_LABEL } from '../../../shared/profile-words.js';

/** works: it gets in; fails: the cluster or AWS refuses it; unknown: never tried on this cluster. */
export type StandingKind = 'works' | 'fails' | 'unknown' | 'unsure';

export interface ProfileStanding {
  kind: StandingKind;
  /** A few words for the list: "works here — signs in as alice". */
  words: string;
  /** Why, in one sentence, when the app knows (the matrix cell's message). */
  why?: string;
  /** The Kubernetes user (or IAM identity) it signs in as, when it gets in. */
  signsInAs?: string;
  /** Gets in with full admin rights (ADMIN), not just access: a narrower working profile is offered before it. */
  admin?: boolean;
  /** Known from the Your kubectl page's check of a context, not from the Access matrix. */
  fromKubectl?: boolean;
}

const NO_CREDENTIAL_STATUSES = new Set(['expired', 'invalid', 'sso-login-needed', 'mfa-needed', 'error']);

/** A profile that only waits for the person (an MFA code, an SSO sign-in) is not broken: say what it needs, as the Profiles page does. */
function waitsForPerson(profile: ProfileView | undefined): string | undefined {
  if (profile?.status === 'mfa-needed') return 'needs your MFA code first (Profiles page)';
  if (profile?.status === 'sso-login-needed') return 'needs an SSO sign-in first (Profiles page)';
  return undefined;
}

/**
 * The caution for a profile that gets in only with full administrator rights: kubectl would act as an administrator.
 * Shown wherever the app offers such a profile, so nobody makes an administrator's identity their everyday login.
 */
export function adminCaution(profile: string): string {
  return `${profile} ${adminCautionAfterName()}`;
}

/** The caution's words after the profile's name (a card sets the name apart); `source`: where the app saw it get in. */
export function adminCautionAfterName(opts: { source?: string; askButtonAbove?: boolean } = {}): string {
  return (
    `gets in, but with full administrator rights${opts.source ? ` (${opts.source})` : ''}: kubectl would act as an administrator on this cluster. ` +
    `Use it only if that profile is meant for you; otherwise ask for your own access${opts.askButtonAbove ? ' (the button above)' : ''}.`
  );
}

/** The last part of an ARN is what a person recognises: user/alice, assumed-role/Developer/alice. */
function shortIdentity(cell: MatrixCell): string | undefined {
  const arn = cell.evidence.identityArn;
  return cell.username && !cell.username.startsWith('arn:') ? cell.username : arn ? arn.split(':').pop() : cell.username;
}

/** What the matrix knows of the pair besides the cell: another account's profile that kubectl never uses there. */
export interface PairFacts {
  otherAccount?: boolean;
}

export function profileStanding(profile: ProfileView | undefined, cell: MatrixCell | undefined, facts: PairFacts = {}): ProfileStanding {
  const standing = standingOf(profile, cell, facts);
  // A message that only repeats the words ("401 Unauthorized") adds nothing.
  if (standing.why && standing.words.toLowerCase().includes(standing.why.toLowerCase().replace(/\.$/, ''))) delete standing.why;
  return standing;
}

function standingOf(profile: ProfileView | undefined, cell: MatrixCell | undefined, facts: PairFacts): ProfileStanding {
  const why = cell?.message ? { why: cell.message } : {};
  // Nobody expects this pair to work (the matrix greys it as "Not expected").
  if (facts.otherAccount) {
    return { kind: 'fails', words: "another account's profile — nothing maps it here", ...why };
  }
  switch (cell?.outcome) {
    case 'ADMIN':
    case 'ACCESS': {
      const who = shortIdentity(cell);
      const admin = cell.outcome === 'ADMIN';
      return { kind: 'works', words: `works here${admin ? ' (full admin)' : ''}${who ? ` — signs in as ${who}` : ''}`, ...(who ? { signsInAs: who } : {}), ...(admin ? { admin } : {}) };
    }
    case 'UNAUTHORIZED':
      return { kind: 'fails', words: 'refused by this cluster (401 Unauthorized)', ...why };
    case 'FORBIDDEN':
      return { kind: 'fails', words: `signs in${shortIdentity(cell) ? ` as ${shortIdentity(cell)}` : ''} but may do nothing here (403 Forbidden)`, ...why };
    case 'NO_CREDENTIALS':
      return { kind: 'fails', words: waitsForPerson(profile) ?? 'no credentials — it cannot sign in', ...why };
    case 'UNREACHABLE':
      return { kind: 'unsure', words: 'not known: the cluster did not answer when checked', ...why };
    case 'ERROR':
      return { kind: 'unsure', words: 'not known: the check went wrong', ...why };
    default:
      break;
  }
  if (profile && NO_CREDENTIAL_STATUSES.has(profile.status)) {
    return { kind: 'fails', words: waitsForPerson(profile) ?? `no credentials (${STATUS_LABEL[profile.status].toLowerCase()})`, ...(profile.error ? { why: profile.error.message } : {}) };
  }
  return { kind: 'unknown', words: 'not checked on this cluster yet' };
}

/** The context checks of the Your kubectl page as matrix cells: each context's own profile on its cluster. */
export function checkedCells(checked: KubectlContextView[] | undefined): MatrixCell[] {
  return (checked ?? []).flatMap((c) =>
    c.clusterArn && c.credential.profile && c.outcome
      ? [{
          profile: c.credential.profile, clusterArn: c.clusterArn, outcome: c.outcome, ms: 0,
          ...(c.username ? { username: c.username } : {}), ...(c.problem ? { message: c.problem } : {}),
          evidence: { steps: [], ...(c.identityArn ? { identityArn: c.identityArn } : {}) },
        } satisfies MatrixCell]
      : [],
  );
}

/**
 * Every listed profile's standing on one cluster: the matrix's last scan first, then the page's context checks
 * (`checked`, when the window was opened from the page). An empty knowledge gives "not checked on this cluster yet".
 */
export function standingsOn(
  clusterArn: string | undefined,
  profiles: ProfileView[],
  matrix: MatrixState | undefined,
  checked?: KubectlContextView[],
): Map<string, ProfileStanding> {
  const onCluster = (c: MatrixCell) => c.clusterArn === clusterArn;
  const cells = new Map((matrix?.matrix?.cells ?? []).filter(onCluster).map((c) => [c.profile, c]));
  const fromKubectl = new Map(checkedCells(checked).filter(onCluster).map((c) => [c.profile, c]));
  const cluster = matrix?.matrix?.clusters.find((c) => c.arn === clusterArn);
  const matrixProfiles = new Map((matrix?.matrix?.profiles ?? []).map((p) => [p.name, p]));
  const marks = kubectlMarks(matrix?.kubectl ?? []);
  return new Map(
    profiles.map((p) => {
      const matrixCell = clusterArn ? cells.get(p.name) : undefined;
      const kubectlCell = clusterArn && !matrixCell ? fromKubectl.get(p.name) : undefined;
      // The Access matrix's own rule for its greyed "Not expected" pairs.
      const mp = matrixProfiles.get(p.name);
      const otherAccount = Boolean(mp && cluster && notExpected(matrixCell, mp, cluster, marks));
      const standing = profileStanding(p, matrixCell ?? kubectlCell, { otherAccount });
      return [p.name, kubectlCell ? { ...standing, fromKubectl: true } : standing];
    }),
  );
}

/**
 * The profile to offer first: the context's own when it works, else the least-privileged one that works here (access
 * before full admin: nobody is pushed to an administrator's profile), else none.
 */
export function preferredProfile(current: string | undefined, standings: Map<string, ProfileStanding>): string | undefined {
  if (current && standings.get(current)?.kind === 'works') return current;
  const working = [...standings].filter(([, s]) => s.kind === 'works');
  return (working.find(([, s]) => !s.admin) ?? working[0])?.[0];
}

/** For a failing context's card: another profile that the matrix's last scan saw get into the cluster, access before admin. */
export function workingProfileOn(clusterArn: string | undefined, except: string | undefined, cells: Iterable<MatrixCell>): { profile: string; words: string; admin: boolean } | undefined {
  if (!clusterArn) return undefined;
  const working = [...cells].filter((c) => c.clusterArn === clusterArn && c.profile !== except && (c.outcome === 'ACCESS' || c.outcome === 'ADMIN'));
  const best = working.find((c) => c.outcome === 'ACCESS') ?? working[0];
  if (!best) return undefined;
  const admin = best.outcome === 'ADMIN';
  return { profile: best.profile, words: admin ? 'full admin' : 'can list services', admin };
}

/** What the app knows about the cluster as a whole, for the one plain line under the list. */
export function matrixKnowledge(clusterArn: string | undefined, matrix: MatrixState | undefined): 'scanned' | 'scanning' | 'not-scanned' {
  if (clusterArn && matrix?.matrix?.cells.some((c) => c.clusterArn === clusterArn)) return 'scanned';
  return matrix?.running ? 'scanning' : 'not-scanned';
}
