// The Matrix page's pure logic: column order and groups, filters, tooltips and the by-hand commands.
import { describe, expect, it } from 'vitest';
import type { MatrixCell, MatrixCluster, MatrixProfile } from '../../shared/matrix-types.js';
import { expectedProblem, kubectlMarks, kubectlWords, legendCounts, notExpected } from '../../renderer/src/matrix/expectations.js';
import { applyFilters, cellCommands, cellKey, cellTitle, columnGroups, hiddenWords, NO_FILTERS, onlyProblemsNote, orderClusters } from '../../renderer/src/matrix/format.js';

const cluster = (name: string, account: string, region: string): MatrixCluster => ({
  name, account, region, arn: `arn:aws:eks:${region}:${account}:cluster/${name}`, endpoint: 'https://x', describedBy: [],
});
const profile = (name: string, type: string, identityArn?: string): MatrixProfile => ({ name, type, region: 'us-east-1', status: 'valid', identityArn });

const clusters = [cluster('web-10', '2', 'us-east-1'), cluster('web-9', '2', 'us-east-1'), cluster('api', '1', 'eu-west-1'), cluster('db', '1', 'us-east-1')];
const profiles = [profile('alice', 'static', 'arn:aws:iam::1:user/alice'), profile('ops', 'sso'), profile('ci', 'assume-role')];
const cells = new Map<string, MatrixCell>();
const put = (p: string, c: MatrixCluster, outcome: MatrixCell['outcome'], extra: Partial<MatrixCell> = {}) =>
  cells.set(cellKey(p, c.arn), { profile: p, clusterArn: c.arn, outcome, ms: 1, evidence: { steps: [] }, ...extra });
for (const c of clusters) {
  put('alice', c, 'ADMIN', { username: 'alice', groups: ['system:masters'] });
  put('ops', c, c.name === 'api' ? 'UNAUTHORIZED' : 'ACCESS');
  put('ci', c, 'ACCESS');
}

describe('matrix page logic', () => {
  it('orders columns by account, region, then name (numbers as numbers) and groups them', () => {
    const ordered = orderClusters(clusters);
    expect(ordered.map((c) => c.name)).toEqual(['api', 'db', 'web-9', 'web-10']);
    expect(columnGroups(ordered)).toEqual([
      { account: '1', region: 'eu-west-1', start: 0, count: 1 },
      { account: '1', region: 'us-east-1', start: 1, count: 1 },
      { account: '2', region: 'us-east-1', start: 2, count: 2 },
    ]);
  });

  it('only problems keeps the rows and columns that have one', () => {
    const { rows, cols } = applyFilters(profiles, clusters, cells, { ...NO_FILTERS, onlyProblems: true });
    expect(rows.map((p) => p.name)).toEqual(['ops']);
    expect(cols.map((c) => c.name)).toEqual(['api']);
    // The legend then counts what stays shown, and a line says what was hidden.
    expect(legendCounts(rows, cols, cells, new Map(), { onlyProblems: true })).toMatchObject({ UNAUTHORIZED: 1, ACCESS: 0, ADMIN: 0 });
    expect(legendCounts(profiles, clusters, cells, new Map())).toMatchObject({ UNAUTHORIZED: 1, ACCESS: 7, ADMIN: 4, NOT_EXPECTED: 0 });
    // A cell being probed again shows "Probing…", not its old outcome: not counted as one.
    expect(legendCounts(profiles, clusters, cells, new Map(), { pending: new Set([cellKey('ops', clusters[2]!.arn)]) }).UNAUTHORIZED).toBe(0);
    expect(onlyProblemsNote(3, 1, 4, 1, 1)).toBe('Hiding 2 profiles and 3 clusters with no problem; the other cells without a problem (working, or not expected to work) are blanked.');
  });

  it('only problems says so when every profile and every cluster has a problem, so nothing could be hidden', () => {
    expect(onlyProblemsNote(12, 12, 6, 6, 41)).toMatch(/^Every profile and every cluster has at least one problem, so no row or column can be hidden/);
  });

  it('says what the filters hide, and nothing when they hide nothing ("Clear filters" then stays away)', () => {
    expect.hasAssertions();
    expect(hiddenWords(0, 0, 0)).toBeUndefined();
    expect(hiddenWords(0, 0, 31)).toBe('31 cells');
    expect(hiddenWords(1, 5, 0)).toBe('1 profile and 5 clusters');
    expect(hiddenWords(2, 1, 1)).toBe('2 profiles, 1 cluster and 1 cell');
  });

  it('filters by account, region and profile type', () => {
    expect(applyFilters(profiles, clusters, cells, { ...NO_FILTERS, accounts: ['2'] }).cols.map((c) => c.name)).toEqual(['web-10', 'web-9']);
    expect(applyFilters(profiles, clusters, cells, { ...NO_FILTERS, regions: ['eu-west-1'] }).cols.map((c) => c.name)).toEqual(['api']);
    expect(applyFilters(profiles, clusters, cells, { ...NO_FILTERS, types: ['sso', 'static'] }).rows.map((p) => p.name)).toEqual(['alice', 'ops']);
  });

  it('text keeps matching rows, matching columns, or both; nothing when nothing matches', () => {
    const f = (text: string) => {
      const { rows, cols } = applyFilters(profiles, clusters, cells, { ...NO_FILTERS, text });
      return [rows.map((p) => p.name), cols.map((c) => c.name)];
    };
    expect(f('web')).toEqual([['alice', 'ops', 'ci'], ['web-10', 'web-9']]);
    expect(f('user/alice')).toEqual([['alice'], ['web-10', 'web-9', 'api', 'db']]);
    expect(f('SSO')).toEqual([['ops'], ['web-10', 'web-9', 'api', 'db']]); // the type's label
    expect(f('zzz')).toEqual([[], []]);
  });

  it('tooltips carry username and groups; commands name the cell', () => {
    const api = clusters[2]!;
    expect(cellTitle(cells.get(cellKey('alice', api.arn)), 'alice', api)).toBe('alice on api (eu-west-1): Admin\nUsername: alice\nGroups: system:masters');
    expect(cellTitle(undefined, 'alice', api)).toBe('alice on api: not probed yet');
    expect(cellCommands('ops', api, '/tmp').map((c) => c.command)).toEqual([
      'aws sts get-caller-identity --profile ops',
      'aws eks update-kubeconfig --name api --region eu-west-1 --profile ops --kubeconfig /tmp/eks-check-api',
      'kubectl auth whoami --kubeconfig /tmp/eks-check-api',
      'kubectl get svc --kubeconfig /tmp/eks-check-api',
    ]);
    // On Windows the temp folder, in double quotes when it has a space (bash, PowerShell and cmd read them alike).
    expect(cellCommands('ops', api, 'C:\\Users\\Ann Lee\\AppData\\Local\\Temp').at(-1)!.command).toBe('kubectl get svc --kubeconfig "C:\\Users\\Ann Lee\\AppData\\Local\\Temp\\eks-check-api"');
  });
});

