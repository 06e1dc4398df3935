// startSandbox: the whole simulated world on loopback — one HTTPS endpoint for every AWS service, one
// HTTPS API server per cluster — plus the state directory (config files, kubeconfig, env) pointing at it.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAwsServer } from './aws/server.js';
import { createSsoPageServer } from './aws/sso-page-server.js';
import { awsServices } from './aws/services.js';
import { reserveClosedPort, startClusterServer } from './k8s/server.js';
import { loadScenarioFile } from './scenario/load.js';
import type { Scenario } from './scenario/schema.js';
import { writeStateDir } from './state-dir.js';
import { mintStaticTokens } from './static-tokens.js';
import { createCertificateAuthority } from './tls.js';
import { World } from './world/world.js';

export { loadScenarioFile, parseScenario, ScenarioError } from './scenario/load.js';
export type { Scenario } from './scenario/schema.js';
export { World } from './world/world.js';

export interface SandboxHandle {
  /** The variables of `<stateDir>/env` (without its unset lines). */
  env: Record<string, string>;
  envFile: string;
  stateDir: string;
  awsEndpoint: string;
  world: World;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Where to write home/, env and ca.pem; a temporary folder (removed on stop) when absent. */
  stateDir?: string;
  /** Port of the AWS endpoint; 0 (any free port) when absent. */
  awsPort?: number;
}

export async function startSandbox(scenarioOrFile: Scenario | string, opts: StartOptions = {}): Promise<SandboxHandle> {
  const scenario = typeof scenarioOrFile === 'string' ? loadScenarioFile(scenarioOrFile) : scenarioOrFile;
  const ownsDir = !opts.stateDir;
  const stateDir = path.resolve(opts.stateDir ?? mkdtempSync(path.join(tmpdir(), 'eks-sandbox-')));
  mkdirSync(stateDir, { recursive: true });
  const world = new World(scenario);
  const closers: Array<() => Promise<void>> = [];
  const stop = async () => {
    await Promise.allSettled(closers.splice(0).map((close) => close()));
    if (ownsDir) rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    const [ca, staleCa] = await Promise.all([createCertificateAuthority('kubernetes'), createCertificateAuthority('kubernetes-deleted-cluster')]);
    const serverCert = await ca.issueServerCert();
    const aws = await createAwsServer(world, serverCert, awsServices, { port: opts.awsPort });
    closers.push(aws.close);
    const ssoPage = await createSsoPageServer(world);
    closers.push(ssoPage.close);
    for (const cluster of world.clusters) cluster.caData = ca.caData;
    const clusterServers = await Promise.all(world.clusters.map((c) => startClusterServer(world, c, serverCert)));
    for (const s of clusterServers) closers.push(s.close);
    const stalePort = await reserveClosedPort();
    const { envFile, env } = writeStateDir(world, stateDir, {
      awsEndpoint: aws.url,
      caPem: ca.certPem,
      stale: { endpoint: `https://127.0.0.1:${stalePort}`, caData: staleCa.caData },
      staticTokens: await mintStaticTokens(world, aws.url),
    });
    return { env, envFile, stateDir, awsEndpoint: aws.url, world, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
