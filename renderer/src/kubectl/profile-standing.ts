// What the app already knows about an AWS profile on one cluster, in a few words for the "Use with kubectl" choice:
// the access matrix's last answer for that pair, else the profile's own sign-in check. Nothing is probed for it.
import type { MatrixCell, MatrixState } from '../../../shared/matrix-types.js';
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
}

const NO_CREDENTIAL_STATUSES = new Set(['expired', 'invalid', 'sso-login-needed', 'mfa-needed', 'error']);

/** The last part of an ARN is what a person recognises: user/alice, assumed-role/Developer/alice. */
function shortIdentity(cell: MatrixCell): string | undefined {
  const arn = cell.evidence.identityArn;
  return cell.username && !cell.username.startsWith('arn:') ? cell.username : arn ? arn.split(':').pop() : cell.username;
}

export function profileStanding(profile: ProfileView | undefined, cell: MatrixCell | undefined): ProfileStanding {
  const standing = standingOf(profile, cell);
  // A message that only repeats the words ("401 Unauthorized") adds nothing.
  if (standing.why && standing.words.toLowerCase().includes(standing.why.toLowerCase().replace(/\.$/, ''))) delete standing.why;
  return standing;
}

function standingOf(profile: ProfileView | undefined, cell: MatrixCell | undefined): ProfileStanding {
  const why = cell?.message ? { why: cell.message } : {};
  switch (cell?.outcome) {
    case 'ADMIN':
    case 'ACCESS': {
      const who = shortIdentity(cell);
      return { kind: 'works', words: `works here${cell.outcome === 'ADMIN' ? ' (full admin)' : ''}${who ? ` — signs in as ${who}` : ''}`, ...(who ? { signsInAs: who } : {}) };
    }
    case 'UNAUTHORIZED':
      return { kind: 'fails', words: 'refused by this cluster (401 Unauthorized)', ...why };
    case 'FORBIDDEN':
      return { kind: 'fails', words: `signs in${shortIdentity(cell) ? ` as ${shortIdentity(cell)}` : ''} but may do nothing here (403 Forbidden)`, ...why };
    case 'NO_CREDENTIALS':
      return { kind: 'fails', words: 'no credentials — it cannot sign in', ...why };
    case 'UNREACHABLE':
      return { kind: 'unsure', words: 'not known: the cluster did not answer when checked', ...why };
    case 'ERROR':
      return { kind: 'unsure', words: 'not known: the check went wrong', ...why };
    default:
      break;
  }
  if (profile && NO_CREDENTIAL_STATUSES.has(profile.status)) {
    return { kind: 'fails', words: `no credentials (${STATUS_LABEL[profile.status].toLowerCase()})`, ...(profile.error ? { why: profile.error.message } : {}) };
  }
  return { kind: 'unknown', words: 'not checked on this cluster yet' };
}

/** Every listed profile's standing on one cluster, from the matrix's last scan (an empty map when none ran). */
export function standingsOn(clusterArn: string | undefined, profiles: ProfileView[], matrix: MatrixState | undefined): Map<string, ProfileStanding> {
  const cells = new Map((matrix?.matrix?.cells ?? []).filter((c) => c.clusterArn === clusterArn).map((c) => [c.profile, c]));
  return new Map(profiles.map((p) => [p.name, profileStanding(p, clusterArn ? cells.get(p.name) : undefined)]));
}

/** The profile to offer first: the context's own when it works, else the first that works here, else none. */
export function preferredProfile(current: string | undefined, standings: Map<string, ProfileStanding>): string | undefined {
  if (current && standings.get(current)?.kind === 'works') return current;
  return [...standings].find(([, s]) => s.kind === 'works')?.[0];
}

/** What the app knows about the cluster as a whole, for the one plain line under the list. */
export function matrixKnowledge(clusterArn: string | undefined, matrix: MatrixState | undefined): 'scanned' | 'scanning' | 'not-scanned' {
  if (clusterArn && matrix?.matrix?.cells.some((c) => c.clusterArn === clusterArn)) return 'scanned';
  return matrix?.running ? 'scanning' : 'not-scanned';
}
