import type { MatrixCell, MatrixCluster, MatrixOutcome, MatrixProfile } from '../../../shared/matrix-types.js';
import { OK_OUTCOMES } from '../../../shared/matrix-types.js';
import { TYPE_LABEL } from '../../../shared/profile-words.js';
import { parsePrincipal } from '../../../shared/arn.js';
import { probeMessageWords } from '../../../shared/network-words.js';

/** The short word shown in a cell (with an icon: never colour alone). */
export const OUTCOME_WORD: Record<MatrixOutcome, string> = {
  ADMIN: 'Admin',
  ACCESS: 'Access',
  FORBIDDEN: 'Forbidden',
  UNAUTHORIZED: '401 Unauthorized',
  NO_CREDENTIALS: 'No credentials',
  UNREACHABLE: 'Unreachable',
  ERROR: 'Error',
};

/** One sentence per outcome, for the side panel. */
export const OUTCOME_MEANING: Record<MatrixOutcome, string> = {
  ADMIN: 'Signed in, and may do everything on this cluster.',
  ACCESS: 'Signed in, and may at least list services in the default namespace.',
  FORBIDDEN: 'Signed in, but not allowed to do any of the things the probe asked.',
  UNAUTHORIZED: 'The cluster rejected the identity: "You must be logged in to the server (Unauthorized)".',
  NO_CREDENTIALS: 'The profile gives no usable AWS credentials, so no token could be made.',
  UNREACHABLE: 'The cluster endpoint did not answer (network, private endpoint or TLS).',
  ERROR: 'Something else went wrong; the message below says what.',
};

export const typeLabel = (type: string) => (TYPE_LABEL as Record<string, string>)[type] ?? type;

export const isProblem = (outcome: MatrixOutcome) => !OK_OUTCOMES.includes(outcome);

export const cellKey = (profile: string, clusterArn: string) => `${profile}\u0000${clusterArn}`;

/** The tooltip of a cell: outcome, who the cluster sees, and the one-line reason. */
export function cellTitle(cell: MatrixCell | undefined, profile: string, cluster: MatrixCluster): string {
  if (!cell) return `${profile} on ${cluster.name}: not probed yet`;
  const lines = [`${profile} on ${cluster.name} (${cluster.region}): ${OUTCOME_WORD[cell.outcome]}`];
  if (cell.username !== undefined) lines.push(`Username: ${cell.username || '(empty)'}`);
  if (cell.groups?.length) lines.push(`Groups: ${cell.groups.join(', ')}`);
  if (cell.message) lines.push(probeMessageWords(cell.message).words);
  return lines.join('\n');
}

/**
 * A cell's accessible name: first what it shows (its word and the kubectl tag, as a screen reader user's
 * voice command would name it), then whose and where; the outcome is said once (the word, or in brackets for a
 * greyed "Not expected" cell), never again from the tooltip's first line.
 */
export function cellAccessibleName(shown: string, tag: string | undefined, profile: string, cluster: MatrixCluster, cell: MatrixCell | undefined, notes: string[]): string {
  const outcome = cell && shown !== OUTCOME_WORD[cell.outcome] ? ` (${OUTCOME_WORD[cell.outcome]})` : '';
  const parts = [`${shown}${tag ? ` ${tag}` : ''}${outcome}: ${profile} on ${cluster.name} (${cluster.region})`];
  if (cell?.username !== undefined) parts.push(`username ${cell.username || '(empty)'}`);
  if (cell?.groups?.length) parts.push(`groups ${cell.groups.join(', ')}`);
  // The probe's message often repeats the outcome ("401 Unauthorized"): said once is enough.
  const word = cell ? OUTCOME_WORD[cell.outcome] : shown;
  const message = (cell?.message ? probeMessageWords(cell.message).words : undefined)?.split(word).join(' ').replace(/^[\s:.,;—-]+|[\s:.,;—-]+$/g, '');
  if (message) parts.push(message);
  return [...parts, ...notes].join('. ');
}

