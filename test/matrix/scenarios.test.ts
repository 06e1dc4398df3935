// For every scenario: the matrix cell of each (profile, cluster) the scenario's `expect` names must say what
// real `kubectl get svc` says there (the scenario's expectations are checked against real kubectl by
// test/sandbox/scenarios-real-clients.test.ts), and show the same Kubernetes username.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatrixSnapshot } from '../../electron/matrix/events.js';
import type { CellOutcome } from '../../electron/probe/types.js';
import { cellOf, loadScenarioFile, scanOnce, startSandbox, type SandboxHandle } from './support.js';

const dir = path.resolve(__dirname, '../../sandbox/scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

const OUTCOMES: Record<string, CellOutcome[]> = {
  ok: ['ADMIN', 'ACCESS'],
  forbidden: ['FORBIDDEN'],
  unauthorized: ['UNAUTHORIZED'],
  unreachable: ['UNREACHABLE'],
  'exec-error': ['NO_CREDENTIALS'],
};

describe.each(files)('matrix of %s', (file) => {
  const scenario = loadScenarioFile(path.join(dir, file));
  const withProfile = scenario.expect.filter((e) => e.profile);
  let sandbox: SandboxHandle;
  let matrix: MatrixSnapshot;
  beforeAll(async () => {
    sandbox = await startSandbox(scenario);
    matrix = (await scanOnce(sandbox, { timeoutMs: 4000 })).matrix;
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('has a row for every profile and a cell for every row × column', () => {
    for (const p of scenario.profiles) expect(matrix.profiles.map((r) => r.name)).toContain(p.name);
    expect(matrix.cells.length).toBe(matrix.profiles.length * matrix.clusters.length);
    expect(matrix.cancelled).toBe(false);
  });

  it('searches each profile only in the regions of its own partition (a key means nothing in another)', () => {
    expect(matrix.failures.filter((f) => f.code === 'UnrecognizedClientException')).toEqual([]);
  });

  it.runIf(withProfile.length > 0).each(withProfile.map((e) => [e.profile!, e.cluster, e.getSvc, e] as const))(
    '%s on %s: kubectl get svc says %s',
    (profile, clusterName, getSvc, e) => {
      const region = scenario.clusters.find((c) => c.name === clusterName)!.region;
      const cell = cellOf(matrix, profile, clusterName, region);
      // A profile whose keys AWS rejects (deleted, inactive, expired): kubectl gets 401 or cannot even describe the
      // cluster, and the matrix says why — no usable credentials, with STS's code — instead of a 401 that looks like a mapping.
      const row = matrix.profiles.find((p) => p.name === profile)!;
      if (row.error && /InvalidClientTokenId|ExpiredToken/.test(row.error.code) && cell) {
        expect(['unauthorized', 'update-kubeconfig-fails']).toContain(getSvc);
        expect(cell.outcome).toBe('NO_CREDENTIALS');
        expect(cell.message).toContain(`(${row.error.code})`);
        expect(cell.evidence.credentials?.code).toBe(row.error.code);
        return;
      }
      if (getSvc === 'update-kubeconfig-fails') {
        // This profile cannot describe the cluster; another one could, and the cell was probed through it.
        const describers = matrix.clusters.find((c) => c.name === clusterName)?.describedBy ?? [];
        if (!describers.length) {
          expect(cell).toBeUndefined();
          return;
        }
        expect(cell, 'cell').toBeDefined();
        expect(describers).not.toContain(profile);
        expect(cell!.evidence.describedVia).toBe(describers[0]);
        expect(cell!.evidence.steps.map((s) => s.call)).toContain('SelfSubjectReview');
        expect(['ADMIN', 'ACCESS', 'FORBIDDEN', 'UNAUTHORIZED']).toContain(cell!.outcome);
        return;
      }
      expect(cell, 'cell').toBeDefined();
      expect({ outcome: cell!.outcome, message: cell!.message }).toMatchObject({ outcome: expect.toBeOneOf(OUTCOMES[getSvc]!) });
      if (e.username) expect(cell!.username).toBe(e.username);
    },
  );
});
