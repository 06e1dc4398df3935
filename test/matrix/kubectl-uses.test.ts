// The matrix service reads which contexts kubectl uses when the scan's discovery has ended (not as it starts,
// where the kubeconfig's parse would hold up the scan's first calls), and the scan's end waits for that read:
// the state the page asks for after 'done' has the pairs, and later events keep their order.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MatrixScan } from '../../electron/matrix/engine.js';
import type { MatrixSnapshot, ScanEvent } from '../../electron/matrix/events.js';
import { MatrixService } from '../../electron/matrix/service.js';
import type { MatrixEventPayload, MatrixKubectlUse } from '../../shared/matrix-types.js';

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/payments';
const dir = mkdtempSync(join(tmpdir(), 'kubectl-uses-'));
const kubeconfig = join(dir, 'config');
writeFileSync(
  kubeconfig,
  [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${ARN}`,
    'clusters:',
    `- name: ${ARN}`,
    '  cluster: { server: "https://payments.example" }',
    'contexts:',
    `- name: ${ARN}`,
    `  context: { cluster: "${ARN}", user: "${ARN}" }`,
    'users:',
    `- name: ${ARN}`,
    '  user:',
    '    exec: { apiVersion: client.authentication.k8s.io/v1beta1, command: aws, args: [eks, get-token, --cluster-name, payments, --profile, bob] }',
    '',
  ].join('\n'),
);

/** A scan whose events the test sends: only what the service reads of one. */
function fakeScan(): MatrixScan & { send(e: ScanEvent): void } {
  const scan = new EventEmitter() as unknown as MatrixScan & { send(e: ScanEvent): void };
  const snapshot = { profiles: [], clusters: [{ arn: ARN, name: 'payments', region: 'us-east-1', endpoint: 'https://payments.example', describedBy: ['bob'] }], cells: [], denials: [], failures: [], regions: [], elapsedMs: 0, cancelled: false, stats: {} };
  Object.assign(scan, {
    done: new Promise(() => {}),
    snapshot: () => snapshot as unknown as MatrixSnapshot,
    close: () => {},
    cancel: () => {},
    send: (e: ScanEvent) => scan.emit('event', e),
  });
  return scan;
}

describe("kubectl's contexts in the matrix service", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("are in the state when the scan's end reaches the page, and the events after it keep their order", async () => {
    const scan = fakeScan();
    const seen: Array<{ type: string; kubectl?: MatrixKubectlUse[] }> = [];
    const service: MatrixService = new MatrixService({
      env: { KUBECONFIG: kubeconfig, HOME: dir },
      startScan: () => scan,
      emit: (p: MatrixEventPayload) => seen.push({ type: p.event.type, kubectl: service.state().kubectl }),
    });
    await service.start({});
    // Discovery ends and the scan ends at once, before any file could have been read; then a re-run starts.
    scan.send({ type: 'progress', done: 1, total: 1, elapsedMs: 5, discovering: false });
    scan.send({ type: 'done', cancelled: false, elapsedMs: 5, rerun: false });
    scan.send({ type: 'progress', done: 0, total: 1, elapsedMs: 0, discovering: false });
    await expect.poll(() => seen.length).toBe(3);
    expect(seen.map((s) => s.type)).toEqual(['progress', 'done', 'progress']);
    expect(seen[1]!.kubectl).toEqual([{ context: ARN, current: true, profile: 'bob', clusterArn: ARN }]);
  });
});