/**
 * A throwaway kubeconfig file for a check by hand, in `tempDir`: update-kubeconfig writes there instead of into
 * the user's kubeconfig (where it would replace the entry and switch kubectl's current context).
 */
export function checkKubeconfigPath(cluster: Pick<MatrixCluster, 'name'>, tempDir: string): string {
  const sep = tempDir.includes('\\') ? '\\' : '/';
  const path = `${tempDir.replace(/[\\/]+$/, '')}${sep}eks-check-${cluster.name}`;
  // Double quotes around a path with spaces read the same in bash, zsh, PowerShell and cmd.
  return /^[\w@%+=:,./\\-]+$/.test(path) ? path : `"${path}"`;
}

/**
 * The commands a person would run by hand for this cell (the AWS troubleshooting article's steps), each leaving
 * their own kubeconfig as it is: the cluster's entry goes into a throwaway file that kubectl then reads.
 */
export function cellCommands(profile: string, cluster: Pick<MatrixCluster, 'name' | 'region'>, tempDir: string): { title: string; command: string }[] {
  const file = checkKubeconfigPath(cluster, tempDir);
  return [
    { title: 'Who AWS says this profile is', command: `aws sts get-caller-identity --profile ${profile}` },
    {
      title: "Write the cluster's entry for this profile into a throwaway file (your own kubeconfig stays as it is)",
      command: `aws eks update-kubeconfig --name ${cluster.name} --region ${cluster.region} --profile ${profile} --kubeconfig ${file}`,
    },
    { title: 'Who the cluster says you are', command: `kubectl auth whoami --kubeconfig ${file}` },
    { title: 'Check that kubectl gets in: list the services (the check AWS\'s troubleshooting guide suggests)', command: `kubectl get svc --kubeconfig ${file}` },
  ];
}

export interface ColumnGroup {
  account: string;
  region: string;
  start: number;
  count: number;
}

/** Columns ordered by account, region, name; and the runs of columns that share an account and region. */
export function orderClusters(clusters: MatrixCluster[]): MatrixCluster[] {
  return [...clusters].sort((a, b) => a.account.localeCompare(b.account) || a.region.localeCompare(b.region) || a.name.localeCompare(b.name, undefined, { numeric: true }));
}

export function columnGroups(ordered: MatrixCluster[]): ColumnGroup[] {
  const groups: ColumnGroup[] = [];
  ordered.forEach((c, i) => {
    const last = groups.at(-1);
    if (last && last.account === c.account && last.region === c.region) last.count++;
    else groups.push({ account: c.account, region: c.region, start: i, count: 1 });
  });
  return groups;
}

export interface MatrixFilters {
  onlyProblems: boolean;
  accounts: string[];
  regions: string[];
  types: string[];
  text: string;
}

export const NO_FILTERS: MatrixFilters = { onlyProblems: false, accounts: [], regions: [], types: [], text: '' };

function matchesText(values: (string | null | undefined)[], needle: string): boolean {
  return values.some((v) => (v ?? '').toLowerCase().includes(needle));
}

/**
 * The rows and columns left after the filters. Text keeps the rows it matches and the columns it matches
 * (when it matches only rows, every column stays, and the other way round). "Only problems" drops rows and
 * columns without a failing cell someone expects to work; the other cells are blanked by the grid.
 */
