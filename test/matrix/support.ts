// Runs the matrix scan against a sandbox, as the app does: the sandbox's env over a clean base.
import { loadScenarioFile, startSandbox, type SandboxHandle, type Scenario } from '../../sandbox/index.js';
import { MatrixScan } from '../../electron/matrix/engine.js';
import type { MatrixSnapshot, ScanEvent } from '../../electron/matrix/events.js';
import type { ScanSettings } from '../../electron/matrix/settings.js';
import type { CellResult } from '../../electron/probe/types.js';
import type { Env } from '../../electron/profiles/deps.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export function appEnv(sandbox: SandboxHandle): Env {
  return { PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: 'true', ...sandbox.env };
}

export async function scanOnce(sandbox: SandboxHandle, settings: Partial<ScanSettings> = {}): Promise<{ matrix: MatrixSnapshot; events: ScanEvent[] }> {
  const scan = new MatrixScan(settings, { env: appEnv(sandbox) });
  const events: ScanEvent[] = [];
  scan.on('event', (e: ScanEvent) => events.push(e));
  try {
    return { matrix: await scan.done, events };
  } finally {
    scan.close();
  }
}

export function cellOf(matrix: MatrixSnapshot, profile: string, clusterName: string, region?: string): CellResult | undefined {
  const cluster = matrix.clusters.find((c) => c.name === clusterName && (!region || c.region === region));
  return cluster && matrix.cells.find((c) => c.profile === profile && c.clusterArn === cluster.arn);
}

export function scenarioWith(file: string, patch: (s: Scenario) => void): Scenario {
  const s = loadScenarioFile(file);
  patch(s);
  return s;
}

export { startSandbox, loadScenarioFile, type SandboxHandle, type Scenario };