describe('which cells matter: kubectl\'s, and the pairs nobody expects', () => {
  const mine = cluster('shop', '1', 'us-east-1');
  const theirs = cluster('bank', '2', 'us-east-1');
  const dev = { ...profile('dev', 'static', 'arn:aws:iam::1:user/dev'), account: '1' };
  const cells = new Map<string, MatrixCell>();
  const put = (p: string, c: MatrixCluster, outcome: MatrixCell['outcome']) => cells.set(cellKey(p, c.arn), { profile: p, clusterArn: c.arn, outcome, ms: 1, evidence: { steps: [] } });
  put('dev', mine, 'UNAUTHORIZED');
  put('dev', theirs, 'UNAUTHORIZED');

  it('marks the cells kubectl uses, the current context apart, in words', () => {
    const marks = kubectlMarks([
      { context: 'shop', current: true, profile: 'dev', clusterArn: mine.arn },
      { context: 'shop-admin', current: false, profile: 'dev', clusterArn: mine.arn },
    ]);
    expect(marks.get(cellKey('dev', mine.arn))).toEqual({ contexts: ['shop', 'shop-admin'], current: true });
    expect(kubectlWords(marks.get(cellKey('dev', mine.arn)))).toBe("kubectl's current context (shop, shop-admin)");
    expect(kubectlWords(undefined)).toBeUndefined();
  });

  it('another account, not named by kubectl and refused: not expected, and not a problem to show', () => {
    const none = kubectlMarks([]);
    expect(notExpected(cells.get(cellKey('dev', theirs.arn)), dev, theirs, none)).toBe(true);
    expect(notExpected(cells.get(cellKey('dev', mine.arn)), dev, mine, none)).toBe(false);
    // kubectl naming the pair makes it expected.
    const named = kubectlMarks([{ context: 'bank', current: false, profile: 'dev', clusterArn: theirs.arn }]);
    expect(notExpected(cells.get(cellKey('dev', theirs.arn)), dev, theirs, named)).toBe(false);
    // Only problems keeps the expected failure only.
    const only = applyFilters([dev], [mine, theirs], cells, { ...NO_FILTERS, onlyProblems: true }, (cell, p, c) => expectedProblem(cell, p, c, none));
    expect(only.cols.map((c) => c.name)).toEqual(['shop']);
  });

  it('the legend counts a greyed pair as "Not expected", not as the 401 it does not show', () => {
    const none = kubectlMarks([]);
    expect(legendCounts([dev], [mine, theirs], cells, none)).toMatchObject({ UNAUTHORIZED: 1, NOT_EXPECTED: 1 });
    // Once kubectl names the pair it is expected, shown as a 401 and counted as one.
    const named = kubectlMarks([{ context: 'bank', current: false, profile: 'dev', clusterArn: theirs.arn }]);
    expect(legendCounts([dev], [mine, theirs], cells, named)).toMatchObject({ UNAUTHORIZED: 2, NOT_EXPECTED: 0 });
    // With "Only problems" the greyed pair is blanked: counted nowhere.
    expect(legendCounts([dev], [mine, theirs], cells, none, { onlyProblems: true })).toMatchObject({ UNAUTHORIZED: 1, NOT_EXPECTED: 0 });
    // Only the cells of the rows and columns shown.
    expect(legendCounts([dev], [theirs], cells, none)).toMatchObject({ UNAUTHORIZED: 0, NOT_EXPECTED: 1 });
  });

  it('the account filter filters rows too; a profile of unknown account stays', () => {
    const other = { ...profile('ext', 'static'), account: '2' };
    const unknown = profile('broken', 'static');
    expect(applyFilters([dev, other, unknown], [mine, theirs], cells, { ...NO_FILTERS, accounts: ['2'] }).rows.map((p) => p.name)).toEqual(['ext', 'broken']);
  });
});
