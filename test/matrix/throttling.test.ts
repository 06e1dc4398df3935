// Throttling is AWS asking us to slow down, not a verdict on a profile: a cell whose credentials could not be
// fetched because AWS throttled the calls is an ERROR marked retryable (never NO_CREDENTIALS), keys whose identity
// check was throttled still find and probe clusters, and the SDK's adaptive retries carry a scan through.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isThrottled } from '../../electron/clusters/errors.js';
import { matrixJson } from '../../electron/matrix/json.js';
import type { MatrixSnapshot } from '../../electron/matrix/events.js';
import { scanOnce, scenarioWith, startSandbox, type SandboxHandle } from './support.js';

const DEMO = path.resolve(__dirname, '../../sandbox/scenarios/demo.yaml');
/** The demo's profiles that get their credentials from STS AssumeRole (without an MFA code). */
const ASSUME_ROLE = ['developer', 'devops'];

function outcomes(m: MatrixSnapshot, keep: (profile: string) => boolean = () => true): Record<string, string> {
  const byArn = new Map(m.clusters.map((c) => [c.arn, c.name]));
  const cells = m.cells.filter((c) => keep(c.profile));
  return Object.fromEntries(cells.map((c) => [`${c.profile} @ ${byArn.get(c.clusterArn)}`, `${c.outcome} ${c.username ?? ''}`.trim()]));
}

const throttledNoCredentials = (m: MatrixSnapshot) =>
  m.cells.filter((c) => c.outcome === 'NO_CREDENTIALS' && (isThrottled({ code: c.evidence.credentials?.code, message: c.evidence.credentials?.message }) || /rate exceeded/i.test(c.message ?? '')));

describe('a scan while AWS throttles', () => {
  const sandboxes: SandboxHandle[] = [];
  let baseline: MatrixSnapshot;
  const throttled = async (faults: Partial<SandboxHandle['world']['scenario']['faults']>) => {
    const s = await startSandbox(scenarioWith(DEMO, (sc) => (sc.faults = { ...sc.faults, ...faults })));
    sandboxes.push(s);
    return s;
  };

  beforeAll(async () => {
    const calm = await startSandbox(DEMO);
    sandboxes.push(calm);
    baseline = (await scanOnce(calm)).matrix;
  }, 60_000);
  afterAll(async () => {
    await Promise.all(sandboxes.map((s) => s.stop()));
  });

  it('STS refusing every call: assume-role cells are ERROR and retryable, and key profiles still find and probe every cluster', async () => {
    const sandbox = await throttled({ throttlePercent: 100, throttleServices: ['sts'] });
    const { matrix } = await scanOnce(sandbox, { awsMaxAttempts: 2 });

    expect(throttledNoCredentials(matrix)).toEqual([]);
    expect(matrix.clusters.map((c) => c.arn).sort()).toEqual(baseline.clusters.map((c) => c.arn).sort());
    const roleCells = matrix.cells.filter((c) => ASSUME_ROLE.includes(c.profile));
    expect(roleCells).toHaveLength(ASSUME_ROLE.length * baseline.clusters.length);
    for (const c of roleCells) {
      expect(c).toMatchObject({ outcome: 'ERROR', retryable: true, evidence: { credentials: { code: 'Throttling' } } });
      expect(c.message).toMatch(/^AWS throttled the calls for this profile's credentials \(Throttling: Rate exceeded\); try again/);
    }
    // Every identity check was throttled too, yet the rows with keys of their own are exactly what they are.
    expect(matrix.profiles.find((p) => p.name === 'default')).toMatchObject({ status: 'error', error: { code: 'Throttling' } });
    const others = (p: string) => !ASSUME_ROLE.includes(p);
    expect(outcomes(matrix, others)).toEqual(outcomes(baseline, others));
    expect(matrix.cells.filter((c) => c.retryable).every((c) => ASSUME_ROLE.includes(c.profile))).toBe(true);
    // `matrix --json` says so too, for scripts that retry.
    const json = matrixJson(matrix).cells;
    expect(json.filter((c) => c.retryable).length).toBe(roleCells.length);
    expect(json.find((c) => c.profile === 'default')).not.toHaveProperty('retryable');
  }, 120_000);

  it('every AWS service refusing 90% of calls: each cell is its true outcome or a retryable ERROR, never NO_CREDENTIALS for throttling', async () => {
    const sandbox = await throttled({ throttlePercent: 90 });
    const { matrix } = await scanOnce(sandbox, { awsMaxAttempts: 4 });

    expect(matrix.cancelled).toBe(false);
    expect(throttledNoCredentials(matrix)).toEqual([]);
    const truth = outcomes(baseline);
    const byArn = new Map(matrix.clusters.map((c) => [c.arn, c.name]));
    // Whether any cell stays throttled after the SDK's adaptive retries is chance; what each cell says is not.
    for (const c of matrix.cells) {
      const key = `${c.profile} @ ${byArn.get(c.clusterArn)}`;
      if (c.retryable) {
        expect(c.outcome).toBe('ERROR');
      } else {
        expect(`${key}: ${c.outcome} ${c.username ?? ''}`.trim()).toBe(`${key}: ${truth[key]}`);
      }
    }
  }, 180_000);

  it('moderate throttling (40% of every AWS call): every cell finishes with its true outcome', async () => {
    const sandbox = await throttled({ throttlePercent: 40 });
    const { matrix } = await scanOnce(sandbox);
    expect(matrix.cancelled).toBe(false);
    expect(matrix.failures).toEqual([]);
    expect(outcomes(matrix)).toEqual(outcomes(baseline));
    expect(matrix.cells.some((c) => c.retryable)).toBe(false);
    expect(matrix.stats.awsRequests).toBeGreaterThan(baseline.stats.awsRequests);
  }, 180_000);
});