export function applyFilters(
  profiles: MatrixProfile[],
  clusters: MatrixCluster[],
  cells: Map<string, MatrixCell>,
  f: MatrixFilters,
  /** A failing cell someone expects to work ("Only problems" keeps only those); default: any failing cell. */
  expected?: (cell: MatrixCell | undefined, p: MatrixProfile, c: MatrixCluster) => boolean,
): { rows: MatrixProfile[]; cols: MatrixCluster[] } {
  let rows = f.types.length ? profiles.filter((p) => f.types.includes(p.type)) : profiles;
  let cols = clusters.filter((c) => (!f.accounts.length || f.accounts.includes(c.account)) && (!f.regions.length || f.regions.includes(c.region)));
  const needle = f.text.trim().toLowerCase();
  if (needle) {
    const r = rows.filter((p) => matchesText([p.name, p.identityArn, p.account, typeLabel(p.type)], needle));
    const c = cols.filter((c) => matchesText([c.name, c.arn, c.account, c.region], needle));
    if (r.length && c.length) {
      rows = r;
      cols = c;
    } else if (r.length) rows = r;
    else if (c.length) cols = c;
    else {
      rows = [];
      cols = [];
    }
  }
  // The account filter keeps that account's clusters and profiles (a profile whose account is unknown stays).
  if (f.accounts.length) rows = rows.filter((p) => !p.account || f.accounts.includes(p.account));
  if (f.onlyProblems) {
    const problem = (p: MatrixProfile, c: MatrixCluster) => {
      const cell = cells.get(cellKey(p.name, c.arn));
      return expected ? expected(cell, p, c) : cell !== undefined && isProblem(cell.outcome);
    };
    rows = rows.filter((p) => cols.some((c) => problem(p, c)));
    cols = cols.filter((c) => rows.some((p) => problem(p, c)));
  }
  return { rows, cols };
}

export function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/**
 * A profile's identity as the matrix row shows it: the useful end of the ARN (the user or role name) first, then its
 * kind and the account, e.g. "Developer (role) · 111122223333", so a narrow row cuts the account, not the name (the
 * full ARN goes in the row's tooltip).
 */
export function identityShort(arn: string): string {
  const p = parsePrincipal(arn);
  if (!p) return arn;
  const who =
    p.kind === 'user' ? `${p.name} (user)`
    : p.kind === 'role' || p.kind === 'assumed-role' ? roleWords(p.name)
    : p.kind === 'root' ? 'the account root user'
    : `${p.name} (federated user)`;
  return `${who} · ${p.account}`;
}

/** "AWSReservedSSO_ReadOnly_2b7d4e6f8a9c0d1e" is the IAM Identity Center permission set "ReadOnly". */
function roleWords(role: string): string {
  const sso = /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/.exec(role);
  return sso ? `${sso[1]} (SSO role)` : `${role} (role)`;
}

/**
 * The line under the filters while "Only problems" is on: what it hid, or — when every profile and every cluster
 * has a problem — that no row or column could go and only the cells without one are blanked.
 */
export function onlyProblemsNote(rowsBefore: number, rowsAfter: number, colsBefore: number, colsAfter: number, problems: number): string {
  if (problems === 0) return 'No cell has a problem someone expects to work: nothing to show.';
  const blanked = 'cells without a problem (working, or not expected to work) are blanked';
  if (rowsBefore === rowsAfter && colsBefore === colsAfter) {
    return `Every profile and every cluster has at least one problem, so no row or column can be hidden — only the ${blanked}.`;
  }
  const hid = [
    rowsBefore > rowsAfter ? `${rowsBefore - rowsAfter} ${rowsBefore - rowsAfter === 1 ? 'profile' : 'profiles'}` : '',
    colsBefore > colsAfter ? `${colsBefore - colsAfter} ${colsBefore - colsAfter === 1 ? 'cluster' : 'clusters'}` : '',
  ].filter(Boolean);
  return `Hiding ${hid.join(' and ')} with no problem; the other ${blanked}.`;
}

/** What the filters hide, in words ("2 profiles, 1 cluster and 31 cells"); undefined when they hide nothing. */
export function hiddenWords(profiles: number, clusters: number, cells: number): string | undefined {
  const parts = ([[profiles, 'profile'], [clusters, 'cluster'], [cells, 'cell']] as const)
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}${n === 1 ? '' : 's'}`);
  if (!parts.length) return undefined;
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
