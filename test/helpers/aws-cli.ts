// Runs the real `aws` CLI in an isolated environment: its own HOME, config and credentials files,
// the sandbox endpoint and CA, and no AWS_* variables inherited from the machine.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AwsCliOptions {
  /** AWS_ENDPOINT_URL, e.g. the sandbox's https://127.0.0.1:<port>. */
  endpoint?: string;
  /** AWS_CA_BUNDLE: a PEM file with the sandbox CA. */
  caFile?: string;
  /** Written to <home>/.aws/config when given. */
  configText?: string;
  /** Written to <home>/.aws/credentials when given. */
  credentialsText?: string;
  /** Reuse this HOME (e.g. one holding an SSO token cache); default a fresh temp dir. */
  home?: string;
  /** Extra variables (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...), applied last. */
  env?: Record<string, string>;
  stdin?: string;
  timeoutMs?: number;
}

export interface AwsCliResult {
  code: number;
  stdout: string;
  stderr: string;
  home: string;
}

export function makeTempDir(prefix = 'aws-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes a PEM (the sandbox CA) to a temp file for AWS_CA_BUNDLE. */
export function writeCaFile(certPem: string, dir = makeTempDir('aws-ca-')): string {
  const file = join(dir, 'ca.pem');
  writeFileSync(file, certPem);
  return file;
}

/** The environment `aws` runs with: PATH and locale from this process, nothing AWS-related. */
export function awsCliEnv(home: string, opts: AwsCliOptions = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  if (process.env.PYENV_ROOT) env.PYENV_ROOT = process.env.PYENV_ROOT;
  if (opts.endpoint) env.AWS_ENDPOINT_URL = opts.endpoint;
  if (opts.caFile) env.AWS_CA_BUNDLE = opts.caFile;
  return { ...env, ...(opts.env ?? {}) };
}

export function runAws(args: string[], opts: AwsCliOptions = {}): Promise<AwsCliResult> {
  const home = opts.home ?? makeTempDir();
  mkdirSync(join(home, '.aws'), { recursive: true });
  if (opts.configText !== undefined) writeFileSync(join(home, '.aws', 'config'), opts.configText);
  if (opts.credentialsText !== undefined) writeFileSync(join(home, '.aws', 'credentials'), opts.credentialsText, { mode: 0o600 });
  return new Promise((resolve) => {
    const child = execFile(
      'aws',
      args,
      { env: awsCliEnv(home, opts), timeout: opts.timeoutMs ?? 30_000, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 255) : 0;
        resolve({ code, stdout, stderr, home });
      },
    );
    // aws may exit without reading its input: EPIPE on the pipe then says nothing about the command.
    child.stdin?.on('error', () => {});
    if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
    else child.stdin?.end();
  });
}

// --- a running AWS endpoint for tests: World from scenario YAML, a fresh CA, every service ---
import { cloudtrailService } from '../../sandbox/aws/cloudtrail.js';
import { eksService } from '../../sandbox/aws/eks.js';
import { logsService } from '../../sandbox/aws/logs.js';
import { createAwsServer, type AwsServerHandle } from '../../sandbox/aws/server.js';
import { ssoOidcService } from '../../sandbox/aws/sso-oidc.js';
import { ssoPortalService } from '../../sandbox/aws/sso-portal.js';
import { stsService } from '../../sandbox/aws/sts.js';
import type { SignedServiceHandler } from '../../sandbox/aws/types.js';
import { parseScenario } from '../../sandbox/scenario/load.js';
import { createCertificateAuthority } from '../../sandbox/tls.js';
import { World } from '../../sandbox/world/world.js';

export interface TestAwsEndpoint {
  world: World;
  server: AwsServerHandle;
  url: string;
  caPem: string;
  caFile: string;
  close(): Promise<void>;
}

/** `signedOverrides` replaces signed services (e.g. a test's own handler instead of another team's EKS). */
export async function startTestAwsEndpoint(scenarioYaml: string, signedOverrides: Record<string, SignedServiceHandler> = {}): Promise<TestAwsEndpoint> {
  const world = new World(parseScenario(scenarioYaml));
  const ca = await createCertificateAuthority('sandbox-aws-test');
  const cert = await ca.issueServerCert();
  const server = await createAwsServer(world, cert, {
    signed: { sts: stsService, eks: eksService, logs: logsService, cloudtrail: cloudtrailService, ...signedOverrides },
    ssoOidc: ssoOidcService,
    ssoPortal: ssoPortalService,
  });
  return { world, server, url: server.url, caPem: ca.certPem, caFile: writeCaFile(ca.certPem), close: () => server.close() };
}
